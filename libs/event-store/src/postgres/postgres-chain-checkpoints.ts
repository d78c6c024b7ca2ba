import type pg from 'pg';
import type { ChainCheckpoint, ChainCheckpointStore, NewChainCheckpoint } from '../chain/chain.port.js';

interface CheckpointRow {
  id: string;
  tenant_id: string;
  position: string;
  event_count: string;
  head_hash: string;
  reason: string;
  recorded_at: string;
}

const COLUMNS =
  'id::text as id, tenant_id, position, event_count::text as event_count, head_hash, reason, ' +
  `to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at`;

/** The checkpoints in PostgreSQL (table `event_chain_checkpoints`, migration ChainCheckpoints1767225600003). */
export class PostgresChainCheckpoints implements ChainCheckpointStore {
  constructor(private readonly db: Pick<pg.Pool, 'query'>) {}

  async list(tenantId?: string): Promise<ChainCheckpoint[]> {
    const { rows } = await this.db.query<CheckpointRow>(
      `select ${COLUMNS} from event_chain_checkpoints where $1::text is null or tenant_id = $1 order by position, id`,
      [tenantId ?? null],
    );
    return rows.map(toCheckpoint);
  }

  async latest(tenantId: string): Promise<ChainCheckpoint | null> {
    const { rows } = await this.db.query<CheckpointRow>(
      `select ${COLUMNS} from event_chain_checkpoints where tenant_id = $1 order by position desc, id desc limit 1`,
      [tenantId],
    );
    return rows[0] ? toCheckpoint(rows[0]) : null;
  }

  async record(checkpoint: NewChainCheckpoint): Promise<ChainCheckpoint | null> {
    const { rows } = await this.db.query<CheckpointRow>(
      `insert into event_chain_checkpoints (tenant_id, position, event_count, head_hash, reason)
       values ($1, $2, $3, $4, $5)
       on conflict (tenant_id, day) where reason = 'daily' do nothing
       returning ${COLUMNS}`,
      [
        checkpoint.tenantId,
        checkpoint.position,
        checkpoint.eventCount,
        checkpoint.headHash,
        checkpoint.reason,
      ],
    );
    return rows[0] ? toCheckpoint(rows[0]) : null;
  }
}

function toCheckpoint(row: CheckpointRow): ChainCheckpoint {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    position: row.position,
    eventCount: Number(row.event_count),
    headHash: row.head_hash,
    recordedAt: row.recorded_at,
    reason: row.reason,
  };
}
