import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data subjects' keys for crypto-shredding (docs/privacy.md): one row per key, wrapped with the master key;
 * an erasure sets `wrapped_key` to null and `erased_at`. Mutable by design, unlike the events. Kept in
 * PostgreSQL whichever store keeps the events. At most one live key per tenant and subject.
 */
export class PersonalDataKeys1767227300000 implements MigrationInterface {
  readonly name = 'PersonalDataKeys1767227300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table if not exists personal_data_keys (
        key_id uuid primary key,
        tenant_id text not null,
        subject text not null,
        wrapped_key text,
        created_at timestamptz not null default now(),
        erased_at timestamptz,
        check ((wrapped_key is null) = (erased_at is not null))
      )`);
    await queryRunner.query(
      `create unique index if not exists personal_data_keys_live on personal_data_keys (tenant_id, subject) where erased_at is null`,
    );
    await queryRunner.query(
      `create index if not exists personal_data_keys_subject on personal_data_keys (tenant_id, subject)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table if exists personal_data_keys`);
  }
}
