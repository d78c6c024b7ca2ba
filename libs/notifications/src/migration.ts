import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runMigrations } from '#platform';

/**
 * The notification outbox (docs/notifications.md). Filled by the projection `notifications`:
 * `nf_recipients`, `nf_group_members`, `nf_meeting_attendance`, `nf_signals`, `nf_next_steps` (what it needs
 * to know to decide) and `nf_outbox` (one row per notification and recipient, keyed by event and recipient).
 * Owned by the sender: `nf_deliveries` (claims, attempts, back-off), `nf_mails` (every mail rendered, with
 * its source, shown to coordinators as "Verzonden e-mails") and `nf_jobs` (the daily jobs' last run).
 */
export class NotificationOutbox1767226600000 implements MigrationInterface {
  readonly name = 'NotificationOutbox1767226600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table nf_recipients (
        tenant_id text not null,
        user_id text not null,
        email text not null,
        name text not null,
        role text not null,
        partner_id text,
        disabled boolean not null default false,
        mode text not null default 'instant',
        language text not null default 'nl',
        primary key (tenant_id, user_id)
      )`);
    await queryRunner.query(`
      create table nf_group_members (
        tenant_id text not null,
        group_id text not null,
        user_id text not null,
        primary key (tenant_id, group_id, user_id)
      )`);
    await queryRunner.query(`
      create table nf_meeting_attendance (
        tenant_id text not null,
        meeting_id text not null,
        user_id text not null,
        status text not null,
        primary key (tenant_id, meeting_id, user_id)
      )`);
    await queryRunner.query(`
      create table nf_meetings (
        tenant_id text not null,
        meeting_id text not null,
        group_id text not null,
        title text not null,
        starts_at text not null,
        location text,
        primary key (tenant_id, meeting_id)
      )`);
    await queryRunner.query(`
      create table nf_signals (
        tenant_id text not null,
        signal_id text not null,
        submitted_by text not null,
        text text not null,
        primary key (tenant_id, signal_id)
      )`);
    await queryRunner.query(`
      create table nf_next_steps (
        tenant_id text not null,
        next_step_id text not null,
        meeting_id text not null,
        text text not null,
        owner_user_id text,
        owner_partner_id text,
        due_date date,
        primary key (tenant_id, next_step_id)
      )`);
    await queryRunner.query(`
      create table nf_outbox (
        id text primary key,
        tenant_id text not null,
        user_id text not null,
        kind text not null,
        source_key text not null,
        position text,
        occurred_at timestamptz not null,
        payload jsonb not null,
        delivery text not null,
        digest_id text,
        status text not null default 'pending',
        status_at timestamptz,
        error text,
        read_at timestamptz,
        unique (source_key, user_id, kind)
      )`);
    await queryRunner.query(
      `create index nf_outbox_user_idx on nf_outbox (tenant_id, user_id, occurred_at desc)`,
    );
    await queryRunner.query(
      `create index nf_outbox_pending_idx on nf_outbox (occurred_at) where status = 'pending' and delivery = 'mail'`,
    );
    await queryRunner.query(`
      create table nf_deliveries (
        notification_id text primary key,
        status text not null,
        attempts integer not null,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        message_id text not null,
        last_error text,
        updated_at timestamptz not null
      )`);
    await queryRunner.query(`
      create table nf_mails (
        notification_id text primary key,
        tenant_id text not null,
        user_id text not null,
        to_address text not null,
        subject text not null,
        html text not null,
        attachments text[] not null,
        transport text not null,
        message_id text not null,
        sent_at timestamptz not null
      )`);
    await queryRunner.query(`create index nf_mails_tenant_idx on nf_mails (tenant_id, sent_at desc)`);
    await queryRunner.query(`
      create table nf_jobs (
        name text primary key,
        last_key text not null,
        ran_at timestamptz not null
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'nf_jobs',
      'nf_mails',
      'nf_deliveries',
      'nf_outbox',
      'nf_next_steps',
      'nf_signals',
      'nf_meetings',
      'nf_meeting_attendance',
      'nf_group_members',
      'nf_recipients',
    ]) {
      await queryRunner.query(`drop table if exists ${table}`);
    }
  }
}

/**
 * The periods' labels as the outbox itself learns them (`ReportingPeriodOpened`), for the update rounds' mails
 * ("Vraag om je update voor 2026: ..."). They were read from `rm_periods`, another projection's read model,
 * which under load had not always applied the period's opening when the outbox applied the round's start: the
 * mail then went out without the period (seen in CI, 2026-11-30). Filled from `rm_periods` for the periods
 * opened before.
 */
export class NotificationPeriods1767227900001 implements MigrationInterface {
  readonly name = 'NotificationPeriods1767227900001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table nf_periods (
        tenant_id text not null,
        period_id text not null,
        label text not null,
        primary key (tenant_id, period_id)
      )`);
    await queryRunner.query(`
      do $$ begin
        if to_regclass('rm_periods') is not null then
          insert into nf_periods (tenant_id, period_id, label)
          select tenant_id, id, label from rm_periods on conflict do nothing;
        end if;
      end $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table if exists nf_periods`);
  }
}

export const NOTIFICATION_MIGRATIONS: ReadonlyArray<new () => MigrationInterface> = [
  NotificationOutbox1767226600000,
  NotificationPeriods1767227900001,
];

/** Runs the outbox's migrations (start-up of the api and the projector), under the shared migration lock. */
export function runNotificationMigrations(url: string): Promise<string[]> {
  return runMigrations(url, NOTIFICATION_MIGRATIONS);
}
