import type { MigrationInterface, QueryRunner } from 'typeorm';

const REPORTING_TABLES = ['rm_plan_sections', 'rm_plan_actions', 'rm_actions'];

/**
 * Issue 16, codes: the reporting fields of themes, goals and actions (BBC code, priority, sub-reporting
 * code, weight) and the indicators with their measurements.
 */
export class PlanReporting1767227100000 implements MigrationInterface {
  readonly name = 'PlanReporting1767227100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of REPORTING_TABLES) {
      await queryRunner.query(
        `alter table ${table}
           add column bbc_code text,
           add column priority boolean not null default false,
           add column sub_reporting_code text,
           add column weight double precision not null default 1`,
      );
    }
    await queryRunner.query(`
      create table rm_indicators (
        tenant_id text not null,
        id text not null,
        plan_id text not null,
        node_id text not null,
        node_kind text not null,
        name text not null,
        unit text not null,
        direction text not null,
        baseline_value double precision,
        baseline_year integer,
        attention_margin_pct double precision not null,
        targets jsonb not null,
        measurement_count integer not null,
        latest_measurement_id text,
        latest_value double precision,
        latest_date date,
        status text not null,
        status_year integer,
        status_target double precision,
        archived boolean not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        last_position text not null,
        primary key (tenant_id, id)
      )`);
    await queryRunner.query(
      `create index rm_indicators_plan_idx on rm_indicators (tenant_id, plan_id, node_id)`,
    );
    await queryRunner.query(`
      create table rm_indicator_measurements (
        tenant_id text not null,
        indicator_id text not null,
        measurement_id text not null,
        plan_id text not null,
        value double precision not null,
        date date not null,
        source text not null,
        comment text not null,
        recorded_at timestamptz not null,
        recorded_by text not null,
        corrected_at timestamptz,
        corrected_by text,
        correction_reason text,
        original_value double precision,
        last_position text not null,
        primary key (tenant_id, indicator_id, measurement_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table rm_indicator_measurements`);
    await queryRunner.query(`drop table rm_indicators`);
    for (const table of REPORTING_TABLES) {
      await queryRunner.query(
        `alter table ${table} drop column bbc_code, drop column priority, drop column sub_reporting_code, drop column weight`,
      );
    }
  }
}
