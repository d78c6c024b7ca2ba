import type { MigrationInterface, QueryRunner } from 'typeorm';
import { chainHash, contentDigest } from '../../chain/event-hash.js';
import type { EventMetadata } from '../../event-store.port.js';
import { toPosition } from '../../position.js';
import {
  APPEND_ERROR_CODES,
  APPEND_NOTIFY_CHANNEL,
  EventStoreAppendFunction1767225600001,
  STREAM_LOCK_SEED,
} from './1767225600001-append-to-stream-function.js';

/** events hashed per round trip while the migration gives the events written before it their hashes */
const BACKFILL_PAGE = 2000;

/**
 * Tamper evidence (docs/audit.md, docs/decisions.md "Hash chain per stream"):
 *
 * - `events.hash`: SHA-256 of the event's canonical form, chained per stream (see `chain/event-hash.ts`);
 *   `streams.head_hash`: the hash of the stream's last event, kept apart from the events so that an event
 *   removed at the end of a stream is seen;
 * - `event_chain_hash(prev, position, stream, version, time, content)`: the second step of the hash, the JCS
 *   text of those six fields composed in SQL (keys in JCS order; `to_json` escapes strings as JCS does);
 * - `append_to_stream` takes each event's content digest (`digest`, computed by the writer, since JCS of the
 *   data is not something PostgreSQL can produce) and writes the hash with the position, version and time it
 *   assigns, continuing the stream's chain from `streams.head_hash` under the stream's lock;
 * - the events written before this migration get their hashes here, stream by stream in version order, from
 *   what is stored (their data and metadata are read, never rewritten): the chain covers the whole log.
 */
export class EventHashChain1767225600002 implements MigrationInterface {
  readonly name = 'EventHashChain1767225600002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table events add column hash text`);
    await queryRunner.query(`alter table streams add column head_hash text`);
    await queryRunner.query(
      `comment on column events.hash is 'sha256 of the event (stream chain), docs/audit.md; never recomputed after the write'`,
    );
    await queryRunner.query(`
create function event_chain_hash(p_prev text, p_position text, p_stream text, p_version integer, p_time text,
                                 p_content text)
returns text
language sql
immutable
parallel safe
as $fn$
  select encode(sha256(convert_to(
    '{"content":' || to_json(p_content)::text ||
    ',"position":' || coalesce(to_json(p_position)::text, 'null') ||
    ',"prev":' || coalesce(to_json(p_prev)::text, 'null') ||
    ',"stream":' || to_json(p_stream)::text ||
    ',"time":' || coalesce(to_json(p_time)::text, 'null') ||
    ',"version":' || p_version::text || '}', 'UTF8')), 'hex')
$fn$`);
    await queryRunner.query(hashedAppendFunctionSql(null));
    await backfill(queryRunner);
    await queryRunner.query(`alter table events alter column hash set not null`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // the function as it was, then the columns
    await queryRunner.query(`drop function if exists append_to_stream(text, text, text, jsonb, boolean)`);
    await queryRunner.query(`drop function if exists append_to_stream_known(text, jsonb)`);
    await new EventStoreAppendFunction1767225600001().up(queryRunner);
    await queryRunner.query(
      `drop function if exists event_chain_hash(text, text, text, integer, text, text)`,
    );
    await queryRunner.query(`alter table streams drop column if exists head_hash`);
    await queryRunner.query(`alter table events drop column if exists hash`);
  }
}

/**
 * `append_to_stream` with the hash chain, in two forms:
 *
 * - `sequence` null: as this migration wrote it, finding the events' sequence on every call
 *   (`pg_get_serial_sequence`) and walking the events with a query (`jsonb_array_elements`);
 * - `sequence` the sequence's name (migration 1767227700000): the name resolved once, when the function is
 *   created, the events walked by index, and the stream's row read without `for update` (the advisory lock
 *   already serialises its writers). Same results, less work and WAL per append (docs/benchmarks.md).
 */
