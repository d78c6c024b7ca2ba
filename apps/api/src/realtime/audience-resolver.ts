import type pg from 'pg';
import type { StoredEvent } from '#event-store';
import {
  ACTION_LIST_PROJECTION,
  PERIODS_PROJECTION,
  SIGNALS_PROJECTION,
  WORKING_GROUPS_PROJECTION,
} from '#read-models';
import {
  actionIdsOf,
  audienceOf,
  periodPlanOf,
  streamEntityId,
  streamKind,
  type ActionFacts,
  type Audience,
  type GroupFacts,
  type LinkedFacts,
} from './audience.js';

/** How long the working groups of a tenant are trusted without a working-group event (ms). */
const GROUPS_TTL_MS = 30_000;

interface TenantGroups {
  groups: Map<string, GroupFacts>;
  /** user id -> the (not archived) groups she is a member of */
  byUser: Map<string, Set<string>>;
  loadedAt: number;
  /** when a batch first found them older than `GROUPS_TTL_MS` (their background re-read has run since) */
  refreshSince?: number;
}

const NO_GROUPS: ReadonlySet<string> = new Set();

/** Action events that change what `ActionFacts` holds (lead, partners); the others leave the cache valid. */
const FACT_CHANGING_ACTION_EVENTS = new Set([
  'ActionAdded',
  'ActionOwnerChanged',
  'ActionPartnerAdded',
  'ActionPartnerRemoved',
  'ActionArchived',
]);
/** Action facts kept in memory at most, over all tenants (the least recently used tenants go first). */
const MAX_CACHED_ACTIONS = 100_000;

/** The facts of a tenant's actions in memory (dropped per action, or all at once by a plan event). */
interface TenantActions {
  facts: Map<string, ActionFacts>;
}

/**
 * Resolves once the read models have applied the events being resolved (awaited before the first query): those
 * of the named projections, or of every projection when none are named.
 */
export type CaughtUp = (projections?: readonly string[]) => Promise<void>;

/** The projections whose read models each fact is read from: a load waits for those alone. */
const ACTIONS_FROM = [ACTION_LIST_PROJECTION];
const GROUPS_FROM = [WORKING_GROUPS_PROJECTION];
const SIGNALS_FROM = [SIGNALS_PROJECTION];
const PERIODS_FROM = [PERIODS_PROJECTION];

/** The audiences of a batch, and the groups its recipients are members of (as the resolution knew them). */
export interface Resolved {
  audiences: Audience[];
  groupsOfUser(tenantId: string, userId: string): ReadonlySet<string>;
}

/**
 * Works out the facts `audienceOf` needs, per batch of events, from memory: what the events themselves say
 * (meetings, signals) and the facts of actions and working groups already loaded, which stay valid until an
 * event that changes them passes (then they are dropped). Only what is not in memory is read from the read
 * models, and only after `caughtUp` (the projections have applied the batch): a push whose facts are all in
 * memory never waits for the projections (docs/decisions.md "Pushes do not wait for the projections").
 *
 * What a load brings is kept only when no event dropped facts of its tenant while it ran (`epochs`): a load
 * that raced an invalidation is used for its own batch and then forgotten.
 */
export class AudienceResolver {
  /**
   * Per tenant, bumped by every event that drops the tenant's cached facts (an action's lead or partners, the
   * plan, a working group): a load that raced one is used for its own batch and then forgotten. Facts are per
   * tenant, so another tenant's events never discard a load.
   */
  private readonly epochs = new Map<string, number>();
  private readonly tenants = new Map<string, TenantGroups>();
  private readonly meetingGroups = new Map<string, string>();
  /** the tenant of each meeting in `meetingGroups`: a cached meeting answers only in its own tenant */
  private readonly meetingTenants = new Map<string, string>();
  /**
   * The facts of every action of a tenant, read at once on the first push that needs one of them (so the first
   * note on each action does not wait for the projections again); an action's entry is dropped by the events
   * that change it, a tenant's by a plan event. In least-recently-used order (a tenant used is moved last).
   */
  private readonly actions = new Map<string, TenantActions>();
  private cachedActions = 0;
  private readonly signals = new Map<
    string,
    { partnerId: string | null; actionIds: string[]; themeIds: string[] }
  >();
  /** the plan of each reporting period (a round's and an update's events do not name it) */
  private readonly periodPlans = new Map<string, { tenantId: string; planId: string }>();

