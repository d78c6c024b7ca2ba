import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import {
  READ_MODEL_MIGRATIONS,
  READ_MODEL_TABLES,
  loadRowsByKeys,
  auditTrailClockTable,
  auditTrailTable,
  runReadModelMigrations,
  type ActionRow,
  type AuditTrailClockRow,
  type AuditTrailRow,
  type SecurityEventRow,
  type SqlType,
  type WorkingGroupRow,
} from '#read-models';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

/** how PostgreSQL names each declared type (`format_type`) */
const PG_TYPE: Record<SqlType, string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamp with time zone',
  json: 'json',
  jsonb: 'jsonb',
  'text[]': 'text[]',
  'double precision': 'double precision',
};

describe('read-model schema', () => {
  let db: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase('schema');
    expect(await runReadModelMigrations(db.url)).toEqual([
      'ReadModels1767225700000',
      'AccessReadModels1767225800000',
      'MeetingReadModels1767225900000',
      'SignalReadModels1767226000000',
      'PlanPublication1767226100000',
      'AuditTrail1767226370000',
      'RowVersions1767227000000',
      'PlanReporting1767227100000',
      'ReportingPeriods1767227200000',
      'ActionChanges1767227300000',
      'PeriodUpdateVersions1767227800000',
      'TenantReplays1767227900000',
    ]);
    expect(await runReadModelMigrations(db.url)).toEqual([]); // idempotent
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('the migrations create exactly the tables the read models declare (row.ts), and no other', async () => {
    const { rows } = await pool.query<{ table_name: string }>(
      `select table_name from information_schema.tables
        where table_schema = 'public'
          and (table_name like 'rm\\_%' or table_name in ('projection_checkpoints', 'projection_tenant_replays'))
        order by table_name`,
    );
    expect(rows.map((row) => row.table_name)).toEqual(READ_MODEL_TABLES.map((table) => table.name).sort());
  });

  it.each(READ_MODEL_TABLES.map((table) => [table.name, table] as const))(
    '%s: columns (name, type, null, default, order), primary key and indexes as declared',
    async (name, table) => {
      const columns = await pool.query<{
        name: string;
        type: string;
        nullable: boolean;
        default: string | null;
      }>(
        `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, not a.attnotnull as nullable,
                pg_get_expr(d.adbin, d.adrelid) as default
           from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
          where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
          order by a.attnum`,
        [name],
      );
      expect(columns.rows).toEqual(
        Object.entries(table.columns).map(([column, spec]) => ({
          name: column,
          type: PG_TYPE[spec.type],
          nullable: spec.nullable,
          default: spec.default ?? null,
        })),
      );
      const primaryKey = await pool.query<{ name: string }>(
        `select a.attname as name
           from pg_index i, unnest(i.indkey) with ordinality as k(attnum, n)
           join pg_attribute a on a.attrelid = $1::regclass and a.attnum = k.attnum
          where i.indrelid = $1::regclass and i.indisprimary order by k.n`,
        [name],
      );
      expect(primaryKey.rows.map((row) => row.name)).toEqual(table.primaryKey);
      const indexes = await pool.query<{ indexdef: string }>(
        `select indexdef from pg_indexes where schemaname = 'public' and tablename = $1
            and indexname <> (select conname from pg_constraint where conrelid = $1::regclass and contype = 'p')
          order by indexname`,
        [name],
      );
      expect(indexes.rows.map((row) => row.indexdef)).toEqual(
        [...table.indexes]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map(
            (index) =>
              `CREATE INDEX ${index.name} ON public.${name} USING btree (${index.columns})` +
              (index.include === undefined ? '' : ` INCLUDE (${index.include})`) +
              (index.where === undefined ? '' : ` WHERE ${index.where}`),
          ),
      );
    },
  );

  it('every table carries its tenant (apart from the checkpoints)', async () => {
    const { rows } = await pool.query(
      `
      select table_name from information_schema.tables t
       where table_schema = 'public' and table_name like 'rm\\_%'
         and not exists (select 1 from information_schema.columns c
                          where c.table_name = t.table_name and c.column_name = 'tenant_id')`,
    );
    expect(rows).toEqual([]);
  });

  it('the rows read back as their declared JSON values (what projections load and queries map)', async () => {
    await pool.query(
      `insert into rm_actions values ('t', 'a', 'p', '1.1', '1.1', 'Title', '', 'in_progress', 'th', 'g', '{th,g}', null, '{}', '{x}', 10, '2026-01-01', false, false, 0, 0, 3, now(), now(), '0-0')`,
    );
    const [row] = await loadRowsByKeys<ActionRow>(
      pool,
      'rm_actions',
      ['tenant_id', 'id'],
      [{ tenant_id: 't', id: 'a' }],
    );
    expect(row).toMatchObject({ goal_path: ['th', 'g'], tags: ['x'], due_date: '2026-01-01', version: 3 });
    expect(typeof row!.created_at).toBe('string');
    expect(new Date(row!.created_at).getTime()).not.toBeNaN();
  });

  it('the access rows read back their arrays and json', async () => {
    await pool.query(
      `insert into rm_working_groups values ('t', 'wg', 'p', 'Wonen', '', '{th}', '{a1,a2}', false, null, 2, 3, now(), now(), '0-0')`,
    );
    await pool.query(
      `insert into rm_security_events values ('0-1', 't', 'u', 'UserLoggedIn', now(), 'u', '{"userId":"u","sessionId":"s"}')`,
    );
    expect(
      (
        await loadRowsByKeys<WorkingGroupRow>(
          pool,
          'rm_working_groups',
          ['tenant_id', 'id'],
          [{ tenant_id: 't', id: 'wg' }],
        )
      )[0],
    ).toMatchObject({ theme_ids: ['th'], action_ids: ['a1', 'a2'], member_count: 2, archived_reason: null });
    expect(
      (
        await loadRowsByKeys<SecurityEventRow>(
          pool,
          'rm_security_events',
          ['position'],
          [{ position: '0-1' }],
        )
      )[0],
    ).toMatchObject({ details: { userId: 'u', sessionId: 's' } });
  });

  it('the audit-trail rows read back their bigint as a number and their json as written', async () => {
    await pool.query(`insert into rm_audit_trail_clock values ('t', '2026-01-01T10:00:00Z', 90061000)`);
    await pool.query(
      `insert into rm_audit_trail values ('0-2', 't', 's', 1, 'ActionAdded', 'action', 'a', now(), now(), 'u', 'a', null, null, '{"actionId":"a"}')`,
    );
    const [clock] = await loadRowsByKeys<AuditTrailClockRow>(
      pool,
      auditTrailClockTable.name,
      auditTrailClockTable.primaryKey,
      [{ tenant_id: 't' }],
    );
    expect(clock).toMatchObject({ tenant_id: 't', max_lag_ms: 90061000 });
    expect(new Date(clock!.seen_at).toISOString()).toBe('2026-01-01T10:00:00.000Z');
    const [row] = await loadRowsByKeys<AuditTrailRow>(
      pool,
      auditTrailTable.name,
      auditTrailTable.primaryKey,
      [{ tenant_id: 't', position: '0-2' }],
    );
    expect(row).toMatchObject({ kind: 'action', action_id: 'a', theme_id: null, data: { actionId: 'a' } });
  });

  it('down() drops everything, newest migration first', async () => {
    const dataSource = new DataSource({ type: 'postgres', url: db.url, logging: false });
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    try {
      for (const Migration of [...READ_MODEL_MIGRATIONS].reverse()) await new Migration().down(runner);
      const tables = await runner.query(
        `select count(*)::int as n from information_schema.tables where table_schema = 'public' and (table_name like 'rm\\_%' or table_name = 'projection_checkpoints')`,
      );
      expect(tables[0].n).toBe(0);
    } finally {
      await runner.release();
      await dataSource.destroy();
    }
  });
});
