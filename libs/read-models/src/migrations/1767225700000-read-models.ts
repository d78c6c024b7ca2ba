import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read models and the projections' checkpoints (ARCHITECTURE.md "Read side"). Every read-model row
 * carries its tenant; keys are (tenant_id, id). The tables are written only by the projections
 * (libs/read-models/src/<read model>/projection.ts) and declared in each read model's row.ts.
 */
export class ReadModels1767225700000 implements MigrationInterface {
  readonly name = 'ReadModels1767225700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table projection_checkpoints (
        name text primary key,
        position text not null,
        version integer not null default 1,
        updated_at timestamptz not null default now()
      )`);
    await queryRunner.query(
      `comment on table projection_checkpoints is 'per projection: the global log position its read models reflect; moved in the same transaction as their writes'`,
    );

    await queryRunner.query(`
      create table rm_partners (
        tenant_id text not null,
        id text not null,
        name text not null,
        kind text not null,
        merged_into text,
        registered_at timestamptz not null,
        updated_at timestamptz not null,
        last_position text not null,
        primary key (tenant_id, id)
      )`);

    await queryRunner.query(`
      create table rm_plans (
        tenant_id text not null,
        id text not null,
        title text not null,
        description text not null,
        period_start date not null,
        period_end date not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        last_position text not null,
        primary key (tenant_id, id)
      )`);
    await queryRunner.query(`
      create table rm_plan_sections (
        tenant_id text not null,
        id text not null,
        plan_id text not null,
        parent_id text,
        kind text not null check (kind in ('theme', 'goal')),
        code text not null,
        sort_key text not null,
        title text not null,
        lead_partner_id text,
        sort_order integer not null,
        last_position text not null,
        primary key (tenant_id, id)
      )`);
    await queryRunner.query(
      `create index rm_plan_sections_plan_idx on rm_plan_sections (tenant_id, plan_id)`,
    );
    await queryRunner.query(`
      create table rm_plan_actions (
        tenant_id text not null,
        id text not null,
        plan_id text not null,
        goal_id text not null,
        code text not null,
        sort_key text not null,
        title text not null,
        status text not null,
        archived boolean not null,
        placed boolean not null,
        last_position text not null,
        primary key (tenant_id, id)
      )`);
    await queryRunner.query(`create index rm_plan_actions_plan_idx on rm_plan_actions (tenant_id, plan_id)`);

    await queryRunner.query(`
      create table rm_action_sections (
        tenant_id text not null,
        id text not null,
        plan_id text not null,
        path text[] not null,
        primary key (tenant_id, id)
      )`);
    await queryRunner.query(`
      create table rm_actions (
        tenant_id text not null,
        id text not null,
        plan_id text not null,
        code text not null,
        sort_key text not null,
        title text not null,
        description text not null,
        status text not null,
        theme_id text,
        goal_id text not null,
        goal_path text[] not null,
        owner_id text,
        partner_ids text[] not null,
        tags text[] not null,
        progress integer,
        due_date date,
        archived boolean not null,
        citizen_idea boolean not null,
        signal_count integer not null,
        note_count integer not null,
        version integer not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        last_position text not null,
        primary key (tenant_id, id)
      )`);
    await queryRunner.query(
      `create index rm_actions_plan_idx on rm_actions (tenant_id, plan_id, sort_key, id)`,
    );

    await queryRunner.query(`
      create table rm_action_history (
        position text primary key,
        tenant_id text not null,
        action_id text not null,
        version integer not null,
        type text not null,
        occurred_at timestamptz not null,
        actor_id text not null,
        meeting_id text,
        correlation_id text,
        summary_nl text not null,
        summary_en text not null,
        changes json not null,
        data json not null
      )`);
    // json, not jsonb: never queried into, returned as written, and much cheaper to insert in bulk
    await queryRunner.query(
      `create index rm_action_history_action_idx on rm_action_history (tenant_id, action_id, version)`,
    );
    await queryRunner.query(`
      create table rm_history_names (
        tenant_id text not null,
        kind text not null,
        id text not null,
        name text not null,
        primary key (tenant_id, kind, id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'rm_history_names',
      'rm_action_history',
      'rm_actions',
      'rm_action_sections',
      'rm_plan_actions',
      'rm_plan_sections',
      'rm_plans',
      'rm_partners',
      'projection_checkpoints',
    ]) {
      await queryRunner.query(`drop table if exists ${table}`);
    }
  }
}
