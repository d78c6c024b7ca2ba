import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, "the plan as it stood on any date": dated versions of the action-list and plan-tree rows, written
 * by their projections' fold (libs/read-models/src/as-of). Filled by the rebuild their version bump starts.
 */
export class RowVersions1767227000000 implements MigrationInterface {
  readonly name = 'RowVersions1767227000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table rm_row_versions (
        tenant_id text not null,
        source text not null,
        id text not null,
        position text not null,
        data jsonb,
        primary key (tenant_id, source, id, position)
      )`);
    await queryRunner.query(`
      create table rm_row_version_keys (
        tenant_id text not null,
        plan_id text not null,
        source text not null,
        id text not null,
        primary key (tenant_id, plan_id, source, id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table rm_row_version_keys`);
    await queryRunner.query(`drop table rm_row_versions`);
  }
}
