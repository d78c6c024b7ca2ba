import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access control read models: tenants, users, working groups with their members, and the security log.
 * Like every read model they carry `tenant_id` (for `rm_tenants` it is the tenant itself) and are written
 * only by their projections, declared in each read model's row.ts (tenants, users, working-groups, security-events).
 */
export class AccessReadModels1767225800000 implements MigrationInterface {
  readonly name = 'AccessReadModels1767225800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table rm_tenants (
        id text primary key,
        tenant_id text not null,
        name text not null,
        demo boolean not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        last_position text not null
      )`);

    await queryRunner.query(`
      create table rm_users (
        tenant_id text not null,
        id text not null,
        email text not null,
        name text not null,
        role text not null,
        partner_id text,
        disabled boolean not null,
        demo boolean not null,
        version integer not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        last_login_at timestamptz,
        last_position text not null,
        primary key (tenant_id, id)
      )`);
    await queryRunner.query(`create index rm_users_email_idx on rm_users (email)`);

    await queryRunner.query(`
      create table rm_working_groups (
        tenant_id text not null,
        id text not null,
        plan_id text not null,
        name text not null,
        description text not null,
        theme_ids text[] not null,
        action_ids text[] not null,
        archived boolean not null,
        archived_reason text,
        member_count integer not null,
        version integer not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        last_position text not null,
        primary key (tenant_id, id)
      )`);
    await queryRunner.query(`
      create table rm_working_group_members (
        tenant_id text not null,
        group_id text not null,
        user_id text not null,
        partner_id text,
        role text not null,
        added_at timestamptz not null,
        last_position text not null,
        primary key (tenant_id, group_id, user_id)
      )`);
    // "which groups is this user in" is asked on every authorised write of a member
    await queryRunner.query(
      `create index rm_working_group_members_user_idx on rm_working_group_members (tenant_id, user_id)`,
    );

    await queryRunner.query(`
      create table rm_security_events (
        position text primary key,
        tenant_id text not null,
        user_id text not null,
        type text not null,
        occurred_at timestamptz not null,
        actor_id text not null,
        details jsonb not null
      )`);
    await queryRunner.query(
      `create index rm_security_events_tenant_idx on rm_security_events (tenant_id, position)`,
    );
    await queryRunner.query(
      `create index rm_security_events_user_idx on rm_security_events (tenant_id, user_id, position)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'rm_security_events',
      'rm_working_group_members',
      'rm_working_groups',
      'rm_users',
      'rm_tenants',
    ]) {
      await queryRunner.query(`drop table if exists ${table}`);
    }
  }
}
