import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Projection `action-history`: one row per action event. */
@Entity({ name: 'rm_action_history' })
@Index('rm_action_history_action_idx', ['tenantId', 'actionId', 'version'])
export class ActionHistoryEntity {
  @PrimaryColumn('text')
  position!: string;

  @Column('text', { name: 'tenant_id' })
  tenantId!: string;

  // a signal's event is a row in the history of every action it concerns (migration 1767226000000)
  @PrimaryColumn('text', { name: 'action_id' })
  actionId!: string;

  @Column('integer')
  version!: number;

  @Column('text')
  type!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('text', { name: 'actor_id' })
  actorId!: string;

  @Column('text', { name: 'meeting_id', nullable: true })
  meetingId!: string | null;

  @Column('text', { name: 'correlation_id', nullable: true })
  correlationId!: string | null;

  @Column('text', { name: 'summary_nl' })
  summaryNl!: string;

  @Column('text', { name: 'summary_en' })
  summaryEn!: string;

  @Column('json')
  changes!: { field: string; from: unknown; to: unknown }[];

  @Column('json')
  data!: unknown;
}

/** Projection `action-history`: names used in summaries, as they were when the event happened. */
@Entity({ name: 'rm_history_names' })
export class HistoryNameEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  kind!: string;

  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  name!: string;
}
