import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail (issue 18, part 1): every event of a tenant, newest first, with one index per filter so the
 * first page of any filtered trail is an index scan backwards from the newest position (docs/benchmarks.md).
 */
export class AuditTrail1767226370000 implements MigrationInterface {
  readonly name = 'AuditTrail1767226370000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table rm_audit_trail (
        position text not null,
        tenant_id text not null,
        stream_id text not null,
        version integer not null,
        type text not null,
        kind text not null,
        aggregate_id text not null,
        occurred_at timestamptz not null,
        -- the latest occurred_at of the tenant's events up to this one: never decreases with the position
        seen_at timestamptz not null,
        actor_id text not null,
        action_id text,
        theme_id text,
        meeting_id text,
        data json not null,
        -- not the position alone: an index on it would tempt the planner to walk every tenant's events
        primary key (tenant_id, position)
      )`);
    // json, not jsonb: never queried into, returned as written, cheaper to insert
    for (const [name, columns, where] of [
      ['actor', 'tenant_id, actor_id, position', ''],
      ['kind', 'tenant_id, kind, position', ''],
      ['action', 'tenant_id, action_id, position', 'where action_id is not null'],
      ['theme', 'tenant_id, theme_id, position', 'where theme_id is not null'],
      ['meeting', 'tenant_id, meeting_id, position', 'where meeting_id is not null'],
    ] as const) {
      await queryRunner.query(
        `create index rm_audit_trail_${name}_idx on rm_audit_trail (${columns}) ${where}`,
      );
    }
    // a day range becomes a range of positions here, one index lookup per end (query.ts, dayBounds)
    await queryRunner.query(
      `create index rm_audit_trail_seen_idx on rm_audit_trail (tenant_id, seen_at, position)`,
    );
    await queryRunner.query(`
      create table rm_audit_trail_clock (
        tenant_id text primary key,
        seen_at timestamptz not null,
        max_lag_ms bigint not null
      )`);
    await queryRunner.query(`
      create table rm_audit_trail_sections (
        tenant_id text not null,
        id text not null,
        kind text not null check (kind in ('goal', 'action')),
        plan_id text not null,
        theme_id text,
        primary key (tenant_id, id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table if exists rm_audit_trail_clock`);
    await queryRunner.query(`drop table if exists rm_audit_trail_sections`);
    await queryRunner.query(`drop table if exists rm_audit_trail`);
  }
}
