import type { StoredEvent } from '#event-store';
import type { ProjectionTx } from '../projection/projection.js';
import { upsertRows, type JsonRow, type RowSet } from '../projection/sql.js';
import {
  ROW_VERSIONS_TABLE,
  ROW_VERSION_KEYS_TABLE,
  TENANT_SCOPE,
  TENANT_SCOPED_TABLES,
  VERSIONED_TABLES,
  rowVersionKeysTable,
  rowVersionsTable,
  type RowVersionKeyRow,
  type RowVersionRow,
  type VersionedTable,
} from './row.js';

/**
 * Collects the dated versions a projection's fold leaves, event by event: after each event the projection
 * calls `record` with its row sets, and every row the event put or removed becomes a version valid from the
 * event's position. `save` writes them in the projection's transaction, with its current rows and checkpoint.
 */
export class VersionRecorder {
  private readonly versions: RowVersionRow[] = [];
  private readonly keys = new Map<string, RowVersionKeyRow>();

  /**
   * `onTouched` sees each row the event put or removed (`before`: the row before the event, undefined when
   * new), after its version is recorded: the action-list projection derives its change rows from it.
   */
  record(
    sets: readonly RowSet<JsonRow>[],
    stored: StoredEvent,
    onTouched?: (touched: {
      source: VersionedTable;
      row: JsonRow | null;
      before: JsonRow | undefined;
    }) => void,
  ): void {
    for (const set of sets) {
      const source = set.table as VersionedTable;
      for (const { key, row, before } of set.drainTouched()) {
        const tenant_id = String(key.tenant_id);
        const id = versionIdOf(set.keyColumns, key);
        this.versions.push({ tenant_id, source, id, position: stored.position, data: canonical(row) });
        onTouched?.({ source, row, before });
        const plan = (row ?? before) as { plan_id?: unknown } | undefined;
        // rm_plans: the plan is its own key; rm_signals, rm_working_groups: listed for the tenant, not a plan
        const plan_id =
          source === 'rm_plans'
            ? id
            : TENANT_SCOPED_TABLES.includes(source)
              ? TENANT_SCOPE
              : typeof plan?.plan_id === 'string'
                ? plan.plan_id
                : null;
        if (plan_id !== null)
          this.keys.set(`${tenant_id}\u0000${plan_id}\u0000${source}\u0000${id}`, {
            tenant_id,
            plan_id,
            source,
            id,
          });
      }
    }
  }

  async save(tx: ProjectionTx): Promise<void> {
    // update, not nothing: an erasure replays the tenant (`replayOnErasure`) and must overwrite what the
    // versions held of the erased subject (a signal's source); any other replay writes the same data again
    await upsertRows(tx, ROW_VERSIONS_TABLE, rowVersionsTable.primaryKey, this.versions, {
      onConflict: 'update',
      appendOnly: true,
    });
    await upsertRows(tx, ROW_VERSION_KEYS_TABLE, rowVersionKeysTable.primaryKey, [...this.keys.values()], {
      onConflict: 'nothing',
    });
    this.versions.length = 0;
    this.keys.clear();
  }
}

/** The version id of a row: its key columns other than the tenant, joined by `/` (`rm_actions`: the id). */
export function versionIdOf(keyColumns: readonly string[], key: JsonRow): string {
  return keyColumns
    .filter((column) => column !== 'tenant_id')
    .map((column) => String(key[column]))
    .join('/');
}

/** a timestamp as PostgreSQL's to_jsonb writes it (`2021-01-06T02:09:06.6+00:00`) */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/;

/**
 * The row with its timestamps in one form (ISO, UTC, milliseconds: what the projections write): a row loaded
 * from the table in an earlier batch carries PostgreSQL's form, one made in this batch JavaScript's, and the
 * same version must not depend on where a batch began (the rebuild-equivalence test holds this).
 */
function canonical(row: JsonRow | null): JsonRow | null {
  if (row === null) return null;
  const out: JsonRow = {};
  for (const column in row) {
    const value = row[column];
    // the pattern only where a timestamp could start (`yyyy-`): most texts are not one
    out[column] =
      typeof value === 'string' && value.charCodeAt(4) === 45 && PG_TIMESTAMP.test(value)
        ? new Date(value).toISOString()
        : value;
  }
  return out;
}

/**
 * Empties both tables of dated versions when the projections a rebuild refills write every versioned table
 * (`tables`: theirs): in one `TRUNCATE` instead of the row-by-row deletes of `truncateVersions`, which then
 * find nothing. A delete leaves every old version behind as a dead row, and with no vacuum between the reset
 * and the replay each new version's index insert first visits the dead ones' heap pages: measured on 301,586
 * events (docs/benchmarks.md, "Rebuild: the dated versions emptied at once"), the versions' COPY read 192,835
 * blocks from outside the shared buffers after the delete and 25 after a truncate. Answers whether it did.
 */
export async function truncateAllVersions(tx: ProjectionTx, tables: ReadonlySet<string>): Promise<boolean> {
  if (!VERSIONED_TABLES.every((table) => tables.has(table))) return false;
  await tx.query(`truncate ${ROW_VERSIONS_TABLE}, ${ROW_VERSION_KEYS_TABLE}`);
  return true;
}

/** Empties the versions of `sources` (a rebuild of the projection that writes them). */
export async function truncateVersions(tx: ProjectionTx, sources: readonly string[]): Promise<void> {
  await tx.query(`delete from ${ROW_VERSIONS_TABLE} where source = any($1::text[])`, [sources]);
  await tx.query(`delete from ${ROW_VERSION_KEYS_TABLE} where source = any($1::text[])`, [sources]);
}
