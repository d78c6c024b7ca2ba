import {
  ACTION_EVENT_TYPES,
  actionStreamId,
  belgianDayEnd,
  belgianDayStart,
  evolveAction,
  indicatorStatus,
  initialActionState,
  latestMeasurement,
  naturalCompare,
  signalStreamId,
  type ActionEvent,
  type ActionState,
  type ActionStatus,
  type FrozenEventRef,
  type FrozenPeriodAction,
  type IndicatorDirection,
  type PeriodActionSnapshot,
  type PeriodIndicatorSnapshot,
  type PeriodPathStep,
  type PeriodScope,
} from '#domain';
import type {
  MyUpdateItem,
  MyUpdateList,
  PeriodCorrection,
  PeriodItem,
  PeriodList,
  PeriodReport,
  PeriodReportAction,
  PeriodReportGroup,
  PeriodReportStep,
  UpdateRoundSummary,
} from '#contracts';
import { ACTION_HISTORY_PROJECTION } from '../action-history/projection.js';
import { ACTION_LIST_PROJECTION } from '../action-list/projection.js';
import { actionInScopeSql } from '../access/query.js';
import { PARTNERS_PROJECTION } from '../partners/projection.js';
import { PLAN_TREE_PROJECTION } from '../plan-tree/projection.js';
import type { Queryable } from '../projection/sql.js';
import { inSnapshot, isoDate, isoInstant, type ReadDb } from '../queries/snapshot.js';
import { SIGNALS_PROJECTION } from '../signals/projection.js';
import { WORKING_GROUPS_PROJECTION } from '../working-groups/projection.js';
import { INDICATORS_PROJECTION } from '../indicators/projection.js';
import { PERIODS_PROJECTION } from './projection.js';
import type { PeriodRow, PeriodUpdateRow } from './row.js';

export type {
  MyUpdateItem,
  MyUpdateList,
  PeriodCorrection,
  PeriodItem,
  PeriodList,
  PeriodReport,
  PeriodReportAction,
  PeriodReportGroup,
  PeriodReportStep,
  RoundMissingUpdate,
  UpdateRoundSummary,
} from '#contracts';

/** the read models a period, its report or "my updates" reflect */
export const PERIOD_SOURCES = [
  PERIODS_PROJECTION,
  ACTION_LIST_PROJECTION,
  ACTION_HISTORY_PROJECTION,
  PLAN_TREE_PROJECTION,
  PARTNERS_PROJECTION,
  SIGNALS_PROJECTION,
  WORKING_GROUPS_PROJECTION,
  INDICATORS_PROJECTION,
] as const;

/** the most recent changes a report lists per action (all of them are counted) */
export const REPORT_CHANGES_SHOWN = 20;

const ACTION_TYPES: readonly string[] = ACTION_EVENT_TYPES;
/** how a signal's stream id starts (`signalStreamId`) */
const SIGNAL_STREAM_PREFIX = signalStreamId('');

const byCode = (a: { code: string }, b: { code: string }) => naturalCompare(a.code, b.code);

