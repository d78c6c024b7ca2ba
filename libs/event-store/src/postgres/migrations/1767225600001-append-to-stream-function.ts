import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel `append_to_stream` notifies; readers LISTEN on it (the notification is delivered on commit). */
export const APPEND_NOTIFY_CHANNEL = 'event_store_appended';

/** seed of the 64-bit hash of a stream id used as its advisory lock key (a collision only serialises two streams) */
export const STREAM_LOCK_SEED = 7_236_110_452;

/** SQLSTATEs raised by `append_to_stream`, mapped to typed errors by the adapter. */
export const APPEND_ERROR_CODES = {
  wrongExpectedVersion: 'ES001',
  idempotencyMismatch: 'ES002',
  tenantMismatch: 'ES003',
} as const;

/**
 * `append_to_stream(stream_id, tenant_id, expected, events, notify = true)`: one append in one round trip.
 *
 * 1. lock the stream: an advisory lock on its id, then its row if it exists (a new stream's row is
 *    inserted with the events): appends to one stream are serialised;
 * 2. expected version: 'any', 'no_stream', 'stream_exists' or an exact version. A mismatch raises ES001
 *    with the actual version and writes nothing, unless the append is the retry of one that succeeded
 *    (see 5.), which is answered as such;
 * 3. order: the global log is ordered by (transaction id, seq), so a transaction may only append to a
 *    stream when its id is not older than that of the stream's last writer. A transaction that took its
 *    id before another one wrote the stream (only possible when the append runs inside a longer
 *    transaction that had already written something: on its own, the advisory lock of 1. comes first)
 *    gets a serialization failure (40001): retry the whole transaction;
 * 4. insert the events with consecutive versions (`on conflict (event_id) do nothing`: ids written
 *    before are skipped, so the common case needs no look-up before the insert);
 * 5. idempotency, only when some ids were skipped: when every id is already in this stream, nothing was
 *    inserted and the first write is returned (its version and position) with `duplicate = true`; when
 *    only some are known, or known in another stream, ES002 is raised with the known ids (undoing the
 *    insert); an id twice in one append raises 22023;
 * 6. move the stream's version and last writer, `pg_notify` the readers (delivered on commit) unless
 *    `notify` is false.
 * The events of one append must all carry the stream's tenant (`metadata.tenantId`), else ES003.
 *
 * About `notify`: a transaction that has sent a NOTIFY holds a database-wide lock from its commit until
 * its commit record is flushed, so notifying appends commit one at a time (no group commit): about half
 * the throughput with 8 writers. The adapter's own appends therefore pass false and send a coalesced
 * NOTIFY after the commit from a separate connection; appends inside a caller's transaction keep the
 * default, since only the commit can tell readers.
 *
 * `expected` is text: 'any' | 'no_stream' | 'stream_exists' | a non-negative integer. `events` is a JSON
 * array of `{ id, type, data, metadata }`. An empty array only checks the expected version.
 */
export class EventStoreAppendFunction1767225600001 implements MigrationInterface {
  readonly name = 'EventStoreAppendFunction1767225600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
create function append_to_stream_known(p_stream_id text, p_events jsonb)
returns table (version integer, tx_id text, seq bigint, duplicate boolean)
language plpgsql
as $fn$
-- The idempotency rule, for an append whose ids may have been written before: no row when none of the
-- ids is known; the first write (its last event) when all of them are in this stream; an error otherwise.
declare
  v_ids uuid[];
  v_known integer;
  v_known_here integer;
  v_first_version integer;
begin
  select array_agg(distinct (x.e ->> 'id')::uuid) into v_ids from jsonb_array_elements(p_events) as x(e);
  select count(*), count(*) filter (where e.stream_id = p_stream_id),
         max(e.version) filter (where e.stream_id = p_stream_id)
    into v_known, v_known_here, v_first_version
    from events e where e.event_id = any (v_ids);
  if v_known = 0 then
    return;
  end if;
  if v_known_here = cardinality(v_ids) then
    return query
      select e.version, e.tx_id::text, e.seq, true
        from events e where e.stream_id = p_stream_id and e.version = v_first_version;
    return;
  end if;
  raise exception 'append_to_stream: stream %: % of % event ids were already written with other events',
      p_stream_id, v_known, cardinality(v_ids)
    using errcode = '${APPEND_ERROR_CODES.idempotencyMismatch}',
          detail = (select json_build_object('known', json_agg(e.event_id order by e.seq))::text
                      from events e where e.event_id = any (v_ids));
end
$fn$`);
    await queryRunner.query(`
create function append_to_stream(p_stream_id text, p_tenant_id text, p_expected text, p_events jsonb,
                                  p_notify boolean default true)
returns table (version integer, tx_id text, seq bigint, duplicate boolean)
language plpgsql
as $fn$
declare
  v_count integer;
  v_expected integer;
  v_current integer;
  v_exists boolean;
  v_stream_tenant text;
  v_last_tx xid8;
  v_tx xid8;
  v_inserted integer;
  v_seq bigint;
  v_same_tenant boolean;
  v_ids uuid[];
  v_distinct integer;
  v_known integer;
  v_known_here integer;
  v_first_version integer;
begin
  if p_stream_id is null or p_stream_id = '' then
    raise exception 'append_to_stream: the stream id is empty' using errcode = '22023';
  end if;
  if p_events is null or jsonb_typeof(p_events) <> 'array' then
    raise exception 'append_to_stream: events must be a JSON array' using errcode = '22023';
  end if;
  if p_expected is null or p_expected = 'any' or p_expected = 'no_stream' or p_expected = 'stream_exists' then
    v_expected := null;
  elsif p_expected ~ '^[0-9]{1,9}$' then
    v_expected := p_expected::integer;
  else
    raise exception 'append_to_stream: expected version "%" is not any, no_stream, stream_exists or a version', p_expected
      using errcode = '22023';
  end if;
  v_count := jsonb_array_length(p_events);

