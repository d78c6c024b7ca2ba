import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  ActionListEntity,
  SecurityEventEntity,
  WorkingGroupEntity,
  READ_MODEL_ENTITIES,
  READ_MODEL_MIGRATIONS,
  runReadModelMigrations,
} from '#read-models';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

describe('read-model schema', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('schema');
    expect(await runReadModelMigrations(db.url)).toEqual([
      'ReadModels1767225700000',
      'AccessReadModels1767225800000',
      'MeetingReadModels1767225900000',
      'SignalReadModels1767226000000',
      'PlanPublication1767226100000',
      'AuditTrail1767226370000',
    ]);
    expect(await runReadModelMigrations(db.url)).toEqual([]); // idempotent
    dataSource = new DataSource({
      type: 'postgres',
      url: db.url,
      entities: [...READ_MODEL_ENTITIES],
      logging: false,
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('the migrations create exactly what the TypeORM entities describe', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('every table carries its tenant (apart from the checkpoints)', async () => {
    const { rows } = await dataSource
      .query(
        `
      select table_name from information_schema.tables t
       where table_schema = 'public' and table_name like 'rm\\_%'
         and not exists (select 1 from information_schema.columns c
                          where c.table_name = t.table_name and c.column_name = 'tenant_id')`,
      )
      .then((r: unknown[]) => ({ rows: r }));
    expect(rows).toEqual([]);
  });

  it('the entities read the rows', async () => {
    await dataSource.query(
      `insert into rm_actions values ('t', 'a', 'p', '1.1', '1.1', 'Title', '', 'in_progress', 'th', 'g', '{th,g}', null, '{}', '{x}', 10, '2026-01-01', false, false, 0, 0, 3, now(), now(), '0-0')`,
    );
    const row = await dataSource.getRepository(ActionListEntity).findOneByOrFail({ tenantId: 't', id: 'a' });
    expect(row).toMatchObject({ goalPath: ['th', 'g'], tags: ['x'], dueDate: '2026-01-01', version: 3 });
  });

  it('the access entities read their arrays and json', async () => {
    await dataSource.query(
      `insert into rm_working_groups values ('t', 'wg', 'p', 'Wonen', '', '{th}', '{a1,a2}', false, null, 2, 3, now(), now(), '0-0')`,
    );
    await dataSource.query(
      `insert into rm_security_events values ('0-1', 't', 'u', 'UserLoggedIn', now(), 'u', '{"userId":"u","sessionId":"s"}')`,
    );
    expect(
      await dataSource.getRepository(WorkingGroupEntity).findOneByOrFail({ tenantId: 't', id: 'wg' }),
    ).toMatchObject({ themeIds: ['th'], actionIds: ['a1', 'a2'], memberCount: 2, archivedReason: null });
    expect(
      await dataSource.getRepository(SecurityEventEntity).findOneByOrFail({ position: '0-1' }),
    ).toMatchObject({ details: { userId: 'u', sessionId: 's' } });
  });

  it('down() drops everything, newest migration first', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      for (const Migration of [...READ_MODEL_MIGRATIONS].reverse()) await new Migration().down(runner);
      const tables = await runner.query(
        `select count(*)::int as n from information_schema.tables where table_schema = 'public' and (table_name like 'rm\\_%' or table_name = 'projection_checkpoints')`,
      );
      expect(tables[0].n).toBe(0);
    } finally {
      await runner.release();
    }
  });
});
