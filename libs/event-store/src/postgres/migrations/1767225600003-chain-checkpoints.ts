import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The checkpoints of the tenants' hash chains (docs/audit.md): the log digest, count and last position of a
 * tenant's log at a time, recorded daily, on demand and at reports. Kept in PostgreSQL whichever store keeps
 * the events (with KurrentDB it runs on its own, `runChainCheckpointMigrations`). One daily checkpoint per
 * tenant and Belgian day (a unique index, so several processes may try).
 */
export class ChainCheckpoints1767225600003 implements MigrationInterface {
  readonly name = 'ChainCheckpoints1767225600003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table if not exists event_chain_checkpoints (
        id bigint generated always as identity primary key,
        tenant_id text not null,
        position text not null,
        event_count bigint not null check (event_count >= 0),
        head_hash text not null,
        reason text not null,
        recorded_at timestamptz not null default now(),
        day date not null default (now() at time zone 'Europe/Brussels')::date
      )`);
    await queryRunner.query(
      `create unique index if not exists event_chain_checkpoints_daily on event_chain_checkpoints (tenant_id, day) where reason = 'daily'`,
    );
    await queryRunner.query(
      `create index if not exists event_chain_checkpoints_tenant on event_chain_checkpoints (tenant_id, position)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table if exists event_chain_checkpoints`);
  }
}