  /** `maxCachedActions`: the bound on action facts in memory (`MAX_CACHED_ACTIONS`; smaller in tests) */
  constructor(
    private readonly pool: pg.Pool,
    private readonly maxCachedActions = MAX_CACHED_ACTIONS,
  ) {}

  /** the tenants whose groups are being re-read in the background (`refreshGroups`) */
  private readonly refreshing = new Set<string>();

  /**
   * Rooms and visibility of each event. `caughtUp` is awaited (once) before anything is read from the read
   * models; without it nothing read is kept. With `background` (the same wait, for a read that this batch does
   * not wait for), a tenant's groups past their periodic refresh are served as they are while they are re-read
   * beside the feed (`refreshGroups`).
   */
  async resolve(
    events: readonly StoredEvent[],
    caughtUp?: CaughtUp,
    background?: CaughtUp,
  ): Promise<Resolved> {
    // one wait per set of projections for the whole batch
    const waits = new Map<string, Promise<void>>();
    const wait: CaughtUp | undefined =
      caughtUp &&
      ((projections) => {
        const key = projections?.join('|') ?? '*';
        let waiting = waits.get(key);
        if (!waiting) waits.set(key, (waiting = caughtUp(projections)));
        return waiting;
      });
    const staleTenants = new Set<string>();
    for (const event of events) {
      this.learn(event);
      const kind = streamKind(event.streamId);
      const tenantId = event.metadata.tenantId;
      if (kind === 'working-group') staleTenants.add(tenantId);
      // sections move between themes in the plan stream: every action's theme in the tenant may change
      if (kind === 'plan') {
        this.dropActions(tenantId);
        this.bump(tenantId);
      }
      if (kind === 'action' && FACT_CHANGING_ACTION_EVENTS.has(event.type)) {
        const cached = this.actions.get(tenantId);
        if (cached?.facts.delete(streamEntityId(event.streamId, kind))) this.cachedActions--;
        this.bump(tenantId);
      }
    }
    for (const tenantId of staleTenants) {
      this.tenants.delete(tenantId);
      this.bump(tenantId);
    }
    await Promise.all([this.loadUnknownSignals(events, wait), this.loadUnknownPeriods(events, wait)]);
    const linked = this.linked();
    /** tenant -> the actions its events are about */
    const actionIds = new Map<string, Set<string>>();
    const tenantIds = new Set<string>();
    for (const event of events) {
      const tenantId = event.metadata.tenantId;
      tenantIds.add(tenantId);
      for (const id of actionIdsOf(event, linked)) {
        let ids = actionIds.get(tenantId);
        if (!ids) actionIds.set(tenantId, (ids = new Set()));
        ids.add(id);
      }
    }
    const tenantList = [...tenantIds];
    const [actions, ...tenants] = await Promise.all([
      this.actionFactsOf(actionIds, wait),
      ...tenantList.map((tenantId) => this.groupsOf(tenantId, wait, background)),
    ]);
    const byTenant = new Map<string, TenantGroups>();
    tenantList.forEach((tenantId, index) => byTenant.set(tenantId, tenants[index] as TenantGroups));
    const audiences: Audience[] = [];
    for (const event of events) {
      const tenant = byTenant.get(event.metadata.tenantId);
      audiences.push(audienceOf(event, { actions, groups: tenant?.groups ?? new Map(), linked }));
    }
    return {
      audiences,
      groupsOfUser: (tenantId, userId) =>
        (byTenant.get(tenantId) ?? this.tenants.get(tenantId))?.byUser.get(userId) ?? NO_GROUPS,
    };
  }

  /** The groups a user is a member of (cached with the tenant's groups). */
  async groupsOfUser(tenantId: string, userId: string): Promise<ReadonlySet<string>> {
    const tenant = await this.groupsOf(tenantId);
    return tenant.byUser.get(userId) ?? NO_GROUPS;
  }

  async group(tenantId: string, groupId: string): Promise<GroupFacts | undefined> {
    return (await this.groupsOf(tenantId)).groups.get(groupId);
  }

