import type pg from 'pg';
import type { StoredEvent } from '#event-store';
import {
  actionIdsOf,
  audienceOf,
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
const MAX_CACHED_ACTIONS = 20_000;

/**
 * Reads the facts `audienceOf` needs, per batch of events, from the read models (which already applied the
 * batch: pushes wait for the projections). One query for the batch's actions; the working groups of a tenant
 * are cached until a working-group event or 30 s pass.
 */
export class AudienceResolver {
  private readonly tenants = new Map<string, TenantGroups>();
  private readonly meetingGroups = new Map<string, string>();
  /** the tenant of each meeting in `meetingGroups`: a cached meeting answers only in its own tenant */
  private readonly meetingTenants = new Map<string, string>();
  /** facts of recently pushed actions; dropped by the events that change them (or any plan event) */
  private readonly actionFacts = new Map<string, ActionFacts>();
  private readonly signals = new Map<
    string,
    { partnerId: string | null; actionIds: string[]; themeIds: string[] }
  >();

  constructor(private readonly pool: pg.Pool) {}

  async resolve(events: readonly StoredEvent[]): Promise<Audience[]> {
    const staleTenants = new Set<string>();
    for (const event of events) {
      this.learn(event);
      const kind = streamKind(event.streamId);
      if (kind === 'working-group') staleTenants.add(event.metadata.tenantId);
      // sections move between themes in the plan stream: every action's theme may change
      if (kind === 'plan') this.actionFacts.clear();
      if (kind === 'action' && FACT_CHANGING_ACTION_EVENTS.has(event.type)) {
        this.actionFacts.delete(streamEntityId(event.streamId, kind));
      }
    }
    for (const tenantId of staleTenants) this.tenants.delete(tenantId);
    await this.loadUnknownSignals(events);
    const linked: LinkedFacts = { meetingGroups: this.meetingGroups, signals: this.signals };
    const actionIds = new Set<string>();
    const tenantIds = new Set<string>();
    for (const event of events) {
      tenantIds.add(event.metadata.tenantId);
      for (const id of actionIdsOf(event, linked)) actionIds.add(id);
    }
    const [actions] = await Promise.all([
      this.loadActions([...actionIds]),
      ...[...tenantIds].map((tenantId) => this.groupsOf(tenantId)),
    ]);
    const audiences: Audience[] = [];
    for (const event of events) {
      const tenant = this.tenants.get(event.metadata.tenantId);
      audiences.push(audienceOf(event, { actions, groups: tenant?.groups ?? new Map(), linked }));
    }
    return audiences;
  }

  /** The groups a user is a member of (cached with the tenant's groups). */
  async groupsOfUser(tenantId: string, userId: string): Promise<ReadonlySet<string>> {
    const tenant = await this.groupsOf(tenantId);
    return tenant.byUser.get(userId) ?? NO_GROUPS;
  }

  /** The cached answer, for the hot path of a fan-out (the batch's `resolve` loaded the tenant). */
  cachedGroupsOfUser(tenantId: string, userId: string): ReadonlySet<string> {
    return this.tenants.get(tenantId)?.byUser.get(userId) ?? NO_GROUPS;
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

  /** Remembers what events themselves say about meetings and signals (their first events carry it). */
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
  }

  /** Signals whose first event this process did not see (submitted before it started): from their read model. */
  private async loadUnknownSignals(events: readonly StoredEvent[]): Promise<void> {
    const unknown = new Map<string, string>();
    for (const event of events) {
      if (streamKind(event.streamId) !== 'signal') continue;
      const id = streamEntityId(event.streamId, 'signal');
      if (!this.signals.has(id)) unknown.set(id, event.metadata.tenantId);
    }
    if (unknown.size === 0) return;
    const { rows } = await this.pool.query<{
      id: string;
      partner_id: string | null;
      action_ids: string[];
      theme_ids: string[];
    }>(`select id, partner_id, action_ids, theme_ids from rm_signals where id = any($1::text[])`, [
      [...unknown.keys()],
    ]);
    for (const row of rows) {
      this.signals.set(row.id, {
        partnerId: row.partner_id,
        actionIds: row.action_ids,
        themeIds: row.theme_ids,
      });
    }
  }

  private async loadActions(wanted: string[]): Promise<Map<string, ActionFacts>> {
    const actions = new Map<string, ActionFacts>();
    const ids: string[] = [];
    for (const id of wanted) {
      const cached = this.actionFacts.get(id);
      if (cached) actions.set(id, cached);
      else ids.push(id);
    }
    if (ids.length === 0) return actions;
    if (this.actionFacts.size > MAX_CACHED_ACTIONS) this.actionFacts.clear();
    const { rows } = await this.pool.query<{
      id: string;
      plan_id: string;
      theme_id: string | null;
      goal_path: string[];
      owner_id: string | null;
      partner_ids: string[];
    }>(
      `select id, plan_id, theme_id, goal_path, owner_id, partner_ids from rm_actions where id = any($1::text[])`,
      [ids],
    );
    for (const row of rows) {
      const facts: ActionFacts = {
        id: row.id,
        planId: row.plan_id,
        themeId: row.theme_id,
        goalPath: row.goal_path,
        ownerId: row.owner_id,
        partnerIds: row.partner_ids,
      };
      actions.set(row.id, facts);
      this.actionFacts.set(row.id, facts);
    }
    return actions;
  }

  private async groupsOf(tenantId: string): Promise<TenantGroups> {
    const cached = this.tenants.get(tenantId);
    if (cached && Date.now() - cached.loadedAt < GROUPS_TTL_MS) return cached;
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
    this.tenants.set(tenantId, loaded);
    return loaded;
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';
