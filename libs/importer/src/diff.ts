// diffPlans: what a re-import would change. Themes, goals and actions are matched by code; an item whose
// code disappeared while an item with the same title appeared under another code is reported as renumbered
// (an action inserted in a bulleted list shifts the generated codes after it), not as removed + added.
import type { ParsedAction, ParsedGoal, ParsedPlan } from './types.js';

export type ThemeSnapshot = { code: string; title: string; lead: string | null };
export type GoalSnapshot = { code: string; title: string; parentCode: string };
export type ActionSnapshot = ParsedAction & { goalCode: string };

export type FieldChange = {
  field: 'title' | 'description' | 'tags' | 'citizenIdea' | 'lead' | 'parentCode' | 'goalCode';
  before: string | string[] | boolean | null;
  after: string | string[] | boolean | null;
};

export type EntityDiff<T> = {
  added: T[];
  removed: T[];
  /** same code, different content */
  changed: { code: string; before: T; after: T; changes: FieldChange[] }[];
  /** same title under a new code (`changes` lists what else differs) */
  renumbered: { from: string; to: string; before: T; after: T; changes: FieldChange[] }[];
};

export type PlanFieldChange = {
  field: 'title' | 'periodStart' | 'periodEnd';
  before: string | null;
  after: string | null;
};

export type PlanDiff = {
  plan: {
    changes: PlanFieldChange[];
    partners: { added: string[]; removed: string[] };
    focusPoints: { added: string[]; removed: string[] };
  };
  themes: EntityDiff<ThemeSnapshot>;
  goals: EntityDiff<GoalSnapshot>;
  actions: EntityDiff<ActionSnapshot>;
  /** true when nothing at all differs */
  unchanged: boolean;
};

type Flat = { themes: ThemeSnapshot[]; goals: GoalSnapshot[]; actions: ActionSnapshot[] };

function flatten(plan: ParsedPlan): Flat {
  const out: Flat = { themes: [], goals: [], actions: [] };
  const visit = (goals: readonly ParsedGoal[], parentCode: string) => {
    for (const goal of goals) {
      out.goals.push({ code: goal.code, title: goal.title, parentCode });
      for (const action of goal.actions) out.actions.push({ ...action, goalCode: goal.code });
      visit(goal.goals, goal.code);
    }
  };
  for (const theme of plan.themes) {
    out.themes.push({ code: theme.code, title: theme.title, lead: theme.lead ?? null });
    visit(theme.goals, theme.code);
  }
  return out;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().every((item, i) => item === [...b].sort()[i]);

const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

type Field<T> = { field: FieldChange['field']; get: (item: T) => FieldChange['before'] };

function compare<T>(before: T, after: T, fields: readonly Field<T>[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const { field, get } of fields) {
    const [a, b] = [get(before), get(after)];
    const equal = Array.isArray(a) && Array.isArray(b) ? sameList(a, b) : a === b;
    if (!equal) changes.push({ field, before: a, after: b });
  }
  return changes;
}

/**
 * Matching, in order: same code and same title; then a title found exactly once among the unmatched items on
 * each side (renumbered); then same code (changed, the title included); what is left was removed or added.
 */
function diffEntities<T extends { code: string; title: string }>(
  previous: readonly T[],
  next: readonly T[],
  fields: readonly Field<T>[],
): EntityDiff<T> {
  const diff: EntityDiff<T> = { added: [], removed: [], changed: [], renumbered: [] };
  const olds = new Set(previous);
  const news = new Set(next);
  const pair = (old: T, item: T) => {
    olds.delete(old);
    news.delete(item);
    const changes = compare(old, item, fields);
    if (old.code !== item.code)
      diff.renumbered.push({ from: old.code, to: item.code, before: old, after: item, changes });
    else if (changes.length > 0) diff.changed.push({ code: item.code, before: old, after: item, changes });
  };

  const oldByCode = new Map(previous.map((item) => [item.code, item]));
  for (const item of next) {
    const old = oldByCode.get(item.code);
    if (old && olds.has(old) && fold(old.title) === fold(item.title)) pair(old, item);
  }

  const byTitle = (items: Iterable<T>) => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(fold(item.title), [...(map.get(fold(item.title)) ?? []), item]);
    return map;
  };
  const newByTitle = byTitle(news);
  for (const [title, candidates] of byTitle(olds)) {
    const matches = newByTitle.get(title);
    const [old] = candidates;
    const [item] = matches ?? [];
    if (candidates.length === 1 && matches?.length === 1 && old && item) pair(old, item);
  }

  const remaining = new Map([...olds].map((item) => [item.code, item]));
  for (const item of [...news]) {
    const old = remaining.get(item.code);
    if (old && olds.has(old)) pair(old, item);
  }

  diff.removed = previous.filter((item) => olds.has(item));
  diff.added = next.filter((item) => news.has(item));
  return diff;
}

const THEME_FIELDS: Field<ThemeSnapshot>[] = [
  { field: 'title', get: (t) => t.title },
  { field: 'lead', get: (t) => t.lead },
];
const GOAL_FIELDS: Field<GoalSnapshot>[] = [
  { field: 'title', get: (g) => g.title },
  { field: 'parentCode', get: (g) => g.parentCode },
];
const ACTION_FIELDS: Field<ActionSnapshot>[] = [
  { field: 'title', get: (a) => a.title },
  { field: 'description', get: (a) => a.description },
  { field: 'tags', get: (a) => a.tags },
  { field: 'citizenIdea', get: (a) => a.citizenIdea },
  { field: 'goalCode', get: (a) => a.goalCode },
];

const listDiff = (before: readonly string[], after: readonly string[]) => {
  const [a, b] = [new Set(before.map(fold)), new Set(after.map(fold))];
  return { added: after.filter((x) => !a.has(fold(x))), removed: before.filter((x) => !b.has(fold(x))) };
};

const isEmpty = <T>(diff: EntityDiff<T>): boolean =>
  diff.added.length + diff.removed.length + diff.changed.length + diff.renumbered.length === 0;

/** what changed from `previous` to `next` (e.g. last year's import and this year's version of the plan) */
export function diffPlans(previous: ParsedPlan, next: ParsedPlan): PlanDiff {
  const [a, b] = [flatten(previous), flatten(next)];
  const planChanges: PlanFieldChange[] = (['title', 'periodStart', 'periodEnd'] as const)
    .filter((field) => previous[field] !== next[field])
    .map((field) => ({ field, before: previous[field], after: next[field] }));
  const diff: PlanDiff = {
    plan: {
      changes: planChanges,
      partners: listDiff(previous.partners, next.partners),
      focusPoints: listDiff(previous.focusPoints, next.focusPoints),
    },
    themes: diffEntities(a.themes, b.themes, THEME_FIELDS),
    goals: diffEntities(a.goals, b.goals, GOAL_FIELDS),
    actions: diffEntities(a.actions, b.actions, ACTION_FIELDS),
    unchanged: false,
  };
  diff.unchanged =
    planChanges.length === 0 &&
    [diff.plan.partners, diff.plan.focusPoints].every((d) => d.added.length + d.removed.length === 0) &&
    isEmpty(diff.themes) &&
    isEmpty(diff.goals) &&
    isEmpty(diff.actions);
  return diff;
}
