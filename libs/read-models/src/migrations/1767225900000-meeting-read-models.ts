import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Working-group meetings (projection `meetings`, ../meetings/projection.ts): one row per meeting
 * with its detail as a JSON document, and the minutes as a read model with every revision kept (a live
 * edit, a ballot, a correction recorded at a later meeting each make a new revision, with the position of
 * the event that caused it).
 */
export class MeetingReadModels1767225900000 implements MigrationInterface {
  readonly name = 'MeetingReadModels1767225900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table rm_meetings (
        tenant_id text not null,
        id text not null,
        working_group_id text not null,
        title text not null,
        starts_at timestamptz not null,
        location text,
        status text not null,
        started_at timestamptz,
        ended_at timestamptz,
        cancelled_reason text,
        doc jsonb not null,
        version integer not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        last_position text not null,
        primary key (tenant_id, id)
      )`);
    await queryRunner.query(
      `create index rm_meetings_group_idx on rm_meetings (tenant_id, working_group_id, starts_at)`,
    );
    await queryRunner.query(`
      create table rm_meeting_minutes (
        tenant_id text not null,
        meeting_id text not null,
        revision integer not null,
        position text not null,
        occurred_at timestamptz not null,
        actor_id text not null,
        event_type text not null,
        source_meeting_id text not null,
        minutes jsonb not null,
        primary key (tenant_id, meeting_id, revision)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table if exists rm_meeting_minutes`);
    await queryRunner.query(`drop table if exists rm_meetings`);
  }
}
