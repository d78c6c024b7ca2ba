import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The write side's identity tables: mutable by nature (a password hash must be replaceable and erasable,
 * so it never goes into the immutable event log). What happens to an account is recorded as events in
 * the user's stream; these tables answer "may this request proceed" in one indexed lookup.
 */
export class Identity1767225900000 implements MigrationInterface {
  name = 'Identity1767225900000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table auth_accounts (
        user_id uuid primary key,
        tenant_id text not null,
        email text not null,
        name text not null,
        role text not null check (role in ('coordinator', 'member', 'partner', 'viewer')),
        partner_id uuid,
        disabled boolean not null default false,
        password_hash text not null,
        password_changed_at timestamptz not null default now(),
        created_at timestamptz not null default now()
      )`);
    // login names no tenant, so an email address identifies one account across the deployment
    await runner.query(`create unique index auth_accounts_email on auth_accounts (lower(email))`);
    await runner.query(`create index auth_accounts_tenant on auth_accounts (tenant_id)`);
    await runner.query(`
      create table auth_sessions (
        id uuid primary key,
        user_id uuid not null references auth_accounts (user_id) on delete cascade,
        tenant_id text not null,
        refresh_hash text not null,
        created_at timestamptz not null default now(),
        refreshed_at timestamptz,
        expires_at timestamptz not null,
        revoked_at timestamptz,
        revoked_reason text,
        user_agent text,
        ip text
      )`);
    await runner.query(`create index auth_sessions_user on auth_sessions (user_id) where revoked_at is null`);
    await runner.query(`
      create table auth_login_failures (
        id bigint generated always as identity primary key,
        email text not null,
        ip text,
        at timestamptz not null default now()
      )`);
    await runner.query(`create index auth_login_failures_email_at on auth_login_failures (lower(email), at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop table auth_login_failures');
    await runner.query('drop table auth_sessions');
    await runner.query('drop table auth_accounts');
  }
}