  async meetingGroup(tenantId: string, meetingId: string): Promise<string | null> {
    const known = this.meetingGroups.get(meetingId);
    // the cache is keyed by meeting id alone: another tenant's meeting must not answer from it
    if (known && this.meetingTenants.get(meetingId) === tenantId) return known;
    const { rows } = await this.pool.query<{ working_group_id: string }>(
      `select working_group_id from rm_meetings where tenant_id = $1 and id = $2`,
      [tenantId, meetingId],
    );
    const groupId = rows[0]?.working_group_id ?? null;
    if (groupId) {
      this.meetingGroups.set(meetingId, groupId);
      this.meetingTenants.set(meetingId, tenantId);
    }
    return groupId;
  }

  private linked(): LinkedFacts {
    return { meetingGroups: this.meetingGroups, signals: this.signals, periodPlans: this.periodPlans };
  }

  /**
   * Remembers what events themselves say about meetings, signals and reporting periods (their first events
   * carry it).
   */
  private learn(event: StoredEvent): void {
    const kind = streamKind(event.streamId);
    const data = (event.data ?? {}) as Record<string, unknown>;
    if (kind === 'meeting' && typeof data.workingGroupId === 'string') {
      const meetingId = streamEntityId(event.streamId, kind);
      this.meetingGroups.set(meetingId, data.workingGroupId);
      this.meetingTenants.set(meetingId, event.metadata.tenantId);
    }
    if (kind === 'signal') {
      const id = streamEntityId(event.streamId, kind);
      const known = this.signals.get(id) ?? { partnerId: null, actionIds: [], themeIds: [] };
      if (typeof data.partnerId === 'string') known.partnerId = data.partnerId;
      if (Array.isArray(data.actionIds)) known.actionIds = data.actionIds.filter(isString);
      if (Array.isArray(data.themeIds)) known.themeIds = data.themeIds.filter(isString);
      this.signals.set(id, known);
    }
    if (kind === 'period' && typeof data.planId === 'string') {
      const id = streamEntityId(event.streamId, kind);
      this.periodPlans.set(id, { tenantId: event.metadata.tenantId, planId: data.planId });
    }
  }

  /**
   * Periods whose opening this process did not see (opened before it started): their plan from their read
   * model, as for signals.
   */
  private async loadUnknownPeriods(events: readonly StoredEvent[], caughtUp?: CaughtUp): Promise<void> {
    const linked = this.linked();
    const tenants: string[] = [];
    const ids: string[] = [];
    const seen = new Set<string>();
    for (const event of events) {
      if (streamKind(event.streamId) !== 'period' || event.type === 'ReportingPeriodActionFrozen') continue;
      const id = streamEntityId(event.streamId, 'period');
      const key = `${event.metadata.tenantId}|${id}`;
      if (seen.has(key) || periodPlanOf(event, id, linked) !== null) continue;
      seen.add(key);
      tenants.push(event.metadata.tenantId);
      ids.push(id);
    }
    if (ids.length === 0) return;
    await caughtUp?.(PERIODS_FROM);
    const { rows } = await this.pool.query<{ tenant_id: string; id: string; plan_id: string }>(
      `select p.tenant_id, p.id, p.plan_id from rm_periods p
       join unnest($1::text[], $2::text[]) as wanted (tenant_id, id) using (tenant_id, id)`,
      [tenants, ids],
    );
    for (const row of rows) this.periodPlans.set(row.id, { tenantId: row.tenant_id, planId: row.plan_id });
  }

  /** Signals whose first event this process did not see (submitted before it started): from their read model. */
  private async loadUnknownSignals(events: readonly StoredEvent[], caughtUp?: CaughtUp): Promise<void> {
    const unknown = new Map<string, string>();
    for (const event of events) {
      if (streamKind(event.streamId) !== 'signal') continue;
      const id = streamEntityId(event.streamId, 'signal');
      if (!this.signals.has(id)) unknown.set(id, event.metadata.tenantId);
    }
    if (unknown.size === 0) return;
    await caughtUp?.(SIGNALS_FROM);
    const { rows } = await this.pool.query<{
      id: string;
      partner_id: string | null;
      action_ids: string[];
      theme_ids: string[];
    }>(
      `select s.id, s.partner_id, s.action_ids, s.theme_ids from rm_signals s
       join unnest($1::text[], $2::text[]) as wanted (tenant_id, id) using (tenant_id, id)`,
      [[...unknown.values()], [...unknown.keys()]],
    );
    for (const row of rows) {
      this.signals.set(row.id, {
        partnerId: row.partner_id,
        actionIds: row.action_ids,
        themeIds: row.theme_ids,
      });
    }
  }