async function partnerNames(tx: Queryable, tenantId: string): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ id: string; name: string }>(
    `select id, name from rm_partners where tenant_id = $1`,
    [tenantId],
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

async function periodRow(tx: Queryable, tenantId: string, periodId: string): Promise<PeriodRow | null> {
  const { rows } = await tx.query<{ row: PeriodRow }>(
    `select to_jsonb(p) as row from rm_periods p where tenant_id = $1 and id = $2`,
    [tenantId, periodId],
  );
  return rows[0]?.row ?? null;
}

/** how far the period's update round is, and which updates are missing (late once past the deadline) */
async function roundOf(
  tx: Queryable,
  row: PeriodRow,
  today: string,
  names: Map<string, string>,
): Promise<UpdateRoundSummary | null> {
  if (row.round_id === null || row.round_deadline === null || row.round_scope === null) return null;
  const { rows } = await tx.query<{
    action_id: string;
    lead_partner_id: string | null;
    code: string | null;
    title: string | null;
    submitted: boolean;
  }>(
    `select r.action_id, r.lead_partner_id, a.code, a.title,
            exists (select 1 from rm_period_updates u
                     where u.tenant_id = r.tenant_id and u.period_id = r.period_id
                       and u.action_id = r.action_id) as submitted
       from rm_period_round_requests r
       left join rm_actions a on a.tenant_id = r.tenant_id and a.id = r.action_id
      where r.tenant_id = $1 and r.period_id = $2`,
    [row.tenant_id, row.id],
  );
  const submitted = rows.filter((r) => r.submitted).length;
  const deadline = isoDate(row.round_deadline)!;
  return {
    roundId: row.round_id,
    deadline,
    scope: row.round_scope,
    startedAt: isoInstant(row.round_started_at)!,
    requested: rows.length,
    submitted,
    percent: rows.length === 0 ? 100 : Math.floor((submitted * 100) / rows.length),
    pastDeadline: today > deadline,
    missing: rows
      .filter((r) => !r.submitted)
      .map((r) => ({
        actionId: r.action_id,
        code: r.code ?? '',
        title: r.title ?? '',
        leadPartnerId: r.lead_partner_id,
        leadName: r.lead_partner_id === null ? null : (names.get(r.lead_partner_id) ?? r.lead_partner_id),
      }))
      .sort(byCode),
  };
}

async function toItem(
  tx: Queryable,
  row: PeriodRow,
  today: string,
  names: Map<string, string>,
): Promise<PeriodItem> {
  return {
    id: row.id,
    planId: row.plan_id,
    kind: row.kind,
    label: row.label,
    start: isoDate(row.start_date)!,
    end: isoDate(row.end_date)!,
    status: row.status,
    closedAt: isoInstant(row.closed_at),
    closedBy: row.closed_by,
    asOf: isoInstant(row.as_of),
    checkpoint: row.checkpoint,
    frozenActions: row.frozen_count,
    round: await roundOf(tx, row, today, names),
    version: row.version,
  };
}

/** The periods of a plan, oldest first; null for an unknown plan. `today`: the Belgian date (lateness). */
export function listPeriods(
  db: ReadDb,
  tenantId: string,
  planId: string,
  today: string,
): Promise<PeriodList | null> {
  return inSnapshot(db, PERIOD_SOURCES, async (tx, position) => {
    const plan = await tx.query(`select 1 from rm_plans where tenant_id = $1 and id = $2`, [
      tenantId,
      planId,
    ]);
    if (plan.rowCount === 0) return null;
    const { rows } = await tx.query<{ row: PeriodRow }>(
      `select to_jsonb(p) as row from rm_periods p
        where tenant_id = $1 and plan_id = $2 order by start_date, end_date, created_at, id`,
      [tenantId, planId],
    );
    const names = await partnerNames(tx, tenantId);
    const items: PeriodItem[] = [];
    for (const { row } of rows) items.push(await toItem(tx, row, today, names));
    return { items, position };
  });
}

export function getPeriod(
  db: ReadDb,
  tenantId: string,
  periodId: string,
  today: string,
): Promise<(PeriodItem & { position: string }) | null> {
  return inSnapshot(db, PERIOD_SOURCES, async (tx, position) => {
    const row = await periodRow(tx, tenantId, periodId);
    if (!row) return null;
    return { ...(await toItem(tx, row, today, await partnerNames(tx, tenantId))), position };
  });
}

/**
 * The instant a period's live report reflects: its last moment (the end of its last day in Belgium) once
 * that has passed, else now.
 */
export function liveAsOf(end: string, now: string): string {
  const periodEnd = belgianDayEnd(end);
  return periodEnd < now ? periodEnd : now;
}

interface HistoryRow {
  action_id: string;
  type: string;
  version: number;
  occurred_at: string;
  data: unknown;
  /** a signal's event in the action's history: the signal and the event's version in the signal's stream */
  signal_id: string | null;
  signal_version: number | null;
}

const isSignalRow = (type: string): boolean => type.startsWith('Signal');

/**
 * The report data of every action of the plan as the log stood at `asOf`: each action's own events up to
 * that instant folded with the domain's `evolve` (status, progress, lead, partners, title, due date), the
 * changes made in the period (from the period's first day to `asOf`), the signals still open at `asOf`, and
 * the period's latest update (narrative). Themes and goals carry their current codes and titles, and the
 * indicators on them (each step of an action's path: those of that theme or goal itself). An action
 * added after `asOf`, or archived by then, is not in it. The changes and open signals are references (each
 * change's event by stream and version, the signal's id): what a close freezes; `resolveReportActions` adds
 * their texts.
 */
export async function buildReportActions(
  tx: Queryable,
  tenantId: string,
  planId: string,
  period: { id: string; start: string; end: string },
  asOf: string,
  /** measurements count when recorded by then (a measurement may be recorded after the day it describes) */
  recordedBy: string = asOf,
): Promise<FrozenPeriodAction[]> {
  const names = await partnerNames(tx, tenantId);
  const indicatorsOf = await periodIndicators(tx, tenantId, planId, period.end, recordedBy);
  const codes = await tx.query<{ id: string; bbc_code: string | null; priority: boolean }>(
    `select id, bbc_code, priority from rm_actions where tenant_id = $1 and plan_id = $2`,
    [tenantId, planId],
  );
  const codeOf = new Map(codes.rows.map((row) => [row.id, row]));
  const sections = await tx.query<{
    id: string;
    kind: 'theme' | 'goal';
    code: string;
    title: string;
    parent_id: string | null;
    bbc_code: string | null;
  }>(
    `select id, kind, code, title, parent_id, bbc_code from rm_plan_sections where tenant_id = $1 and plan_id = $2`,
    [tenantId, planId],
  );
  const sectionById = new Map(sections.rows.map((s) => [s.id, s]));
  const pathOf = (goalId: string): PeriodPathStep[] => {
    const path: PeriodPathStep[] = [];
    const seen = new Set<string>();
    for (let id: string | null = goalId; id !== null && !seen.has(id);) {
      seen.add(id);
      const section = sectionById.get(id);
      if (!section) break;
      path.unshift({
        id: section.id,
        kind: section.kind,
        code: section.code,
        bbcCode: section.bbc_code,
        title: section.title,
        indicators: indicatorsOf.get(section.id) ?? [],
      });
      id = section.parent_id;
    }
    return path;
  };

  const history = await tx.query<HistoryRow>(
    `select h.action_id, h.type, h.version, h.occurred_at, h.data,
            s.signal_id, s.version as signal_version
       from rm_action_history h
       join rm_actions a on a.tenant_id = h.tenant_id and a.id = h.action_id
       left join rm_signal_history s on h.type like 'Signal%' and s.position = h.position
      where h.tenant_id = $1 and a.plan_id = $2 and h.occurred_at <= $3
      order by h.action_id, h.version, h.position`,
    [tenantId, planId, asOf],
  );
  const periodStart = belgianDayStart(period.start);
  const perAction = new Map<string, { state: ActionState; changes: HistoryRow[] }>();
  for (const row of history.rows) {
    // a signal's event the signals' history does not hold yet (written while the close read) cannot be named
    if (isSignalRow(row.type) && (row.signal_id === null || row.signal_version === null)) continue;
    let entry = perAction.get(row.action_id);
    if (!entry) perAction.set(row.action_id, (entry = { state: initialActionState(), changes: [] }));
    if (ACTION_TYPES.includes(row.type)) {
      entry.state = evolveAction(entry.state, { type: row.type, data: row.data } as ActionEvent);
    }
    if (isoInstant(row.occurred_at)! >= periodStart) entry.changes.push(row);
  }

  const signals = await tx.query<{
    id: string;
    urgency: string;
    action_ids: string[];
    last_type: string;
  }>(
    `select s.id, s.urgency, s.action_ids,
            (select h.type from rm_signal_history h
              where h.tenant_id = s.tenant_id and h.signal_id = s.id and h.occurred_at <= $2
              order by h.version desc limit 1) as last_type
       from rm_signals s
      where s.tenant_id = $1 and s.created_at <= $2`,
    [tenantId, asOf],
  );
  const STATUS_AFTER: Record<string, string> = {
    SignalSubmitted: 'submitted',
    SignalAcknowledged: 'acknowledged',
    SignalPutOnAgenda: 'on_agenda',
    SignalAnswered: 'answered',
    SignalEscalated: 'escalated',
    SignalClosed: 'closed',
  };
  const openSignals = new Map<string, FrozenPeriodAction['openSignals'][number][]>();
  for (const signal of signals.rows) {
    const status = STATUS_AFTER[signal.last_type];
    if (!status || status === 'closed') continue;
    for (const actionId of signal.action_ids) {
      const list = openSignals.get(actionId) ?? [];
      list.push({ signalId: signal.id, status, urgency: signal.urgency });
      openSignals.set(actionId, list);
    }
  }

  const updates = await tx.query<{ action_id: string; narrative: string }>(
    `select action_id, narrative from rm_period_updates where tenant_id = $1 and period_id = $2`,
    [tenantId, period.id],
  );
  const narrativeOf = new Map(updates.rows.map((u) => [u.action_id, u.narrative]));

  const snapshots: FrozenPeriodAction[] = [];
  for (const [actionId, { state, changes }] of perAction) {
    if (state.status !== 'active' || state.planId !== planId) continue;
    snapshots.push({
      actionId,
      code: state.code,
      bbcCode: codeOf.get(actionId)?.bbc_code ?? null,
      title: state.title,
      priority: codeOf.get(actionId)?.priority ?? false,
      path: pathOf(state.goalId),
      status: state.lifecycle,
      progress: state.progress,
      dueDate: state.dueDate,
      leadPartnerId: state.ownerId,
      leadName: state.ownerId === null ? null : (names.get(state.ownerId) ?? state.ownerId),
      partnerNames: state.partnerIds.map((id) => names.get(id) ?? id),
      narrative: narrativeOf.get(actionId) ?? null,
      indicators: indicatorsOf.get(actionId) ?? [],
      changes: changes.slice(-REPORT_CHANGES_SHOWN).map((row) => ({
        at: isoInstant(row.occurred_at)!,
        event: isSignalRow(row.type)
          ? { streamId: signalStreamId(row.signal_id!), version: row.signal_version! }
          : { streamId: actionStreamId(actionId), version: row.version },
      })),
      changeCount: changes.length,
      openSignals: (openSignals.get(actionId) ?? []).sort((a, b) => naturalCompare(a.signalId, b.signalId)),
    });
  }
  return snapshots;
}

/**
 * The report data with the texts of its references: each change's summary from its event's entry in the
 * action's history (`rm_action_history`: an action's event by the action and version, a signal's event through
 * `rm_signal_history`), each open signal's text from the signal (`rm_signals`). Both are written once and never
 * change, except that an erasure makes an erased text the marker there (docs/privacy.md): so a closed report
 * stays as it was frozen, and an erased text in it reads as erased. A change frozen before references (`event`
 * null) keeps its frozen summary. An entry the read models do not hold (only while the history or the signals
 * are rebuilt) reads as an empty text.
 */
export async function resolveReportActions(
  tx: Queryable,
  tenantId: string,
  actions: readonly FrozenPeriodAction[],
): Promise<PeriodActionSnapshot[]> {
  const own: { actionId: string; version: number }[] = [];
  const signalEvents: { actionId: string; signalId: string; version: number }[] = [];
  for (const action of actions) {
    for (const { event } of action.changes) {
      if (event === null) continue;
      if (event.streamId === actionStreamId(action.actionId))
        own.push({ actionId: action.actionId, version: event.version });
      else if (event.streamId.startsWith(SIGNAL_STREAM_PREFIX))
        signalEvents.push({
          actionId: action.actionId,
          signalId: event.streamId.slice(SIGNAL_STREAM_PREFIX.length),
          version: event.version,
        });
    }
  }
  const summaries = new Map<string, { nl: string; en: string }>();
  const key = (actionId: string, event: FrozenEventRef): string =>
    `${actionId} ${event.streamId} ${event.version}`;
  type SummaryRow = { action_id: string; version: number; nl: string; en: string };
  if (own.length > 0) {
    const { rows } = await tx.query<SummaryRow>(
      `select h.action_id, h.version, h.summary_nl as nl, h.summary_en as en
         from unnest($2::text[], $3::int[]) as r(action_id, version)
         join rm_action_history h
           on h.tenant_id = $1 and h.action_id = r.action_id and h.version = r.version
        where h.type not like 'Signal%'`,
      [tenantId, own.map((ref) => ref.actionId), own.map((ref) => ref.version)],
    );
    for (const row of rows) {
      const event = { streamId: actionStreamId(row.action_id), version: row.version };
      summaries.set(key(row.action_id, event), { nl: row.nl, en: row.en });
    }
  }
  if (signalEvents.length > 0) {
    const { rows } = await tx.query<SummaryRow & { signal_id: string }>(
      `select h.action_id, s.signal_id, s.version, h.summary_nl as nl, h.summary_en as en
         from unnest($2::text[], $3::text[], $4::int[]) as r(action_id, signal_id, version)
         join rm_signal_history s
           on s.tenant_id = $1 and s.signal_id = r.signal_id and s.version = r.version
         join rm_action_history h on h.position = s.position and h.action_id = r.action_id`,
      [
        tenantId,
        signalEvents.map((ref) => ref.actionId),
        signalEvents.map((ref) => ref.signalId),
        signalEvents.map((ref) => ref.version),
      ],
    );
    for (const row of rows) {
      const event = { streamId: signalStreamId(row.signal_id), version: row.version };
      summaries.set(key(row.action_id, event), { nl: row.nl, en: row.en });
    }
  }
  const signalIds = [...new Set(actions.flatMap((action) => action.openSignals.map((s) => s.signalId)))];
  const texts = new Map<string, string>();
  if (signalIds.length > 0) {
    const { rows } = await tx.query<{ id: string; text: string }>(
      `select id, text from rm_signals where tenant_id = $1 and id = any($2::text[])`,
      [tenantId, signalIds],
    );
    for (const row of rows) texts.set(row.id, row.text);
  }
  const none = { nl: '', en: '' };
  return actions.map((action) => ({
    ...action,
    changes: action.changes.map(({ at, event, summary }) => ({
      at,
      summary: event === null ? (summary ?? none) : (summaries.get(key(action.actionId, event)) ?? none),
    })),
    openSignals: action.openSignals.map((signal) => ({
      signalId: signal.signalId,
      text: texts.get(signal.signalId) ?? '',
      status: signal.status,
      urgency: signal.urgency,
    })),
  }));
}

interface MeasurementRow {
  indicator_id: string;
  value: number;
  date: string;
  recorded_at: string;
  corrected_at: string | null;
}

/**
 * The indicators on each theme, goal and action of the plan for a period ending `end`, by the node they hang
 * on: the latest measurement dated up to the period's last day (recorded by `recordedBy`) against the target of
 * its year, with the status of libs/domain's `indicatorStatus`; without a measurement, the target of the
 * period's last year. The latest is the one with the latest date and, of equal dates, the one recorded or
 * corrected last (its position in the log), as the indicators' read model has it.
 */
async function periodIndicators(
  tx: Queryable,
  tenantId: string,
  planId: string,
  end: string,
  recordedBy: string,
): Promise<Map<string, PeriodIndicatorSnapshot[]>> {
  const indicators = await tx.query<{
    id: string;
    node_id: string;
    name: string;
    unit: string;
    direction: IndicatorDirection;
    attention_margin_pct: number;
    targets: Record<string, number>;
  }>(
    `select id, node_id, name, unit, direction, attention_margin_pct, targets from rm_indicators
      where tenant_id = $1 and plan_id = $2 and not archived`,
    [tenantId, planId],
  );
  const measurements = await tx.query<MeasurementRow>(
    `select indicator_id, value, to_char(date, 'YYYY-MM-DD') as date, recorded_at, corrected_at
       from rm_indicator_measurements
      where tenant_id = $1 and plan_id = $2 and date <= $3 and recorded_at <= $4
      order by indicator_id, last_position collate "C"`,
    [tenantId, planId, end, recordedBy],
  );
  const byIndicator = new Map<string, MeasurementRow[]>();
  // in the order recorded or corrected: `latestMeasurement` keeps the last of equal dates
  for (const row of measurements.rows) {
    byIndicator.set(row.indicator_id, [...(byIndicator.get(row.indicator_id) ?? []), row]);
  }
  const result = new Map<string, PeriodIndicatorSnapshot[]>();
  for (const indicator of indicators.rows) {
    const latest = latestMeasurement(byIndicator.get(indicator.id) ?? []);
    const status = indicatorStatus({
      direction: indicator.direction,
      attentionMarginPct: indicator.attention_margin_pct,
      targets: indicator.targets,
      latest: latest && { value: latest.value, date: latest.date },
    });
    const endTarget = indicator.targets[end.slice(0, 4)];
    result.set(indicator.node_id, [
      ...(result.get(indicator.node_id) ?? []),
      {
        indicatorId: indicator.id,
        name: indicator.name,
        unit: indicator.unit,
        target: status.target ?? (typeof endTarget === 'number' ? endTarget : null),
        measured: latest?.value ?? null,
        measuredOn: latest?.date ?? null,
        status: status.status,
      },
    ]);
  }
  for (const list of result.values()) list.sort((a, b) => naturalCompare(a.name, b.name));
  return result;
}

/**
 * Measurements dated inside a closed period that were recorded or corrected after its close: each changes
 * what its indicator shows for the period (docs/plan-cycle.md, "Corrections"). Answers, per indicator, the
 * moment of the latest such change.
 */
async function lateMeasurements(
  tx: Queryable,
  tenantId: string,
  planId: string,
  period: { start: string; end: string },
  closedAt: string,
): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ indicator_id: string; at: string }>(
    `select indicator_id, max(greatest(recorded_at, coalesce(corrected_at, recorded_at))) as at
       from rm_indicator_measurements
      where tenant_id = $1 and plan_id = $2 and date between $3 and $4
        and (recorded_at > $5 or corrected_at > $5)
      group by indicator_id`,
    [tenantId, planId, period.start, period.end, closedAt],
  );
  return new Map(rows.map((row) => [row.indicator_id, isoInstant(row.at)!]));
}