  if v_count = 0 then
    -- nothing to write: only check the expected version against the committed state
    select s.version into v_current from streams s where s.stream_id = p_stream_id;
    v_current := coalesce(v_current, 0);
  else
    -- 1. lock the stream: an advisory lock on its id, which every append takes first. Taking it does not
    --    give this transaction an id: when the append runs on its own, the id is taken just below, after
    --    the stream's previous writer committed, and is therefore newer than that writer's (see 3).
    perform pg_advisory_xact_lock(hashtextextended(p_stream_id, ${STREAM_LOCK_SEED}));
    select s.version, s.tenant_id, s.last_tx_id into v_current, v_stream_tenant, v_last_tx
      from streams s where s.stream_id = p_stream_id for update;
    v_exists := found;
    if not v_exists then
      v_current := 0;
    elsif v_stream_tenant is distinct from p_tenant_id then
      raise exception 'append_to_stream: stream % belongs to another tenant', p_stream_id
        using errcode = '${APPEND_ERROR_CODES.tenantMismatch}',
              detail = json_build_object('streamTenantId', v_stream_tenant)::text;
    end if;
  end if;

  -- 2. expected version; when it does not match, the append may still be the retry of one that succeeded
  if not (case
            when p_expected is null or p_expected = 'any' then true
            when p_expected = 'no_stream' then v_current = 0
            when p_expected = 'stream_exists' then v_current > 0
            else v_current = v_expected
          end) then
    if v_count > 0 then
      return query select * from append_to_stream_known(p_stream_id, p_events);
      if found then
        return;
      end if;
    end if;
    raise exception 'append_to_stream: stream %: expected version %, actual %', p_stream_id, p_expected, v_current
      using errcode = '${APPEND_ERROR_CODES.wrongExpectedVersion}',
            detail = json_build_object('actual', v_current)::text;
  end if;

  if v_count = 0 then
    return query
      select v_current, e.tx_id::text, e.seq, false
        from events e where e.stream_id = p_stream_id and e.version = v_current;
    if not found then
      return query select v_current, '0'::text, 0::bigint, false;
    end if;
    return;
  end if;

  -- 3. keep the stream's events in version order in the global (tx_id, seq) order
  v_tx := pg_current_xact_id();
  if v_last_tx is not null and v_last_tx > v_tx then
    raise exception 'append_to_stream: stream % was last written by transaction %, newer than this one (%); retry the transaction',
        p_stream_id, v_last_tx, v_tx
      using errcode = '40001';
  end if;

  -- 4. write: consecutive versions, in the order given. An event id already written anywhere is skipped
  --    here (and waited for, when its writer has not committed yet), then dealt with below.
  with inserted as (
    insert into events (stream_id, version, event_id, type, data, metadata, tenant_id)
    select p_stream_id, v_current + x.o::integer, (x.e ->> 'id')::uuid, x.e ->> 'type',
           coalesce(x.e -> 'data', 'null'::jsonb), coalesce(x.e -> 'metadata', '{}'::jsonb),
           x.e -> 'metadata' ->> 'tenantId'
      from jsonb_array_elements(p_events) with ordinality as x(e, o)
     order by x.o
    on conflict (event_id) do nothing
    returning events.seq, events.tenant_id
  )
  select count(*), max(inserted.seq), bool_and(inserted.tenant_id is not distinct from p_tenant_id)
    into v_inserted, v_seq, v_same_tenant
    from inserted;

  if v_inserted < v_count then
    -- 5. idempotency: every id already in this stream is the retry of an append that succeeded, answered
    --    with the first result (nothing was inserted); anything else raises, undoing what was inserted
    select array_agg((x.e ->> 'id')::uuid), count(distinct x.e ->> 'id') into v_ids, v_distinct
      from jsonb_array_elements(p_events) as x(e);
    if v_distinct <> v_count then
      raise exception 'append_to_stream: the same event id appears twice in one append' using errcode = '22023';
    end if;
    if v_inserted = 0 then
      return query select * from append_to_stream_known(p_stream_id, p_events);
      if found then
        return;
      end if;
    end if;
    raise exception 'append_to_stream: stream %: % of % event ids were already written with other events',
        p_stream_id, v_count - v_inserted, v_count
      using errcode = '${APPEND_ERROR_CODES.idempotencyMismatch}',
            detail = (select json_build_object('known', json_agg(e.event_id order by e.seq))::text
                        from events e
                       where e.event_id = any (v_ids) and not (e.stream_id = p_stream_id and e.version > v_current));
  end if;
  if not v_same_tenant then
    raise exception 'append_to_stream: the events of one append must all belong to tenant %', p_tenant_id
      using errcode = '${APPEND_ERROR_CODES.tenantMismatch}',
            detail = json_build_object('streamTenantId', coalesce(v_stream_tenant, p_tenant_id))::text;
  end if;

  -- 6. the stream's new version (a new stream's row: no one else can be creating it, they wait for our lock)
  if v_exists then
    update streams s set version = v_current + v_count, last_tx_id = v_tx, updated_at = now()
     where s.stream_id = p_stream_id;
  else
    insert into streams (stream_id, version, tenant_id, last_tx_id) values (p_stream_id, v_count, p_tenant_id, v_tx);
  end if;
  if p_notify then
    perform pg_notify('${APPEND_NOTIFY_CHANNEL}', '');
  end if;

  return query select v_current + v_count, v_tx::text, v_seq, false;
end
$fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop function if exists append_to_stream(text, text, text, jsonb, boolean)`);
    await queryRunner.query(`drop function if exists append_to_stream_known(text, jsonb)`);
  }
}