export function hashedAppendFunctionSql(sequence: string | null): string {
  return `
create or replace function append_to_stream(p_stream_id text, p_tenant_id text, p_expected text, p_events jsonb,
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
  v_head_hash text;
  v_prev text;
  v_hash text;
  v_digest text;
  v_time timestamptz;
  v_time_text text;
${sequence ? '' : '  v_sequence regclass;\n'}  v_next_seq bigint;
  v_e jsonb;
  v_o bigint;
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
${
  sequence
    ? `    --    Only this function writes \`streams\`, always under that lock, and the row is read by a new statement
    --    (READ COMMITTED) after the lock is granted, so it shows the previous writer's commit: no row lock needed.
    select s.version, s.tenant_id, s.last_tx_id, s.head_hash into v_current, v_stream_tenant, v_last_tx, v_head_hash
      from streams s where s.stream_id = p_stream_id;`
    : `    select s.version, s.tenant_id, s.last_tx_id, s.head_hash into v_current, v_stream_tenant, v_last_tx, v_head_hash
      from streams s where s.stream_id = p_stream_id for update;`
}
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

  -- 4. write: consecutive versions, in the order given, each with its hash (docs/audit.md): the chain of the
  --    stream continues from its head; the position, version and time hashed are the ones written. An event
  --    id already written anywhere is skipped here (and waited for, when its writer has not committed yet),
  --    then dealt with below.
  v_time := now();
  v_time_text := to_char(v_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
${sequence ? '' : "  v_sequence := pg_get_serial_sequence('events', 'seq')::regclass;\n"}  v_prev := v_head_hash;
  v_inserted := 0;
  v_same_tenant := true;
${
  sequence
    ? '  for v_o in 1..v_count loop\n    v_e := p_events -> (v_o::integer - 1);\n'
    : '  for v_e, v_o in select x.e, x.o from jsonb_array_elements(p_events) with ordinality as x(e, o) order by x.o loop\n'
}    v_digest := v_e ->> 'digest';
    if v_digest is null or v_digest !~ '^[0-9a-f]{64}$' then
      raise exception 'append_to_stream: every event needs the hex SHA-256 digest of its content ("digest")'
        using errcode = '22023';
    end if;
    v_next_seq := nextval(${sequence ? `'${sequence.replaceAll("'", "''")}'` : 'v_sequence'});
    v_hash := event_chain_hash(v_prev, lpad(v_tx::text, 20, '0') || '-' || lpad(v_next_seq::text, 20, '0'),
                               p_stream_id, v_current + v_o::integer, v_time_text, v_digest);
    insert into events (seq, tx_id, stream_id, version, event_id, type, data, metadata, tenant_id, recorded_at, hash)
      overriding system value
      values (v_next_seq, v_tx, p_stream_id, v_current + v_o::integer, (v_e ->> 'id')::uuid, v_e ->> 'type',
              coalesce(v_e -> 'data', 'null'::jsonb), coalesce(v_e -> 'metadata', '{}'::jsonb),
              v_e -> 'metadata' ->> 'tenantId', v_time, v_hash)
    on conflict (event_id) do nothing;
    if found then
      v_inserted := v_inserted + 1;
      v_seq := v_next_seq;
      if (v_e -> 'metadata' ->> 'tenantId') is distinct from p_tenant_id then
        v_same_tenant := false;
      end if;
    end if;
    v_prev := v_hash;
  end loop;

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
    update streams s set version = v_current + v_count, last_tx_id = v_tx, head_hash = v_prev, updated_at = now()
     where s.stream_id = p_stream_id;
  else
    insert into streams (stream_id, version, tenant_id, last_tx_id, head_hash)
      values (p_stream_id, v_count, p_tenant_id, v_tx, v_prev);
  end if;
  if p_notify then
    perform pg_notify('${APPEND_NOTIFY_CHANNEL}', '');
  end if;

  return query select v_current + v_count, v_tx::text, v_seq, false;
end
$fn$`;
}

interface BackfillRow {
  event_id: string;
  stream_id: string;
  version: number;
  tx: string;
  seq: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: string;
}

/** Hashes the events written before the chain existed, stream by stream, in version order. */
async function backfill(queryRunner: QueryRunner): Promise<void> {
  let after: { stream: string; version: number } | null = null;
  let prev: { stream: string; hash: string } | null = null;
  for (;;) {
    const rows = (await queryRunner.query(
      `select event_id, stream_id, version, tx_id::text as tx, seq::text as seq, type, data, metadata,
              to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at
         from events
        where ($1::text is null or (stream_id, version) > ($1::text, $2::integer))
        order by stream_id, version
        limit ${BACKFILL_PAGE}`,
      [after?.stream ?? null, after?.version ?? 0],
    )) as BackfillRow[];
    if (rows.length === 0) break;
    const ids: string[] = [];
    const hashes: string[] = [];
    for (const row of rows) {
      const hash = chainHash({
        prev: prev && prev.stream === row.stream_id ? prev.hash : null,
        position: toPosition(row.tx, row.seq),
        stream: row.stream_id,
        version: row.version,
        time: row.recorded_at,
        content: contentDigest(row.type, row.data, row.metadata),
      });
      prev = { stream: row.stream_id, hash };
      ids.push(row.event_id);
      hashes.push(hash);
    }
    await queryRunner.query(
      `update events e set hash = u.hash from unnest($1::uuid[], $2::text[]) as u(id, hash) where e.event_id = u.id`,
      [ids, hashes],
    );
    const last = rows.at(-1)!;
    after = { stream: last.stream_id, version: last.version };
  }
  await queryRunner.query(
    `update streams s set head_hash = e.hash from events e where e.stream_id = s.stream_id and e.version = s.version`,
  );
}
