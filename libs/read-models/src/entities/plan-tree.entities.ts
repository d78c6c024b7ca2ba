import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Projection `plan-tree`: a plan. */
@Entity({ name: 'rm_plans' })
export class PlanEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  title!: string;

  @Column('text')
  description!: string;

  @Column('date', { name: 'period_start' })
  periodStart!: string;

  @Column('date', { name: 'period_end' })
  periodEnd!: string;

  /** the public page is on (PlanPublicationChanged); off by default */
  @Column('boolean', { default: false })
  public!: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('text', { name: 'last_position' })
  lastPosition!: string;
}

/** Projection `plan-tree`: a theme (parent null) or a goal at any depth. */
@Entity({ name: 'rm_plan_sections' })
@Check('rm_plan_sections_kind_check', `kind in ('theme', 'goal')`)
@Index('rm_plan_sections_plan_idx', ['tenantId', 'planId'])
export class PlanSectionEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'plan_id' })
  planId!: string;

  @Column('text', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Column('text')
  kind!: 'theme' | 'goal';

  @Column('text')
  code!: string;

  @Column('text', { name: 'sort_key' })
  sortKey!: string;

  @Column('text')
  title!: string;

  @Column('text', { name: 'lead_partner_id', nullable: true })
  leadPartnerId!: string | null;

  @Column('integer', { name: 'sort_order' })
  sortOrder!: number;

  @Column('text', { name: 'last_position' })
  lastPosition!: string;
}

/** Projection `plan-tree`: where an action hangs in the tree, with what the tree shows of it. */
@Entity({ name: 'rm_plan_actions' })
@Index('rm_plan_actions_plan_idx', ['tenantId', 'planId'])
export class PlanActionEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'plan_id' })
  planId!: string;

  @Column('text', { name: 'goal_id' })
  goalId!: string;

  @Column('text')
  code!: string;

  @Column('text', { name: 'sort_key' })
  sortKey!: string;

  @Column('text')
  title!: string;

  @Column('text')
  status!: string;

  @Column('boolean')
  archived!: boolean;

  @Column('boolean')
  placed!: boolean;

  @Column('text', { name: 'last_position' })
  lastPosition!: string;
}
