import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, the gaps of "the plan as it stood on any date": the narrow change rows of the actions
 * (../plan-changes/row.ts) that the changes between two moments and the status trend read. Filled by the
 * rebuild the action-list projection's version bump starts (as are the dated versions of indicators and
 * signals, by their projections' bumps).
 */
export class ActionChanges1767227300000 implements MigrationInterface {
  readonly name = 'ActionChanges1767227300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table rm_action_changes (
        tenant_id text not null,
        plan_id text not null,
        position text not null,
        action_id text not null,
        actor_id text not null,
        occurred_at timestamptz not null,
        fields text[] not null,
        status text not null,
        archived boolean not null,
        status_changed boolean not null,
        primary key (tenant_id, plan_id, position, action_id)
      )`);
    await queryRunner.query(
      `create index rm_action_changes_range_idx on rm_action_changes (tenant_id, plan_id, position)
        include (action_id, actor_id, occurred_at, fields)`,
    );
    await queryRunner.query(
      `create index rm_action_changes_status_idx on rm_action_changes (tenant_id, plan_id, position)
        include (action_id, status, archived) where status_changed`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table rm_action_changes`);
  }
}