/** what was recorded after the close for the period, against the frozen values (docs/plan-cycle.md) */
export function correctionsOf(
  frozen: Pick<PeriodActionSnapshot, 'narrative' | 'status' | 'progress'>,
  update: PeriodUpdateRow | undefined,
): PeriodCorrection[] {
  if (!update || !update.after_close) return [];
  const at = isoInstant(update.submitted_at)!;
  const corrections: PeriodCorrection[] = [];
  if (update.narrative !== (frozen.narrative ?? '')) {
    corrections.push({ field: 'narrative', frozen: frozen.narrative, value: update.narrative, at });
  }
  if (update.status !== null && update.status !== frozen.status) {
    corrections.push({ field: 'status', frozen: frozen.status, value: update.status, at });
  }
  if (update.progress !== null && update.progress !== frozen.progress) {
    corrections.push({ field: 'progress', frozen: frozen.progress, value: update.progress, at });
  }
  return corrections;
}

/**
 * the actions grouped under their goal, themes and goals and actions in natural code order; the indicators of
 * the themes and goals on the group's path (none from a report frozen before they were kept), not repeated in
 * each action's path
 */
export function groupReport(actions: readonly PeriodReportAction[]): PeriodReportGroup[] {
  const groups = new Map<string, PeriodReportGroup>();
  for (const action of actions) {
    const key = action.path.map((step) => step.id).join('/');
    const group = groups.get(key) ?? {
      path: action.path.map(({ indicators, ...step }): PeriodReportStep => ({
        ...step,
        indicators: indicators ?? [],
        corrections: [],
      })),
      actions: [],
    };
    group.actions.push({ ...action, path: action.path.map(({ indicators: _, ...step }) => step) });
    groups.set(key, group);
  }
  const comparePaths = (a: PeriodReportGroup, b: PeriodReportGroup): number => {
    for (let i = 0; i < Math.min(a.path.length, b.path.length); i++) {
      const order = naturalCompare(a.path[i]!.code, b.path[i]!.code);
      if (order !== 0) return order;
    }
    return a.path.length - b.path.length;
  };
  const sorted = [...groups.values()].sort(comparePaths);
  for (const group of sorted) group.actions.sort(byCode);
  return sorted;
}

