import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether the demo's first start finished writing the demo: one row, written when the seed starts and
 * completed (with a synchronous commit) when it has written everything. A row without `completed_at` is a
 * demo that was interrupted (process killed, machine down): the start-up redoes it (docs/decisions.md,
 * "The demo's first start").
 */
export class DemoSeed1767400000000 implements MigrationInterface {
  name = 'DemoSeed1767400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `create table demo_seed (
         id smallint primary key default 1 check (id = 1),
         started_at timestamptz not null,
         completed_at timestamptz
       )`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop table demo_seed');
  }
}
