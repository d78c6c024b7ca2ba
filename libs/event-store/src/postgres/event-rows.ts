import type { EventMetadata, StoredEvent } from '../event-store.port.js';

/** A row of `events` as the store's reads select it (COLUMNS). */
export interface EventRow {
  seq: string;
  tx: string;
  stream_id: string;
  version: number;
  event_id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  /** ISO-8601, UTC */
  recorded_at: string;
}

// The text copy of tx_id must not be named tx_id: ORDER BY would then sort by the text ("999" after "1000").
// recorded_at is formatted by the server: parsing 1,000 timestamps into Dates costs more than the query.
const COLUMNS =
  'seq, tx_id::text as tx, stream_id, version, event_id, type, data, metadata, ' +
  `to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at`;
/** below this transaction id every transaction has ended: rows under it can no longer appear or vanish */
const WATERMARK = 'pg_snapshot_xmin(pg_current_snapshot())';
/** the transaction id of the newest event (null on an empty log) */
const LATEST_TX = '(select tx_id from events order by tx_id desc, seq desc limit 1)';

export const SQL = {
  append: 'select version, tx_id, seq, duplicate from append_to_stream($1, $2, $3, $4::jsonb, $5)',
  appendShared: 'select item, version, tx_id, seq, duplicate from append_to_streams($1::jsonb)',
  readStream: `select ${COLUMNS} from events where stream_id = $1 and version between $2 and $3 order by version`,
  streamVersion: 'select version from streams where stream_id = $1',
  readAll:
    `select ${COLUMNS} from events where (tx_id, seq) > ($1::xid8, $2::bigint) and tx_id < ${WATERMARK} ` +
    'order by tx_id, seq limit $3',
  readAllTenant:
    `select ${COLUMNS} from events where tenant_id = $4 and (tx_id, seq) > ($1::xid8, $2::bigint) ` +
    `and tx_id < ${WATERMARK} order by tx_id, seq limit $3`,
  head: `select tx_id::text as tx, seq from events where tx_id < ${WATERMARK} order by tx_id desc, seq desc limit 1`,
  /** the latest committed event, also when a running transaction still holds it back from readers */
  lastCommitted: 'select tx_id::text as tx, seq from events order by tx_id desc, seq desc limit 1',
  /**
   * committed events a reader cannot see yet because an older transaction is still running: the latest
   * event's transaction is at or above the watermark. Asked of the newest row (a backward step on the
   * primary key), never as `exists (... where tx_id >= watermark)`: the planner cannot estimate a bound that
   * is a function, scans the table for it, and finds nothing in the common case (the whole table read).
   */
  heldBack: `select coalesce((${LATEST_TX} >= ${WATERMARK}), false) as held`,
  /**
   * in ONE snapshot: whether events after a position are readable, and whether committed events are held back
   * (two statements would race: a transaction that ends between them turns "held back" into "readable").
   * Readable: the first event after the position (in log order, so the lowest transaction id) is below the
   * watermark; an ordered LIMIT 1 walks the primary key from the position (an `exists` would be planned as a
   * scan of the table, for the reason above).
   */
  idle:
    `select coalesce((select tx_id < ${WATERMARK} from events where (tx_id, seq) > ($1::xid8, $2::bigint) ` +
    `order by tx_id, seq limit 1), false) as readable, coalesce((${LATEST_TX} >= ${WATERMARK}), false) as held`,
  idleTenant:
    `select coalesce((select tx_id < ${WATERMARK} from events where tenant_id = $3 ` +
    'and (tx_id, seq) > ($1::xid8, $2::bigint) order by tx_id, seq limit 1), false) as readable, ' +
    `coalesce((${LATEST_TX} >= ${WATERMARK}), false) as held`,
  /** readAll with each event's hash (verification) */
  readChain:
    `select ${COLUMNS}, hash from events where (tx_id, seq) > ($1::xid8, $2::bigint) and tx_id < ${WATERMARK} ` +
    'order by tx_id, seq limit $3',
  readChainTenant:
    `select ${COLUMNS}, hash from events where tenant_id = $4 and (tx_id, seq) > ($1::xid8, $2::bigint) ` +
    `and tx_id < ${WATERMARK} order by tx_id, seq limit $3`,
  hashAt: 'select hash from events where stream_id = $1 and version = $2',
  /** the heads of the streams whose last writer ended below the watermark (their events are all readable) */
  streamHeads: `select stream_id, tenant_id, version, head_hash from streams where version > 0 and last_tx_id < ${WATERMARK}`,
  streamHeadsTenant:
    'select stream_id, tenant_id, version, head_hash from streams ' +
    `where version > 0 and last_tx_id < ${WATERMARK} and tenant_id = $1`,
  /** no watermark: a committed stream is in the answer at once (streams_tenant_id index) */
  streamIds:
    'select stream_id from streams where tenant_id = $1 and version > 0 and starts_with(stream_id, $2) ' +
    'order by stream_id',
  tenants: 'select distinct tenant_id from streams where tenant_id is not null order by tenant_id',
} as const;

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    version: row.version,
    // both are decimal strings already: the padding of toPosition without its BigInt round trip
    position: `${row.tx.padStart(20, '0')}-${row.seq.padStart(20, '0')}`,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}
