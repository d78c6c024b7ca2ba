import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who wrote into each free-text item (docs/privacy.md, docs/decisions.md "Free text: one key per text item"):
 * one row per tenant, author (a user id) and item subject (`text:<item>`), written when the text is appended.
 * The erasure of a user deletes the keys of every item she wrote into. Ids only, no text; mutable like the
 * keys, in PostgreSQL whichever store keeps the events.
 */
export class PersonalDataTextAuthors1767227600000 implements MigrationInterface {
  readonly name = 'PersonalDataTextAuthors1767227600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table if not exists personal_data_text_authors (
        tenant_id text not null,
        author_id text not null,
        subject text not null,
        primary key (tenant_id, author_id, subject)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table if exists personal_data_text_authors`);
  }
}
