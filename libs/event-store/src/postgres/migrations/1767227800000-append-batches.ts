import type { MigrationInterface, QueryRunner } from 'typeorm';
import { STREAM_LOCK_SEED } from './1767225600001-append-to-stream-function.js';

/**
 * `append_to_streams(appends jsonb)`: several appends, possibly to different streams, in one call and one
 * transaction (the store's group commit, docs/decisions.md "Concurrent appends share a transaction").
 *
 * Each item is `{stream, tenant, expected, events}` and runs through `append_to_stream` itself, with every
 * check and the hash chain unchanged; the first item that fails raises and undoes the whole call (the store
 * then appends the items one by one, so each caller gets its own answer). It takes the locks of all its
 * streams first, in the order of their lock keys, before it writes anything: its transaction id is then newer
 * than the last writer's of each of its streams (the global log keeps each stream in version order), and two
 * calls never wait for each other's locks in opposite orders. The items then run in lock-key order, a stream's
 * items in the order given. The answer has one row per item, `item` being its 1-based place in the array.
 */
export class AppendBatches1767227800000 implements MigrationInterface {
  readonly name = 'AppendBatches1767227800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
create or replace function append_to_streams(p_appends jsonb)
returns table (item integer, version integer, tx_id text, seq bigint, duplicate boolean)
language plpgsql
as $fn$
declare
  v_a jsonb;
  v_o integer;
  v_r record;
  v_key bigint;
begin
  if p_appends is null or jsonb_typeof(p_appends) <> 'array' then
    raise exception 'append_to_streams: appends must be a JSON array' using errcode = '22023';
  end if;
  -- every stream's lock first, in lock-key order, before anything is written: the transaction takes its id
  -- only after the previous writers of all its streams have committed, so no stream's events are listed out
  -- of version order in the global log (append_to_stream, step 3), and two calls never deadlock
  for v_key in
    select distinct hashtextextended(x.a ->> 'stream', ${STREAM_LOCK_SEED}) as key
      from jsonb_array_elements(p_appends) as x(a)
     order by 1
  loop
    perform pg_advisory_xact_lock(v_key);
  end loop;
  for v_a, v_o in
    select x.a, x.o::integer
      from jsonb_array_elements(p_appends) with ordinality as x(a, o)
     order by hashtextextended(x.a ->> 'stream', ${STREAM_LOCK_SEED}), x.o
  loop
    select r.version, r.tx_id, r.seq, r.duplicate into v_r
      from append_to_stream(v_a ->> 'stream', v_a ->> 'tenant', v_a ->> 'expected', v_a -> 'events', false) r;
    item := v_o;
    version := v_r.version;
    tx_id := v_r.tx_id;
    seq := v_r.seq;
    duplicate := v_r.duplicate;
    return next;
  end loop;
end
$fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop function if exists append_to_streams(jsonb)`);
  }
}
