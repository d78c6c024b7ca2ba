import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hashedAppendFunctionSql } from './1767225600002-event-hash-chain.js';

const CHAIN_HASH_SIGNATURE = 'event_chain_hash(text, text, text, integer, text, text)';

/**
 * Takes per-call work off the chained append (docs/benchmarks.md "Hash chain cost", docs/decisions.md):
 *
 * - `event_chain_hash` was declared `immutable`, but its body calls `to_json` and `convert_to`, which are
 *   `stable`. PostgreSQL does not inline a SQL function whose body is less immutable than its label, so every
 *   append called it as a function (PostgreSQL 15 even planned its body anew in every transaction). Labelled
 *   `stable`, which is what it is, it is inlined into the append's expression. Its results do not change.
 * - `append_to_stream` names the events' sequence once, here, instead of looking it up on every call, walks
 *   the events by index instead of through a query, and reads the stream's row without `for update` (only this
 *   function writes `streams`, always under the stream's advisory lock).
 *
 * Measured on PostgreSQL 18.4, interleaved in one session: the chain's extra cost per single-event append fell
 * from about 52 µs to about 22 µs (docs/benchmarks.md "Hash chain cost, per-call work").
 */
export class ChainedAppendPerCallCost1767227700000 implements MigrationInterface {
  readonly name = 'ChainedAppendPerCallCost1767227700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // the name as the function will resolve it (through the search path, like the table `events` it writes)
    const rows = (await queryRunner.query(
      `select quote_ident(c.relname) as name
         from pg_class c
        where c.oid = pg_get_serial_sequence('events', 'seq')::regclass`,
    )) as Array<{ name: string }>;
    const sequence = rows[0]?.name;
    if (!sequence) throw new Error('the events table has no sequence for seq');
    await queryRunner.query(`alter function ${CHAIN_HASH_SIGNATURE} stable`);
    await queryRunner.query(hashedAppendFunctionSql(sequence));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(hashedAppendFunctionSql(null));
    await queryRunner.query(`alter function ${CHAIN_HASH_SIGNATURE} immutable`);
  }
}
