import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18, erasures without stalling every tenant: a projection that holds personal data no longer replays the
 * erased tenant inside its batch. Its batch records here that the tenant needs a replay and goes on with the
 * other tenants, skipping this tenant's events until a replay beside it has rebuilt the tenant's rows, in short
 * transactions whose progress is `replayed_to`, and deleted the row (`projection/tenant-replays.ts`).
 */
export class TenantReplays1767227900000 implements MigrationInterface {
  readonly name = 'TenantReplays1767227900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table projection_tenant_replays (
        projection text not null,
        tenant_id text not null,
        erasure_position text not null,
        replayed_to text,
        requested_at timestamptz not null default now(),
        primary key (projection, tenant_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table projection_tenant_replays`);
  }
}
