import { isActionInScope } from '#domain';
import type { StoredEvent } from '#event-store';
import type { Role } from '../auth/roles.js';

/**
 * Who may receive a stored event, and in which rooms it belongs: the REST matrix of docs/access.md applied to
 * pushes (docs/realtime.md "Who receives what"). Pure: the facts about actions and groups come in.
 */

/** What the api knows about an action when the event is pushed (its read-model row, after the projection). */
export interface ActionFacts {
  id: string;
  planId: string;
  themeId: string | null;
  goalPath: string[];
  ownerId: string | null;
  partnerIds: string[];
}

export interface GroupFacts {
  id: string;
  planId: string;
  themeIds: string[];
  actionIds: string[];
  archived: boolean;
  memberIds: ReadonlySet<string>;
}

/** The facts about the items an event concerns, beyond the event itself (meetings, signals). */
export interface LinkedFacts {
  /** the working group a meeting belongs to */
  meetingGroups: ReadonlyMap<string, string>;
  /** a signal: the partner it comes from and the actions and themes it concerns */
  signals: ReadonlyMap<string, { partnerId: string | null; actionIds: string[]; themeIds: string[] }>;
  /**
   * a reporting period: the plan it belongs to, and its tenant (only `ReportingPeriodOpened` and
   * `ReportingPeriodClosed` carry the plan; a round's and an update's events find it here)
   */
  periodPlans: ReadonlyMap<string, { tenantId: string; planId: string }>;
}

export interface Audience {
  tenantId: string;
  /** the rooms the event belongs to */
  rooms: string[];
  /** coordinators always; otherwise the rule below */
  member: 'all' | 'none' | { groups: ReadonlySet<string> };
  partner: 'all' | 'none' | { partners: ReadonlySet<string> };
  /**
   * groups whose members receive it whatever their tenant role: partner staff who sit in a working group
   * attend its meetings, so they see the meeting's events (their role still limits what they may edit)
   */
  groupMembers?: ReadonlySet<string>;
  viewer: boolean;
}

export interface Recipient {
  id: string;
  role: Role;
  partnerId: string | null;
}

export function mayReceive(
  recipient: Recipient,
  audience: Audience,
  groupsOfUser: ReadonlySet<string>,
): boolean {
  switch (recipient.role) {
    case 'coordinator':
      return true;
    case 'viewer':
      return audience.viewer;
    case 'member': {
      const rule = audience.member;
      if (rule === 'all') return true;
      if (rule === 'none') return false;
      for (const group of rule.groups) if (groupsOfUser.has(group)) return true;
      return false;
    }
    case 'partner': {
      const rule = audience.partner;
      if (rule === 'all') return true;
      if (audience.groupMembers) {
        for (const group of audience.groupMembers) if (groupsOfUser.has(group)) return true;
      }
      if (rule === 'none' || recipient.partnerId === null) return false;
      return rule.partners.has(recipient.partnerId);
    }
    default:
      return false;
  }
}

/** What a viewer (council, public screen) may not read: history content (docs/access.md: no history). */
const HISTORY_ONLY_ACTION_EVENTS = new Set(['ActionNoteAdded', 'ActionSignalRecorded']);

/** Stream id prefixes of the aggregates (the longest first: `working-group-` before a shorter prefix). */
const STREAM_KINDS = [
  'working-group',
  'indicator',
  'meeting',
  'period',
  'partner',
  'action',
  'signal',
  'tenant',
  'plan',
  'user',
];

export const streamKind = (streamId: string): string =>
  STREAM_KINDS.find((kind) => streamId.startsWith(`${kind}-`)) ?? 'other';

export const streamEntityId = (streamId: string, kind: string): string => streamId.slice(kind.length + 1);

/** The working groups of the action's plan (not archived) that have the action in scope (`isActionInScope`). */
export function groupsInScope(action: ActionFacts, groups: Iterable<GroupFacts>): string[] {
  const ids: string[] = [];
  const placed = { id: action.id, themeId: action.themeId, sectionPath: action.goalPath };
  for (const group of groups) {
    if (group.archived || group.planId !== action.planId) continue;
    if (isActionInScope(group, placed)) ids.push(group.id);
  }
  return ids;
}

function groupsForThemes(themeIds: readonly string[], groups: Iterable<GroupFacts>): string[] {
  const ids: string[] = [];
  for (const group of groups) {
    if (!group.archived && themeIds.some((theme) => group.themeIds.includes(theme))) ids.push(group.id);
  }
  return ids;
}

export interface AudienceFacts {
  actions: ReadonlyMap<string, ActionFacts>;
  groups: ReadonlyMap<string, GroupFacts>;
  linked: LinkedFacts;
}