/**
 * A period's report. An open period's is live: the log as of its end (or now while it runs). A closed
 * period's is the snapshot frozen at the close, with the corrections recorded since (never rewritten).
 */
export function getPeriodReport(
  db: ReadDb,
  tenantId: string,
  periodId: string,
  options: { scope: PeriodScope; now: string; today: string },
): Promise<PeriodReport | null> {
  return inSnapshot(db, PERIOD_SOURCES, async (tx, position) => {
    const row = await periodRow(tx, tenantId, periodId);
    if (!row) return null;
    const names = await partnerNames(tx, tenantId);
    const period = await toItem(tx, row, options.today, names);
    const plan = await tx.query<{ title: string }>(
      `select title from rm_plans where tenant_id = $1 and id = $2`,
      [tenantId, row.plan_id],
    );
    let actions: PeriodReportAction[];
    let asOf: string;
    /** the corrections after the close of a node's frozen indicators (none in a live report) */
    let indicatorCorrections = (
      _nodeId: string,
      _indicators: readonly PeriodIndicatorSnapshot[],
    ): PeriodCorrection[] => [];
    if (row.status === 'closed') {
      asOf = period.asOf!;
      const frozen = await tx.query<{ snapshot: FrozenPeriodAction }>(
        `select snapshot from rm_period_frozen_actions where tenant_id = $1 and period_id = $2`,
        [tenantId, periodId],
      );
      const snapshots = await resolveReportActions(
        tx,
        tenantId,
        frozen.rows.map((r) => r.snapshot),
      );
      const updates = await tx.query<{ row: PeriodUpdateRow }>(
        `select to_jsonb(u) as row from rm_period_updates u where tenant_id = $1 and period_id = $2`,
        [tenantId, periodId],
      );
      const updateOf = new Map(updates.rows.map(({ row: u }) => [u.action_id, u]));
      const late = await lateMeasurements(tx, tenantId, row.plan_id, period, period.closedAt!);
      const now =
        late.size > 0 ? await periodIndicators(tx, tenantId, row.plan_id, period.end, options.now) : null;
      /** a frozen indicator of a node whose measurement for the period was recorded or corrected since */
      indicatorCorrections = (nodeId, indicators) =>
        indicators.flatMap((indicator): PeriodCorrection[] => {
          const at = late.get(indicator.indicatorId);
          const current = now?.get(nodeId)?.find((i) => i.indicatorId === indicator.indicatorId);
          if (!at || !current || current.measured === indicator.measured) return [];
          return [
            {
              field: 'indicator',
              indicatorId: indicator.indicatorId,
              frozen: indicator.measured,
              value: current.measured,
              at,
            },
          ];
        });
      actions = snapshots.map((snapshot) => ({
        ...snapshot,
        narrativeVersion: null,
        corrections: [
          ...correctionsOf(snapshot, updateOf.get(snapshot.actionId)),
          ...indicatorCorrections(snapshot.actionId, snapshot.indicators),
        ],
      }));
    } else {
      asOf = liveAsOf(period.end, options.now);
      const live = await buildReportActions(
        tx,
        tenantId,
        row.plan_id,
        { id: row.id, start: period.start, end: period.end },
        asOf,
        options.now,
      );
      actions = (await resolveReportActions(tx, tenantId, live)).map((snapshot) => ({
        ...snapshot,
        corrections: [],
        narrativeVersion: null,
      }));
    }
    // which change wrote each narrative (the web app's "erase this text" names it, docs/privacy.md)
    const versions = await tx.query<{ action_id: string; version: number | null }>(
      `select action_id, version from rm_period_updates where tenant_id = $1 and period_id = $2`,
      [tenantId, periodId],
    );
    const versionOf = new Map(versions.rows.map((u) => [u.action_id, u.version]));
    actions = actions.map((action) => ({
      ...action,
      narrativeVersion: versionOf.get(action.actionId) ?? null,
    }));
    if (options.scope === 'priority') actions = actions.filter((action) => action.priority);
    const groups = groupReport(actions);
    // a theme's or goal's indicators are corrected where they are shown; counted once however many groups it heads
    const stepCorrections = new Map<string, number>();
    for (const group of groups) {
      for (const step of group.path) {
        step.corrections = indicatorCorrections(step.id, step.indicators);
        stepCorrections.set(step.id, step.corrections.length);
      }
    }
    return {
      plan: { id: row.plan_id, title: plan.rows[0]?.title ?? '' },
      period,
      scope: options.scope,
      frozen: row.status === 'closed',
      asOf,
      generatedAt: options.now,
      groups,
      actionCount: actions.length,
      correctionCount:
        actions.reduce((sum, action) => sum + action.corrections.length, 0) +
        [...stepCorrections.values()].reduce((sum, count) => sum + count, 0),
      position,
    };
  });
}