  /**
   * The facts of the actions the batch is about, per tenant: from memory, else read after the action list has
   * applied the batch. A tenant none of whose facts are in memory is read whole (a few hundred rows), so the
   * other actions of a plan being worked on are known from then on; a tenant already in memory reads only the
   * actions it misses (added since, or changed).
   */
  private async actionFactsOf(
    wanted: ReadonlyMap<string, ReadonlySet<string>>,
    caughtUp?: CaughtUp,
  ): Promise<Map<string, ActionFacts>> {
    const found = new Map<string, ActionFacts>();
    const loads: Promise<void>[] = [];
    for (const [tenantId, ids] of wanted) {
      const cached = this.actions.get(tenantId);
      if (cached) this.touch(tenantId, cached);
      const missing: string[] = [];
      for (const id of ids) {
        const facts = cached?.facts.get(id);
        if (facts) found.set(id, facts);
        else missing.push(id);
      }
      if (missing.length === 0) continue;
      loads.push(
        // read whole only where it can be kept (after the projections caught up)
        this.loadActions(tenantId, cached || !caughtUp ? missing : null, caughtUp).then((loaded) => {
          for (const id of missing) {
            const facts = loaded.get(id);
            if (facts) found.set(id, facts);
          }
        }),
      );
    }
    await Promise.all(loads);
    return found;
  }

  /** Reads the facts of a tenant's actions (`ids`, or all of them) and keeps them when nothing raced the read. */
  private async loadActions(
    tenantId: string,
    ids: string[] | null,
    caughtUp?: CaughtUp,
  ): Promise<Map<string, ActionFacts>> {
    const epoch = this.epochOf(tenantId);
    await caughtUp?.(ACTIONS_FROM);
    const { rows } = await this.pool.query<{
      id: string;
      plan_id: string;
      theme_id: string | null;
      goal_path: string[];
      owner_id: string | null;
      partner_ids: string[];
    }>(
      ids
        ? `select id, plan_id, theme_id, goal_path, owner_id, partner_ids from rm_actions
           where tenant_id = $1 and id = any($2::text[])`
        : `select id, plan_id, theme_id, goal_path, owner_id, partner_ids from rm_actions where tenant_id = $1`,
      ids ? [tenantId, ids] : [tenantId],
    );
    const loaded = new Map<string, ActionFacts>();
    for (const row of rows) {
      loaded.set(row.id, {
        id: row.id,
        planId: row.plan_id,
        themeId: row.theme_id,
        goalPath: row.goal_path,
        ownerId: row.owner_id,
        partnerIds: row.partner_ids,
      });
    }
    // kept only when read after the projections caught up and nothing dropped the tenant's facts meanwhile
    if (caughtUp && epoch === this.epochOf(tenantId)) this.keepActions(tenantId, loaded, ids === null);
    return loaded;
  }

  /**
   * Keeps what a load read. A load of some actions (`whole` false) only adds to the tenant's facts in memory: if
   * those went meanwhile (the least recently used, evicted), keeping the few would leave a tenant whose other
   * actions are then read one by one; the next push reads it whole instead.
   */
  private keepActions(tenantId: string, loaded: ReadonlyMap<string, ActionFacts>, whole: boolean): void {
    let cached = this.actions.get(tenantId);
    if (!cached && !whole) return;
    if (!cached) this.actions.set(tenantId, (cached = { facts: new Map() }));
    for (const [id, facts] of loaded) {
      if (!cached.facts.has(id)) this.cachedActions++;
      cached.facts.set(id, facts);
    }
    this.touch(tenantId, cached);
    // the least recently used tenants go first; the one just read stays even when it alone is over the bound
    for (const [oldest] of this.actions) {
      if (this.cachedActions <= this.maxCachedActions || oldest === tenantId) break;
      this.dropActions(oldest);
    }
  }

