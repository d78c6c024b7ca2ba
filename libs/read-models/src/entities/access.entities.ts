import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Projection `tenants`: one row per tenant (`tenant_id` is the tenant itself, like every read model row). */
@Entity({ name: 'rm_tenants' })
export class TenantEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'tenant_id' })
  tenantId!: string;

  @Column('text')
  name!: string;

  @Column('boolean')
  demo!: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('text', { name: 'last_position' })
  lastPosition!: string;
}

/** Projection `users`: the accounts of a tenant (never a password hash: events do not carry one). */
@Entity({ name: 'rm_users' })
@Index('rm_users_email_idx', ['email'])
export class UserEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  name!: string;

  @Column('text')
  role!: string;

  @Column('text', { name: 'partner_id', nullable: true })
  partnerId!: string | null;

  @Column('boolean')
  disabled!: boolean;

  @Column('boolean')
  demo!: boolean;

  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'last_login_at', nullable: true })
  lastLoginAt!: Date | null;

  @Column('text', { name: 'last_position' })
  lastPosition!: string;
}

/** Projection `working-groups`: a working group with its scope. */
@Entity({ name: 'rm_working_groups' })
export class WorkingGroupEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'plan_id' })
  planId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  description!: string;

  @Column('text', { name: 'theme_ids', array: true })
  themeIds!: string[];

  @Column('text', { name: 'action_ids', array: true })
  actionIds!: string[];

  @Column('boolean')
  archived!: boolean;

  @Column('text', { name: 'archived_reason', nullable: true })
  archivedReason!: string | null;

  @Column('integer', { name: 'member_count' })
  memberCount!: number;

  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('text', { name: 'last_position' })
  lastPosition!: string;
}

/** Projection `working-groups`: who is in which group, in which role. */
@Entity({ name: 'rm_working_group_members' })
@Index('rm_working_group_members_user_idx', ['tenantId', 'userId'])
export class WorkingGroupMemberEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text', { name: 'group_id' })
  groupId!: string;

  @PrimaryColumn('text', { name: 'user_id' })
  userId!: string;

  @Column('text', { name: 'partner_id', nullable: true })
  partnerId!: string | null;

  @Column('text')
  role!: string;

  @Column('timestamptz', { name: 'added_at' })
  addedAt!: Date;

  @Column('text', { name: 'last_position' })
  lastPosition!: string;
}

/** Projection `security-events`: sign-ins and changes to accounts, for coordinators. */
@Entity({ name: 'rm_security_events' })
@Index('rm_security_events_tenant_idx', ['tenantId', 'position'])
@Index('rm_security_events_user_idx', ['tenantId', 'userId', 'position'])
export class SecurityEventEntity {
  @PrimaryColumn('text')
  position!: string;

  @Column('text', { name: 'tenant_id' })
  tenantId!: string;

  @Column('text', { name: 'user_id' })
  userId!: string;

  @Column('text')
  type!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('text', { name: 'actor_id' })
  actorId!: string;

  @Column('jsonb')
  details!: Record<string, unknown>;
}
