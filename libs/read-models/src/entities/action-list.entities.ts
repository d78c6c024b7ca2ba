import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Projection `action-list`: one row per action. */
@Entity({ name: 'rm_actions' })
@Index('rm_actions_plan_idx', ['tenantId', 'planId', 'sortKey', 'id'])
export class ActionListEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'plan_id' })
  planId!: string;

  @Column('text')
  code!: string;

  @Column('text', { name: 'sort_key' })
  sortKey!: string;

  @Column('text')
  title!: string;

  @Column('text')
  description!: string;

  @Column('text')
  status!: string;

  @Column('text', { name: 'theme_id', nullable: true })
  themeId!: string | null;

  @Column('text', { name: 'goal_id' })
  goalId!: string;

  @Column('text', { name: 'goal_path', array: true })
  goalPath!: string[];

  @Column('text', { name: 'owner_id', nullable: true })
  ownerId!: string | null;

  @Column('text', { name: 'partner_ids', array: true })
  partnerIds!: string[];

  @Column('text', { array: true })
  tags!: string[];

  @Column('integer', { nullable: true })
  progress!: number | null;

  @Column('date', { name: 'due_date', nullable: true })
  dueDate!: string | null;

  @Column('boolean')
  archived!: boolean;

  @Column('boolean', { name: 'citizen_idea' })
  citizenIdea!: boolean;

  @Column('integer', { name: 'signal_count' })
  signalCount!: number;

  @Column('integer', { name: 'note_count' })
  noteCount!: number;

  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('text', { name: 'last_position' })
  lastPosition!: string;
}

/** Projection `action-list`: the path from the theme down to each plan section (to file actions under themes). */
@Entity({ name: 'rm_action_sections' })
export class ActionSectionEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'plan_id' })
  planId!: string;

  @Column('text', { array: true })
  path!: string[];
}