/** the report data to freeze at a close (texts by reference), read in one snapshot, with the position it reflects */
export function reportSnapshotForClose(
  db: ReadDb,
  tenantId: string,
  periodId: string,
  now: string,
): Promise<{ asOf: string; position: string; actions: FrozenPeriodAction[] } | null> {
  return inSnapshot(db, PERIOD_SOURCES, async (tx, position) => {
    const row = await periodRow(tx, tenantId, periodId);
    if (!row) return null;
    const asOf = liveAsOf(isoDate(row.end_date)!, now);
    const [start, end] = [isoDate(row.start_date)!, isoDate(row.end_date)!];
    const actions = await buildReportActions(
      tx,
      tenantId,
      row.plan_id,
      { id: row.id, start, end },
      asOf,
      now,
    );
    return { asOf, position, actions };
  });
}

/** whose update requests a reader sees: all (a coordinator), one organisation's (a partner), her groups' (a member) */
export type UpdateInbox =
  { kind: 'all' } | { kind: 'partner'; partnerId: string } | { kind: 'member'; userId: string };

/** "Mijn updates": the actions of open periods' update rounds the reader is asked to update */
export function listMyUpdates(
  db: ReadDb,
  tenantId: string,
  inbox: UpdateInbox,
  today: string,
): Promise<MyUpdateList> {
  return inSnapshot(db, PERIOD_SOURCES, async (tx, position) => {
    const values: unknown[] = [tenantId];
    let filter = '';
    if (inbox.kind === 'partner') {
      values.push(inbox.partnerId);
      filter = `and (r.lead_partner_id = $2 or a.owner_id = $2)`;
    } else if (inbox.kind === 'member') {
      values.push(inbox.userId);
      filter = `and exists (select 1 from rm_working_group_members m
                              join rm_working_groups g on g.tenant_id = m.tenant_id and g.id = m.group_id
                             where m.tenant_id = r.tenant_id and m.user_id = $2 and not g.archived
                               and ${actionInScopeSql('r.action_id')})`;
    }
    const { rows } = await tx.query<{
      period_id: string;
      label: string;
      plan_id: string;
      round_id: string;
      deadline: string;
      action_id: string;
      code: string;
      title: string;
      status: ActionStatus;
      progress: number | null;
      lead_partner_id: string | null;
      update: PeriodUpdateRow | null;
    }>(
      `select p.id as period_id, p.label, p.plan_id, p.round_id, p.round_deadline as deadline,
              r.action_id, a.code, a.title, a.status, a.progress, r.lead_partner_id,
              (select to_jsonb(u) from rm_period_updates u
                where u.tenant_id = r.tenant_id and u.period_id = r.period_id and u.action_id = r.action_id) as update
         from rm_period_round_requests r
         join rm_periods p on p.tenant_id = r.tenant_id and p.id = r.period_id
         join rm_actions a on a.tenant_id = r.tenant_id and a.id = r.action_id
        where r.tenant_id = $1 and p.status = 'open' ${filter}`,
      values,
    );
    const names = await partnerNames(tx, tenantId);
    const items: MyUpdateItem[] = rows.map((row) => {
      const deadline = isoDate(row.deadline)!;
      return {
        periodId: row.period_id,
        periodLabel: row.label,
        planId: row.plan_id,
        roundId: row.round_id,
        deadline,
        late: row.update === null && today > deadline,
        actionId: row.action_id,
        code: row.code,
        title: row.title,
        status: row.status,
        progress: row.progress,
        leadPartnerId: row.lead_partner_id,
        leadName:
          row.lead_partner_id === null ? null : (names.get(row.lead_partner_id) ?? row.lead_partner_id),
        submitted:
          row.update === null
            ? null
            : {
                narrative: row.update.narrative,
                status: row.update.status,
                progress: row.update.progress,
                at: isoInstant(row.update.submitted_at)!,
                version: row.update.version ?? null,
              },
      };
    });
    items.sort((a, b) => a.deadline.localeCompare(b.deadline) || naturalCompare(a.code, b.code));
    return { items, position };
  });
}

/**
 * The actions an update round asks for: the plan's actions that are not archived (the priority ones for
 * scope `priority`), each with its lead partner organisation now.
 */
export async function roundRequestsOf(
  db: Queryable,
  tenantId: string,
  planId: string,
  scope: PeriodScope,
): Promise<{ actionId: string; leadPartnerId: string | null }[]> {
  const { rows } = await db.query<{ id: string; owner_id: string | null; code: string }>(
    `select id, owner_id, code from rm_actions
      where tenant_id = $1 and plan_id = $2 and not archived ${scope === 'priority' ? PRIORITY_FILTER : ''}`,
    [tenantId, planId],
  );
  return rows.sort(byCode).map((row) => ({ actionId: row.id, leadPartnerId: row.owner_id }));
}

/** the SQL condition of a priority action (the council's prioritaire acties: the action's own flag) */
const PRIORITY_FILTER = 'and priority';
