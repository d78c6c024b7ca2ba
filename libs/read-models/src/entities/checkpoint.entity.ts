import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per projection: the global log position its read models reflect. */
@Entity({
  name: 'projection_checkpoints',
  comment:
    'per projection: the global log position its read models reflect; moved in the same transaction as their writes',
})
export class ProjectionCheckpointEntity {
  @PrimaryColumn('text')
  name!: string;

  @Column('text')
  position!: string;

  @Column('integer', { default: 1 })
  version!: number;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
