// What a person corrects in the import preview, applied to the parsed tree before anything is written:
// titles changed inline (or the sentence case the preview offers taken), lines the parser could not place
// turned into actions of a goal the person chose, and lines dropped.
import { BRUGES_RULES } from './rules.js';
import { cleanTitle, splitFirstSentence } from './text.js';
import type { ParsedAction, ParsedGoal, ParsedPlan } from './types.js';

export type PlanEdits = {
  /** code -> new title, for themes, goals and actions */
  titles?: Record<string, string>;
  /** an unplaced line (by its line number) becomes an action of the goal with this code */
  placements?: { line: number; goal: string }[];
  /** unplaced lines (by line number) the person dropped: they leave the report */
  dropped?: number[];
};

/** a correction that names something the document does not have */
export class PlanEditError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_TITLE = 500;

/** the plan with the edits applied (a new object; the input is not changed) */
export function applyEdits(plan: ParsedPlan, edits: PlanEdits | undefined): ParsedPlan {
  if (!edits) return plan;
  const copy = structuredClone(plan);
  const goals = new Map<string, ParsedGoal>();
  const actions = new Map<string, ParsedAction>();
  const visit = (list: ParsedGoal[]) =>
    list.forEach((goal) => {
      goals.set(goal.code, goal);
      goal.actions.forEach((action) => actions.set(action.code, action));
      visit(goal.goals);
    });
  copy.themes.forEach((theme) => visit(theme.goals));
  const themes = new Map(copy.themes.map((theme) => [theme.code, theme]));

  for (const [code, raw] of Object.entries(edits.titles ?? {})) {
    const title = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : '';
    if (title === '' || title.length > MAX_TITLE) {
      throw new PlanEditError('edits.titles', `the title of ${code} must be 1 to ${MAX_TITLE} characters`);
    }
    const target = themes.get(code) ?? goals.get(code) ?? actions.get(code);
    if (!target) throw new PlanEditError('edits.titles', `the document has no theme, goal or action ${code}`);
    target.title = title;
    if ('titleSentenceCase' in target) delete target.titleSentenceCase;
  }

  const taken = new Set([...themes.keys(), ...goals.keys(), ...actions.keys()]);
  const placed = new Set<number>();
  for (const placement of edits.placements ?? []) {
    const line = copy.unplaced.find((u) => u.line === placement.line);
    if (!line) throw new PlanEditError('edits.placements', `line ${placement.line} is not an unplaced line`);
    const goal = goals.get(placement.goal);
    if (!goal) throw new PlanEditError('edits.placements', `the document has no goal ${placement.goal}`);
    const [sentence, rest] = splitFirstSentence(
      line.text.replace(/^[-•–*]\s+/, ''),
      BRUGES_RULES.titleSentence,
    );
    const title = cleanTitle(sentence);
    if (title === '') throw new PlanEditError('edits.placements', `line ${placement.line} has no text`);
    let n = goal.actions.length + 1;
    while (taken.has(`${goal.code}.${n}`)) n++;
    const code = `${goal.code}.${n}`;
    taken.add(code);
    goal.actions.push({
      code,
      title,
      description: rest,
      tags: [],
      citizenIdea: false,
      line: line.line,
      codeGenerated: true,
    });
    placed.add(line.line);
  }
  for (const line of edits.dropped ?? []) {
    if (!copy.unplaced.some((u) => u.line === line)) {
      throw new PlanEditError('edits.dropped', `line ${line} is not an unplaced line`);
    }
    placed.add(line);
  }
  copy.unplaced = copy.unplaced.filter((u) => !placed.has(u.line));
  const countGoals = (list: ParsedGoal[]): number => list.reduce((s, g) => s + 1 + countGoals(g.goals), 0);
  const countActions = (list: ParsedGoal[]): number =>
    list.reduce((s, g) => s + g.actions.length + countActions(g.goals), 0);
  const all = copy.themes.flatMap((t) => t.goals);
  copy.stats = { themes: copy.themes.length, goals: countGoals(all), actions: countActions(all) };
  return copy;
}
