import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { isActionInScope } from '#domain';
import { actionInScopeSql } from '#read-models';
import { SCOPE_SAMPLES } from '../../domain/src/working-group/working-group.scope.samples.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';

/**
 * The scope rule has two forms: `isActionInScope` (libs/domain) for the api, the meetings and the web app, and
 * `actionInScopeSql` for the access queries. Both answer every case of one table, on a real PostgreSQL, with
 * the columns typed as the read models type them (`rm_working_groups`, `rm_actions`).
 */
describe('the SQL form of the working-group scope rule', () => {
  let database: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase('scope');
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  const inScopeSql = async (
    scope: { themeIds: readonly string[]; actionIds: readonly string[] },
    action: { id: string; themeId: string | null; sectionPath?: readonly string[] },
  ): Promise<boolean> => {
    const { rows } = await pool.query<{ inside: boolean }>(
      `select coalesce(${actionInScopeSql('$1::text')}, false) as inside
         from (select $2::text as theme_id, $3::text[] as goal_path) as a,
              (select $4::text[] as action_ids, $5::text[] as theme_ids) as g`,
      [action.id, action.themeId, action.sectionPath ?? [], scope.actionIds, scope.themeIds],
    );
    return rows[0]!.inside;
  };

  it.each(SCOPE_SAMPLES.map((sample) => [sample.name, sample] as const))(
    'answers like isActionInScope: %s',
    async (_, sample) => {
      const answer = await inScopeSql(sample.scope, sample.action);
      expect(answer).toBe(isActionInScope(sample.scope, sample.action));
      expect(answer).toBe(sample.inScope);
    },
  );

  it('with no action row (an unknown id), answers only on the ids the scope names', async () => {
    const { rows } = await pool.query<{ named: boolean | null; other: boolean | null }>(
      `select ${actionInScopeSql("'a-1'")} as named, ${actionInScopeSql("'a-2'")} as other
         from (select array['a-1'] as action_ids, array['t-3'] as theme_ids) as g
         left join (select null::text as theme_id, null::text[] as goal_path) as a on false`,
    );
    expect(rows[0]).toEqual({ named: true, other: null });
  });
});
