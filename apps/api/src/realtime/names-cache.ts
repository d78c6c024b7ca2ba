import type pg from 'pg';
import { describeEvent, type DomainEvent, type NameLookup } from '#domain';
import type { StoredEvent } from '#event-store';
import { ACTION_HISTORY_PROJECTION, USERS_PROJECTION } from '#read-models';
import type { LocalizedSummary } from '#realtime-client';
import { streamKind } from './audience.js';

/** Streams whose events may rename something a summary names. */
const NAMING_KINDS = new Set(['partner', 'user', 'plan']);
const TTL_MS = 60_000;
/** the projections the names are read from (`rm_history_names`, `rm_users`): a reload waits for those alone */
const NAMES_FROM = [ACTION_HISTORY_PROJECTION, USERS_PROJECTION];

/**
 * The names summaries use (partners, users, themes, goals), per tenant, from the history projection's name
 * table and the users read model (so live text says "Voorstel van An Peeters", never a user id); reloaded when a batch carries an event that may rename something, or after a minute.
 */
export class NamesCache {
  private readonly tenants = new Map<
    string,
    { names: Map<string, string>; loadedAt: number; load: number }
  >();
  /** numbers the loads as they start: a load never replaces names from one that started after it */
  private loads = 0;

  constructor(private readonly pool: pg.Pool) {}

  /** the tenants whose names are being reloaded in the background */
  private readonly refreshing = new Set<string>();

  /**
   * Reloads the tenants whose names may have changed (an event that may rename something, or none loaded);
   * `caughtUp` is awaited first (the projections applied the events). Names older than `TTL_MS` are reloaded
   * as well: beside the feed when `background` is given (the same wait, not awaited by this batch: the
   * summaries use the names as they are meanwhile, and every renaming event still reloads first), else first.
   */
  async refreshFor(
    events: readonly StoredEvent[],
    caughtUp?: (projections?: readonly string[]) => Promise<void>,
    background?: (projections?: readonly string[]) => Promise<void>,
  ): Promise<void> {
    const reload = new Set<string>();
    const stale = new Set<string>();
    for (const event of events) {
      const tenantId = event.metadata.tenantId;
      const cached = this.tenants.get(tenantId);
      if (!cached || NAMING_KINDS.has(streamKind(event.streamId))) reload.add(tenantId);
      else if (Date.now() - cached.loadedAt > TTL_MS) (background ? stale : reload).add(tenantId);
    }
    for (const tenantId of stale) {
      if (reload.has(tenantId) || this.refreshing.has(tenantId)) continue;
      this.refreshing.add(tenantId);
      background!(NAMES_FROM)
        .then(() => this.load(tenantId))
        .catch(() => undefined) // the next batch asks again
        .finally(() => this.refreshing.delete(tenantId));
    }
    if (reload.size === 0) return;
    await caughtUp?.(NAMES_FROM);
    await Promise.all([...reload].map((tenantId) => this.load(tenantId)));
  }

  lookup(tenantId: string): NameLookup {
    const names = this.tenants.get(tenantId)?.names;
    return (kind, id) => names?.get(`${kind}:${id}`);
  }

  private async load(tenantId: string): Promise<void> {
    const load = ++this.loads;
    const { rows } = await this.pool.query<{ kind: string; id: string; name: string }>(
      // partners, themes and goals as the history names them; people by their current name
      `select kind, id, name from rm_history_names where tenant_id = $1
       union all select 'user', id, name from rm_users where tenant_id = $1`,
      [tenantId],
    );
    const names = new Map<string, string>();
    for (const row of rows) names.set(`${row.kind}:${row.id}`, row.name);
    // a background reload that started before a renaming event's reload must not win over it
    if ((this.tenants.get(tenantId)?.load ?? 0) > load) return;
    this.tenants.set(tenantId, { names, loadedAt: Date.now(), load });
  }
}

/** The event's readable summary; an event the domain cannot describe still gets its type. */
export function summarize(event: StoredEvent, names: NamesCache): LocalizedSummary {
  try {
    const text = describeEvent(
      { type: event.type, data: event.data } as DomainEvent,
      names.lookup(event.metadata.tenantId),
    );
    return { nl: text.nl, en: text.en };
  } catch {
    return { nl: event.type, en: event.type };
  }
}
