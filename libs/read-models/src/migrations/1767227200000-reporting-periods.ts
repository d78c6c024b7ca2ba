import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting periods (projection `periods`, ../periods/projection.ts): the periods of a plan with their close
 * and update round, the report data frozen at a close, the actions a round asked for, the latest update per
 * action and period.
 */
export class ReportingPeriods1767227200000 implements MigrationInterface {
  readonly name = 'ReportingPeriods1767227200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table rm_periods (
        tenant_id text not null,
        id text not null,
        plan_id text not null,
        kind text not null,
        label text not null,
        start_date date not null,
        end_date date not null,
        status text not null,
        created_at timestamptz not null,
        created_by text not null,
        closed_at timestamptz,
        closed_by text,
        as_of timestamptz,
        close_position text,
        checkpoint json,
        frozen_count integer not null,
        round_id text,
        round_deadline date,
        round_scope text,
        round_started_at timestamptz,
        round_started_by text,
        version integer not null,
        last_position text not null,
        primary key (tenant_id, id)
      )`);
    await queryRunner.query(
      `create index rm_periods_plan_idx on rm_periods (tenant_id, plan_id, start_date)`,
    );
    await queryRunner.query(`
      create table rm_period_frozen_actions (
        tenant_id text not null,
        period_id text not null,
        action_id text not null,
        snapshot json not null,
        primary key (tenant_id, period_id, action_id)
      )`);
    await queryRunner.query(`
      create table rm_period_round_requests (
        tenant_id text not null,
        period_id text not null,
        action_id text not null,
        lead_partner_id text,
        primary key (tenant_id, period_id, action_id)
      )`);
    await queryRunner.query(
      `create index rm_period_round_requests_lead_idx on rm_period_round_requests (tenant_id, lead_partner_id)`,
    );
    await queryRunner.query(`
      create table rm_period_updates (
        tenant_id text not null,
        period_id text not null,
        action_id text not null,
        narrative text not null,
        status text,
        progress integer,
        round_id text,
        after_close boolean not null,
        submitted_at timestamptz not null,
        submitted_by text not null,
        position text not null,
        primary key (tenant_id, period_id, action_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `drop table rm_period_updates, rm_period_round_requests, rm_period_frozen_actions, rm_periods`,
    );
  }
}
