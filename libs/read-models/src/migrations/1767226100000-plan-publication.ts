import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A plan's public page (PlanPublicationChanged): off for every plan until a coordinator switches it on. */
export class PlanPublication1767226100000 implements MigrationInterface {
  readonly name = 'PlanPublication1767226100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table rm_plans add column public boolean not null default false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table rm_plans drop column public`);
  }
}
