import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Projection `partners`. */
@Entity({ name: 'rm_partners' })
export class PartnerEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: string;

  @Column('text', { name: 'merged_into', nullable: true })
  mergedInto!: string | null;

  @Column('timestamptz', { name: 'registered_at' })
  registeredAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('text', { name: 'last_position' })
  lastPosition!: string;
}
