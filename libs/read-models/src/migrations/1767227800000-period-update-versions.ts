import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18, erasing one text in the web app: the version, in the period's stream, of the change that wrote each
 * latest update (what `POST /api/erasures` with kind text names for a lead's narrative). Filled by the rebuild
 * the `periods` projection's version bump starts.
 */
export class PeriodUpdateVersions1767227800000 implements MigrationInterface {
  readonly name = 'PeriodUpdateVersions1767227800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table rm_period_updates add column version integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table rm_period_updates drop column version`);
  }
}
