import type { ActionStatus } from '../action/action.events.js';
import type { Event } from '../shared/event.js';
import type { LocalizedText } from '../shared/labels.js';

/**
 * Reporting periods of a plan (docs/plan-cycle.md): a half-year (1/1-30/6 or 1/7-31/12), a calendar year, or
 * custom dates. A period is open until a coordinator closes it; closing freezes what its report shows.
 */
export const PERIOD_KINDS = ['half_year', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** which actions a report or an update round covers: the council's priority actions, or every action */
export const PERIOD_SCOPES = ['priority', 'all'] as const;
export type PeriodScope = (typeof PERIOD_SCOPES)[number];

/**
 * one indicator of an action, goal or theme as the report shows it: its target for the period's year against its
 * measurement
 */
export type PeriodIndicatorSnapshot = Readonly<{
  indicatorId: string;
  name: string;
  unit: string;
  target: number | null;
  measured: number | null;
  /** the date of the measurement shown (ISO date) */
  measuredOn: string | null;
  /** on_track | attention | off_track, null without a measurement or target */
  status: string | null;
}>;

/** one level above an action: its theme, then its goals down to the one that holds it */
export type PeriodPathStep = Readonly<{
  id: string;
  kind: 'theme' | 'goal';
  code: string;
  bbcCode: string | null;
  title: string;
  /**
   * the indicators on this theme or goal itself (not those below it), as the report shows them; absent in
   * reports frozen before they were kept (read as none)
   */
  indicators?: readonly PeriodIndicatorSnapshot[];
}>;

/**
 * What the report of a period shows for one action (names as they stood at the close, so a later rename does
 * not rewrite a report the council received). What the close freezes of it is `FrozenPeriodAction`.
 */
export type PeriodActionSnapshot = Readonly<{
  actionId: string;
  code: string;
  bbcCode: string | null;
  title: string;
  priority: boolean;
  path: readonly PeriodPathStep[];
  status: ActionStatus;
  progress: number | null;
  dueDate: string | null;
  leadPartnerId: string | null;
  leadName: string | null;
  partnerNames: readonly string[];
  narrative: string | null;
  indicators: readonly PeriodIndicatorSnapshot[];
  /** what changed in the period, oldest first (at most the last 20; `changeCount` has them all) */
  changes: readonly Readonly<{ at: string; summary: LocalizedText }>[];
  changeCount: number;
  openSignals: readonly Readonly<{ signalId: string; text: string; status: string; urgency: string }>[];
}>;

/**
 * An event of the log by its stream and version: the same in every store and every copy of the log (a
 * position is each store's own), as the audit trail and `POST /api/erasures` name a change.
 */
export type FrozenEventRef = Readonly<{ streamId: string; version: number }>;

/**
 * One change of the period as the close freezes it: when, and which event it is (an action's own event, or a
 * signal's event shown in the action's history). The summary is read from that event's entry in the action's
 * history, so an erased text in it reads as erased (docs/privacy.md). `summary`: only in reports frozen before
 * the close kept references (schema version 2 and older), a plain-text copy, with `event` null.
 */
export type FrozenPeriodChange = Readonly<{
  at: string;
  event: FrozenEventRef | null;
  summary?: LocalizedText;
}>;

/** a signal open at the close: its status and urgency then; its text is the signal's own (`rm_signals`) */
export type FrozenPeriodSignal = Readonly<{ signalId: string; status: string; urgency: string }>;

/**
 * What the close freezes for one action: the report's data with the free text of the period's changes and
 * open signals kept as references (ids), never as copies (docs/decisions.md, "The frozen report refers to its
 * texts"). The narrative is a copy, encrypted under its item's key (docs/privacy.md).
 */
export type FrozenPeriodAction = Readonly<
  Omit<PeriodActionSnapshot, 'changes' | 'openSignals'> & {
    changes: readonly FrozenPeriodChange[];
    openSignals: readonly FrozenPeriodSignal[];
  }
>;

/** the audit chain's checkpoint recorded at the close (docs/audit.md), printed in the report */
export type PeriodCloseCheckpoint = Readonly<{ position: string; headHash: string; eventCount: number }>;

export type ReportingPeriodOpened = Event<
  'ReportingPeriodOpened',
  { periodId: string; planId: string; kind: PeriodKind; label: string; start: string; end: string }
>;
/**
 * The report data of every action of the plan as it stood at `asOf`, one event per action (an event stays
 * small however large the plan); appended in one write with the ReportingPeriodClosed that follows them.
 */
export type ReportingPeriodActionFrozen = Event<
  'ReportingPeriodActionFrozen',
  { periodId: string; action: FrozenPeriodAction }
>;
/**
 * Closed by a coordinator. `asOf`: the instant the frozen report reflects (the end of the period in Belgian
 * time, or the close when earlier); `position`: the log position the frozen data reflects.
 */
export type ReportingPeriodClosed = Event<
  'ReportingPeriodClosed',
  {
    periodId: string;
    planId: string;
    asOf: string;
    position: string | null;
    actionCount: number;
    checkpoint: PeriodCloseCheckpoint | null;
  }
>;
/** a coordinator asks the leads of the period's actions for their update by `deadline` (a Belgian date) */
export type UpdateRoundStarted = Event<
  'UpdateRoundStarted',
  {
    periodId: string;
    roundId: string;
    deadline: string;
    scope: PeriodScope;
    /** the actions asked for, each with the lead partner organisation at the start (null: no lead) */
    requests: readonly Readonly<{ actionId: string; leadPartnerId: string | null }>[];
  }
>;
/**
 * A lead's update for one action in the period: the narrative (the per-period comment in the report) and
 * the status and progress reported for the period (null: not reported). In an open period status and
 * progress also change the action itself through its own commands; after the close they only correct the
 * period's report (`afterClose`).
 */
export type PeriodUpdateSubmitted = Event<
  'PeriodUpdateSubmitted',
  {
    periodId: string;
    actionId: string;
    roundId: string | null;
    narrative: string;
    status: ActionStatus | null;
    progress: number | null;
    afterClose: boolean;
  }
>;

export type PeriodEvent =
  | ReportingPeriodOpened
  | ReportingPeriodActionFrozen
  | ReportingPeriodClosed
  | UpdateRoundStarted
  | PeriodUpdateSubmitted;

export const PERIOD_EVENT_TYPES = [
  'ReportingPeriodOpened',
  'ReportingPeriodActionFrozen',
  'ReportingPeriodClosed',
  'UpdateRoundStarted',
  'PeriodUpdateSubmitted',
] as const satisfies readonly PeriodEvent['type'][];

export const periodStreamId = (periodId: string): string => `period-${periodId}`;
