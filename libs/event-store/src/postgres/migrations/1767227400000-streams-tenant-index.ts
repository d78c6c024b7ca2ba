import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tenant's streams by id (`EventStore.streamIds`: the write side finds a tenant's plans without waiting for the
 * log's read watermark). Appends update `streams.version` only, never the indexed columns, so the updates stay HOT.
 */
export class StreamsTenantIndex1767227400000 implements MigrationInterface {
  readonly name = 'StreamsTenantIndex1767227400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `create index if not exists streams_tenant_stream on streams (tenant_id, stream_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index if exists streams_tenant_stream`);
  }
}
