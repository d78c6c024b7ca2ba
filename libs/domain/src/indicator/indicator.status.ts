import type { LocalizedText } from '../shared/labels.js';
import type { IndicatorDirection, IndicatorStatus } from './indicator.events.js';

/** what the status of one indicator is decided from */
export interface StatusInput {
  direction: IndicatorDirection;
  attentionMarginPct: number;
  /** target per year (a Map, or a record keyed by the year as text, as JSON holds it) */
  targets: ReadonlyMap<number, number> | Readonly<Record<string, number>>;
  /** the latest measurement (by date), or null */
  latest: { value: number; date: string } | null;
}

export interface StatusResult {
  status: IndicatorStatus;
  /** the year of the latest measurement, whose target it is compared with */
  year: number | null;
  target: number | null;
}

const isMap = (targets: StatusInput['targets']): targets is ReadonlyMap<number, number> =>
  targets instanceof Map;

const targetOf = (targets: StatusInput['targets'], year: number): number | null => {
  const value = isMap(targets) ? targets.get(year) : targets[String(year)];
  return typeof value === 'number' ? value : null;
};

/**
 * The status of an indicator: its latest measurement against the target of that measurement's year.
 * - no measurement, or no target for that year: `no_data`;
 * - the target reached (at or above it when higher is better, at or below it when lower is better): `on_track`;
 * - short of it by at most `attentionMarginPct` per cent of the target's size: `attention`;
 * - further off: `off_track` (a target of 0 leaves no margin: any shortfall is off track).
 */
export function indicatorStatus(input: StatusInput): StatusResult {
  if (!input.latest) return { status: 'no_data', year: null, target: null };
  const year = Number(input.latest.date.slice(0, 4));
  const target = targetOf(input.targets, year);
  if (target === null) return { status: 'no_data', year, target: null };
  const value = input.latest.value;
  const shortfall = input.direction === 'higher_is_better' ? target - value : value - target;
  if (shortfall <= 0) return { status: 'on_track', year, target };
  const margin = (Math.abs(target) * input.attentionMarginPct) / 100;
  return { status: shortfall <= margin ? 'attention' : 'off_track', year, target };
}

/** the latest of some measurements: the latest date; of equal dates the one given last */
export function latestMeasurement<M extends { date: string }>(measurements: Iterable<M>): M | null {
  let latest: M | null = null;
  for (const measurement of measurements) {
    if (latest === null || measurement.date >= latest.date) latest = measurement;
  }
  return latest;
}

const SEVERITY: Record<IndicatorStatus, number> = { no_data: 0, on_track: 1, attention: 2, off_track: 3 };

export type IndicatorStatusCounts = Record<IndicatorStatus, number>;

export interface IndicatorRollUp {
  /** the worst status among the indicators counted; `no_data` when none has a status */
  status: IndicatorStatus;
  counts: IndicatorStatusCounts;
}

/**
 * Roll-up of indicators to a goal or theme: the worst status of the indicators on the node and every node
 * below it (off track before attention before on track); indicators without data do not count unless all are
 * without data. The counts let a reader see how many of each there are.
 */
export function rollUpIndicatorStatus(statuses: Iterable<IndicatorStatus>): IndicatorRollUp {
  const counts: IndicatorStatusCounts = { on_track: 0, attention: 0, off_track: 0, no_data: 0 };
  let status: IndicatorStatus = 'no_data';
  for (const each of statuses) {
    counts[each] += 1;
    if (SEVERITY[each] > SEVERITY[status]) status = each;
  }
  return { status, counts };
}

/** the roll-up rule as the tree and the dashboard show it */
export const INDICATOR_ROLLUP_RULE: LocalizedText = {
  nl: 'Slechtste status van de indicatoren op dit onderdeel en alles eronder (niet op koers > aandacht > op koers); indicatoren zonder gegevens tellen niet mee.',
  en: 'Worst status of the indicators on this node and everything below it (off track > attention > on track); indicators without data do not count.',
};

/** the status rule of one indicator as the web app shows it */
export const INDICATOR_STATUS_RULE: LocalizedText = {
  nl: 'Laatste meting tegenover de streefwaarde van dat jaar: gehaald = op koers; tot {margin}% van de streefwaarde ernaast = aandacht; verder = niet op koers; geen meting of geen streefwaarde = geen gegevens.',
  en: "Latest measurement against that year's target: reached = on track; short by up to {margin}% of the target = attention; further = off track; no measurement or no target = no data.",
};

export const INDICATOR_STATUS_LABELS: Record<IndicatorStatus, LocalizedText> = {
  on_track: { nl: 'op koers', en: 'on track' },
  attention: { nl: 'aandacht', en: 'attention' },
  off_track: { nl: 'niet op koers', en: 'off track' },
  no_data: { nl: 'geen gegevens', en: 'no data' },
};

/** one child of a goal or theme in the weighted progress */
export interface WeightedProgress {
  /** 0-100, or null when it has none (a goal without actions) */
  progress: number | null;
  weight: number;
}

/**
 * Progress of a goal from its actions and sub-goals (of a theme from its goals): the weighted average
 * Σ(weight × progress) / Σ weight over the children that have a progress; null when no child has one or all
 * weights are 0. Rounded to one decimal.
 */
export function weightedProgress(children: Iterable<WeightedProgress>): number | null {
  let sum = 0;
  let weights = 0;
  for (const child of children) {
    if (child.progress === null || child.weight <= 0) continue;
    sum += child.weight * child.progress;
    weights += child.weight;
  }
  return weights === 0 ? null : Math.round((sum / weights) * 10) / 10;
}

export const PROGRESS_RULE: LocalizedText = {
  nl: 'Gewogen gemiddelde van de voortgang van de acties en subdoelen eronder (Σ gewicht × voortgang / Σ gewicht; standaardgewicht 1; een actie zonder gemelde voortgang telt als 0 %, gerealiseerd als 100 %).',
  en: 'Weighted average of the progress of the actions and sub-goals below (Σ weight × progress / Σ weight; default weight 1; an action without reported progress counts as 0 %, realised as 100 %).',
};
