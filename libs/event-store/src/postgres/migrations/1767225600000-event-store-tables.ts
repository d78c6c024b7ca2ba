import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log and the stream heads (ARCHITECTURE.md "Event store").
 *
 * - `events.seq` is the insertion order; `events.tx_id` the id of the writing transaction. Readers of the
 *   global log order and resume by `(tx_id, seq)` and only read rows whose `tx_id` is below the oldest
 *   transaction still running (`pg_snapshot_xmin(pg_current_snapshot())`), so an event that commits late
 *   with a lower `seq` is never skipped.
 * - `streams` holds one row per stream: it is the lock an append takes and the stream's current version.
 *   `last_tx_id` is the transaction that last wrote to the stream: a transaction with an older id may not
 *   append after it, or the global log would list that stream's events out of version order.
 */
export class EventStoreTables1767225600000 implements MigrationInterface {
  readonly name = 'EventStoreTables1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table events (
        seq bigint generated always as identity,
        tx_id xid8 not null default pg_current_xact_id(),
        stream_id text not null,
        version integer not null check (version > 0),
        event_id uuid not null,
        type text not null,
        data jsonb not null,
        metadata jsonb not null,
        tenant_id text,
        recorded_at timestamptz not null default now(),
        -- the global log's order is the key: readers scan it in (tx_id, seq) order, index-only
        constraint events_pkey primary key (tx_id, seq),
        constraint events_stream_version_key unique (stream_id, version),
        constraint events_event_id_key unique (event_id)
      )`);
    // No further index: each costs every append (3 per event is the measured sweet spot, see
    // docs/benchmarks.md). Per-tenant reads of the log filter the (tx_id, seq) scan.
    await queryRunner.query(
      `comment on column events.tx_id is 'id of the writing transaction: the global log is ordered by (tx_id, seq) and read below pg_snapshot_xmin(pg_current_snapshot()) only'`,
    );
    await queryRunner.query(
      `comment on column events.tenant_id is 'copy of metadata->>''tenantId'', for per-tenant reads of the global log'`,
    );
    await queryRunner.query(`
      create table streams (
        stream_id text primary key,
        version integer not null default 0 check (version >= 0),
        tenant_id text,
        last_tx_id xid8,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    await queryRunner.query(
      `comment on column streams.last_tx_id is 'transaction that last appended: an older transaction may not append after it (global order must keep version order)'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table if exists streams`);
    await queryRunner.query(`drop table if exists events`);
  }
}