/** Rooms and visibility of one event. */
export function audienceOf(event: StoredEvent, facts: AudienceFacts): Audience {
  const tenantId = event.metadata.tenantId;
  const kind = streamKind(event.streamId);
  const id = streamEntityId(event.streamId, kind);
  const meetingId = typeof event.metadata.meetingId === 'string' ? event.metadata.meetingId : null;
  const rooms = new Set<string>(['tenant']);
  if (meetingId) rooms.add(`meeting:${meetingId}`);
  const coordinatorsOnly: Audience = { tenantId, rooms: [], member: 'none', partner: 'none', viewer: false };

  switch (kind) {
    case 'plan': {
      rooms.add(`plan:${id}`);
      return { tenantId, rooms: [...rooms], member: 'all', partner: 'all', viewer: true };
    }
    case 'indicator': {
      // an indicator is part of its plan: everyone who reads the plan sees it change
      const planId = (event.data as { planId?: unknown }).planId;
      if (typeof planId === 'string') rooms.add(`plan:${planId}`);
      return { tenantId, rooms: [...rooms], member: 'all', partner: 'all', viewer: true };
    }
    case 'action': {
      rooms.add(`action:${id}`);
      const action = facts.actions.get(id);
      const partners = new Set<string>();
      if (action) {
        rooms.add(`plan:${action.planId}`);
        for (const group of groupsInScope(action, facts.groups.values())) rooms.add(`working-group:${group}`);
        if (action.ownerId) partners.add(action.ownerId);
        for (const partner of action.partnerIds) partners.add(partner);
      }
      // the partner removed by this very event still sees its removal
      const data = event.data as { partnerId?: unknown; from?: unknown };
      if (event.type === 'ActionPartnerRemoved' && typeof data.partnerId === 'string')
        partners.add(data.partnerId);
      if (event.type === 'ActionOwnerChanged' && typeof data.from === 'string') partners.add(data.from);
      return {
        tenantId,
        rooms: [...rooms],
        member: 'all',
        partner: { partners },
        viewer: !HISTORY_ONLY_ACTION_EVENTS.has(event.type),
      };
    }
    case 'partner':
      return { tenantId, rooms: [...rooms], member: 'all', partner: 'all', viewer: true };
    case 'period': {
      // one per action at a close, hundreds in one write, each with the action's frozen report data: pushed to
      // nobody (no room, not even coordinators'). The ReportingPeriodClosed that follows in the same write
      // announces the close, and a screen re-reads the frozen report at its position.
      if (event.type === 'ReportingPeriodActionFrozen') return coordinatorsOnly;
      // a period, its update round and the leads' updates are part of its plan: every role reads the plan's
      // periods and reports over REST (docs/access.md), so everyone who reads the plan sees them change
      const planId = periodPlanOf(event, id, facts.linked);
      if (planId) rooms.add(`plan:${planId}`);
      return { tenantId, rooms: [...rooms], member: 'all', partner: 'all', viewer: true };
    }
    case 'working-group': {
      rooms.add(`working-group:${id}`);
      return {
        tenantId,
        rooms: [...rooms],
        member: { groups: new Set([id]) },
        partner: 'none',
        viewer: false,
      };
    }
    case 'meeting': {
      rooms.add(`meeting:${id}`);
      const data = event.data as { workingGroupId?: unknown };
      const groupId =
        facts.linked.meetingGroups.get(id) ??
        (typeof data.workingGroupId === 'string' ? data.workingGroupId : null);
      if (groupId) rooms.add(`working-group:${groupId}`);
      return {
        tenantId,
        rooms: [...rooms],
        member: { groups: new Set(groupId ? [groupId] : []) },
        partner: 'none',
        groupMembers: new Set(groupId ? [groupId] : []),
        viewer: false,
      };
    }
    case 'signal': {
      const signal = facts.linked.signals.get(id);
      const groups = new Set<string>();
      const partners = new Set<string>();
      if (signal) {
        if (signal.partnerId) partners.add(signal.partnerId);
        for (const actionId of signal.actionIds) {
          rooms.add(`action:${actionId}`);
          const action = facts.actions.get(actionId);
          if (action) for (const group of groupsInScope(action, facts.groups.values())) groups.add(group);
        }
        for (const group of groupsForThemes(signal.themeIds, facts.groups.values())) groups.add(group);
      }
      for (const group of groups) rooms.add(`working-group:${group}`);
      // a signal put on a meeting's agenda shows in that meeting's room
      const onAgenda = (event.data as { meetingId?: unknown }).meetingId;
      if (typeof onAgenda === 'string') rooms.add(`meeting:${onAgenda}`);
      return { tenantId, rooms: [...rooms], member: { groups }, partner: { partners }, viewer: false };
    }
    default:
      // tenant settings, users, security: the coordinators' business
      return { ...coordinatorsOnly, rooms: [...rooms] };
  }
}

/** The plan of a period event: its own `planId` (opened, closed), else the period's as the facts know it. */
export function periodPlanOf(event: StoredEvent, periodId: string, linked: LinkedFacts): string | null {
  const own = (event.data as { planId?: unknown } | null)?.planId;
  if (typeof own === 'string') return own;
  const known = linked.periodPlans.get(periodId);
  return known && known.tenantId === event.metadata.tenantId ? known.planId : null;
}

/** The action ids an event needs facts about. */
export function actionIdsOf(event: StoredEvent, linked: LinkedFacts): string[] {
  const kind = streamKind(event.streamId);
  if (kind === 'action') return [streamEntityId(event.streamId, kind)];
  if (kind === 'signal') return linked.signals.get(streamEntityId(event.streamId, kind))?.actionIds ?? [];
  return [];
}