  /** moves a tenant's actions to the most recently used end */
  private touch(tenantId: string, cached: TenantActions): void {
    this.actions.delete(tenantId);
    this.actions.set(tenantId, cached);
  }

  private dropActions(tenantId: string): void {
    const cached = this.actions.get(tenantId);
    if (!cached) return;
    this.cachedActions -= cached.facts.size;
    this.actions.delete(tenantId);
  }

  private epochOf(tenantId: string): number {
    return this.epochs.get(tenantId) ?? 0;
  }

  private bump(tenantId: string): void {
    this.epochs.set(tenantId, this.epochOf(tenantId) + 1);
  }

  /**
   * A tenant's working groups and members. They are dropped by every working-group event (then read again
   * before the batch is pushed) and re-read every `GROUPS_TTL_MS` as well, a safety net. That periodic re-read
   * used to make its batch wait for every projection (hundreds of milliseconds under load, and every later push
   * queued behind it); with `background` the groups are served as they are while the re-read waits for the
   * projections beside the feed, for one more period at most from the first batch that found them old.
   */
  private async groupsOf(
    tenantId: string,
    caughtUp?: CaughtUp,
    background?: CaughtUp,
  ): Promise<TenantGroups> {
    const cached = this.tenants.get(tenantId);
    if (cached) {
      const now = Date.now();
      if (now - cached.loadedAt < GROUPS_TTL_MS) return cached;
      // the first batch that finds them old starts the clock: a re-read that keeps failing (or racing events
      // that drop facts, so it is not kept) lets them serve one more period at most, then a batch waits again
      cached.refreshSince ??= now;
      if (background && now - cached.refreshSince < GROUPS_TTL_MS) {
        this.refreshGroups(tenantId, background);
        return cached;
      }
    }
    return this.loadGroups(tenantId, caughtUp);
  }

  /** Re-reads a tenant's groups beside the feed (one read per tenant at a time; a failure: the next batch asks again). */
  private refreshGroups(tenantId: string, caughtUp: CaughtUp): void {
    if (this.refreshing.has(tenantId)) return;
    this.refreshing.add(tenantId);
    this.loadGroups(tenantId, caughtUp)
      .catch(() => undefined)
      .finally(() => this.refreshing.delete(tenantId));
  }

  private async loadGroups(tenantId: string, caughtUp?: CaughtUp): Promise<TenantGroups> {
    const epoch = this.epochOf(tenantId);
    await caughtUp?.(GROUPS_FROM);
    const [groupRows, memberRows] = await Promise.all([
      this.pool.query<{
        id: string;
        plan_id: string;
        theme_ids: string[];
        action_ids: string[];
        archived: boolean;
      }>(`select id, plan_id, theme_ids, action_ids, archived from rm_working_groups where tenant_id = $1`, [
        tenantId,
      ]),
      this.pool.query<{ group_id: string; user_id: string }>(
        `select group_id, user_id from rm_working_group_members where tenant_id = $1`,
        [tenantId],
      ),
    ]);
    const groups = new Map<string, GroupFacts>();
    for (const row of groupRows.rows) {
      groups.set(row.id, {
        id: row.id,
        planId: row.plan_id,
        themeIds: row.theme_ids,
        actionIds: row.action_ids,
        archived: row.archived,
        memberIds: new Set(),
      });
    }
    const byUser = new Map<string, Set<string>>();
    for (const row of memberRows.rows) {
      const group = groups.get(row.group_id);
      if (!group) continue;
      (group.memberIds as Set<string>).add(row.user_id);
      if (group.archived) continue;
      let mine = byUser.get(row.user_id);
      if (!mine) byUser.set(row.user_id, (mine = new Set()));
      mine.add(row.group_id);
    }
    const loaded = { groups, byUser, loadedAt: Date.now() };
    // kept only when read after the projections caught up and no working-group event passed meanwhile
    if (caughtUp && epoch === this.epochOf(tenantId)) this.tenants.set(tenantId, loaded);
    return loaded;
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';
