import { actionDecider, bbcCodeKey, planDecider, type ActivePlan } from '#domain';
import {
  PRESETS,
  PlanEditError,
  applyEdits,
  chooseRules,
  parsePlanDocument,
  type RulesCandidate,
  type ImportRules,
  type ParsedAction,
  type ParsedGoal,
  type ParsedPlan,
  type PlanEdits,
} from '#importer';
import type { CommandContext } from './command-context.js';
import { createdId } from './event-ids.js';
import { CommandError, aggregateNotFound } from './command-error.js';
import type { CommandService } from './command-service.js';
import { inParallel } from './in-parallel.js';
import { loadAggregate } from './load-aggregate.js';

/** `auto`, or the name of one of the importer's presets */
export type RuleChoice =
  'auto' | 'bruges' | 'strategic-operational' | 'bbc' | 'themes-goals' | 'numbered' | 'bold-goals';

export const RULE_CHOICES: readonly RuleChoice[] = ['auto', ...(PRESETS.map((p) => p.name) as RuleChoice[])];

export interface ImportOptions {
  /** re-import into this plan: update what changed, add what is new, report what disappeared */
  planId?: string;
  dryRun?: boolean;
  rules?: RuleChoice;
  /** corrections from the preview: titles, unplaced lines placed under a goal or dropped */
  edits?: PlanEdits;
  /** called after every written step (for progress bars) */
  onProgress?: (done: number, total: number) => void;
  /** called once before the first write and after every written step: themes, goals and actions written so far */
  onWritten?: (progress: ImportProgress) => void;
}

export interface ImportCount {
  done: number;
  total: number;
}

/** What an import wrote so far: new themes, goals and actions, and every step (renames and edits too). */
export interface ImportProgress {
  themes: ImportCount;
  goals: ImportCount;
  actions: ImportCount;
  steps: ImportCount;
}

export interface ImportChange {
  kind: 'theme' | 'goal' | 'action';
  code: string;
  change: 'added' | 'renamed' | 'edited' | 'disappeared';
  fields?: { field: string; from: unknown; to: unknown }[];
}

export interface ImportReport {
  planId: string;
  dryRun: boolean;
  rules: string;
  /** how the rules were chosen: by the importer (`auto`) or by the user */
  rulesChosenBy: 'auto' | 'user';
  /** 0..1: the share of the document's body the rules placed */
  confidence: number;
  /** every preset tried on the document, best first (only when chosen automatically) */
  candidates: RulesCandidate[];
  title: string;
  stats: ParsedPlan['stats'];
  /** what the document holds, as codes and titles (for the dry-run preview) */
  tree: { code: string; title: string; titleSentenceCase?: string; goals: TreeGoal[] }[];
  /** every line the parser could not place, with why */
  unplaced: ParsedPlan['unplaced'];
  changes: ImportChange[];
  partners: string[];
  /** the global position of the last event written (null on a dry run) */
  position: string | null;
}

interface TreeGoal {
  code: string;
  /** the document had no number for the goal (a bold line): the importer numbered it in order */
  codeGenerated?: boolean;
  title: string;
  /** a title in capitals, in sentence case: offered by the preview */
  titleSentenceCase?: string;
  actions: number;
  /** the actions' codes and titles, for the preview */
  actionTitles: { code: string; title: string; codeGenerated?: boolean }[];
  goals: TreeGoal[];
}

const RULES = new Map<string, ImportRules>(PRESETS.map((rules) => [rules.name, rules]));

type StepKind = 'theme' | 'goal' | 'action';
/** `kind`: the step adds a theme, goal or action (counted in the progress) */
type Step = (() => Promise<{ position: string }>) & { kind?: StepKind };
const counted = (kind: StepKind, step: () => Promise<{ position: string }>): Step =>
  Object.assign(step, { kind });

/** actions are separate streams: writing several at once hides the round trips */
const PARALLEL_STREAMS = 8;

/**
 * Turns a plan document into a plan through the same commands a person would use (CreatePlan, AddTheme,
 * AddGoal, AddAction, EditAction), so the import stands in the history under the importing user. A
 * re-import of a newer version updates titles and descriptions as edit events, adds new themes, goals and
 * actions, and reports (never deletes) actions that disappeared from the document.
 */
export async function importPlanDocument(
  commands: CommandService,
  text: string,
  context: CommandContext,
  options: ImportOptions = {},
): Promise<ImportReport> {
  if (text.trim().length === 0)
    throw new CommandError('IMPORT.EMPTY', 'the document is empty', { field: 'text' });
  const auto = !options.rules || options.rules === 'auto';
  const choice = auto ? chooseRules(text) : null;
  const rules = choice?.rules ?? RULES.get(options.rules ?? '');
  if (!rules) {
    throw new CommandError('IMPORT.INVALID', `unknown rules ${options.rules ?? ''}`, { field: 'rules' });
  }
  let parsed: ParsedPlan;
  try {
    parsed = applyEdits(parsePlanDocument(text, rules), options.edits);
  } catch (error) {
    if (error instanceof PlanEditError) {
      throw new CommandError('IMPORT.INVALID', error.message, { field: error.field });
    }
    throw error;
  }
  if (parsed.stats.actions === 0) {
    throw new CommandError(
      'IMPORT.NOTHING_FOUND',
      'no themes, goals or actions were recognised in the document',
      {
        unplaced: parsed.unplaced.slice(0, 50),
      },
    );
  }
  const planId = options.planId ?? createdId(context, 'plan');
  const existing = options.planId ? await currentPlan(commands, options.planId, context.tenantId) : null;
  const steps: Step[] = [];
  const actionSteps: Step[] = [];
  /** BBC codes of new actions: after the actions' own streams started, so every read model has the action */
  const lateSteps: Step[] = [];
  const changes: ImportChange[] = [];

  const period = {
    periodStart: parsed.periodStart ?? `${new Date(context.now).getUTCFullYear()}-01-01`,
    periodEnd: parsed.periodEnd ?? `${new Date(context.now).getUTCFullYear() + 5}-12-31`,
  };
  if (!existing) {
    steps.push(() =>
      commands.plan(
        planId,
        { type: 'CreatePlan', data: { planId, title: parsed.title, description: '', ...period } },
        stepContext(context, 'plan'),
      ),
    );
  }
  const codes = existing?.plan.codes ?? new Map<string, { kind: string; id: string }>();
  const titles = new Map<string, string>();
  for (const theme of existing?.plan.themes.values() ?? []) titles.set(theme.themeId, theme.title);
  for (const goal of existing?.plan.goals.values() ?? []) titles.set(goal.goalId, goal.title);

  // BBC codes the document gives new nodes (issue 16), unless the plan uses the code already
  const bbcTaken = new Set(existing?.plan.bbcCodes.keys() ?? []);
  const reportingStep = (
    nodeId: string,
    code: string,
    bbcCode: string | undefined,
    into: Step[] = steps,
  ): void => {
    if (bbcCode === undefined || bbcTaken.has(bbcCodeKey(bbcCode))) return;
    bbcTaken.add(bbcCodeKey(bbcCode));
    into.push(() =>
      commands.plan(
        planId,
        { type: 'SetNodeReporting', data: { planId, nodeId, bbcCode } },
        stepContext(context, `bbc#${code}`),
      ),
    );
  };

  const seenActions = new Set<string>();
  for (const theme of parsed.themes) {
    const known = codes.get(theme.code);
    const themeId = known?.kind === 'theme' ? known.id : createdId(context, `theme#${theme.code}`);
    if (!known) {
      changes.push({ kind: 'theme', code: theme.code, change: 'added' });
      steps.push(
        counted('theme', () =>
          commands.plan(
            planId,
            {
              type: 'AddTheme',
              data: { planId, themeId, code: theme.code, title: theme.title, leadPartnerId: null },
            },
            stepContext(context, `theme#${theme.code}`),
          ),
        ),
      );
      reportingStep(themeId, theme.code, theme.bbcCode);
    } else if (titles.get(themeId) !== theme.title) {
      changes.push({
        kind: 'theme',
        code: theme.code,
        change: 'renamed',
        fields: [{ field: 'title', from: titles.get(themeId), to: theme.title }],
      });
      steps.push(() =>
        commands.plan(
          planId,
          { type: 'RenameTheme', data: { planId, themeId, title: theme.title } },
          stepContext(context, `theme-title#${theme.code}`),
        ),
      );
    }
    const addGoals = (goals: ParsedGoal[], parentId: string) => {
      for (const goal of goals) {
        const knownGoal = codes.get(goal.code);
        const goalId = knownGoal?.kind === 'goal' ? knownGoal.id : createdId(context, `goal#${goal.code}`);
        if (!knownGoal) {
          changes.push({ kind: 'goal', code: goal.code, change: 'added' });
          steps.push(
            counted('goal', () =>
              commands.plan(
                planId,
                { type: 'AddGoal', data: { planId, goalId, parentId, code: goal.code, title: goal.title } },
                stepContext(context, `goal#${goal.code}`),
              ),
            ),
          );
          reportingStep(goalId, goal.code, goal.bbcCode);
        } else if (titles.get(goalId) !== goal.title) {
          changes.push({
            kind: 'goal',
            code: goal.code,
            change: 'renamed',
            fields: [{ field: 'title', from: titles.get(goalId), to: goal.title }],
          });
          steps.push(() =>
            commands.plan(
              planId,
              { type: 'RenameGoal', data: { planId, goalId, title: goal.title } },
              stepContext(context, `goal-title#${goal.code}`),
            ),
          );
        }
        addGoals(goal.goals, goalId);
        for (const action of goal.actions) {
          seenActions.add(action.code);
          const knownAction = codes.get(action.code);
          if (knownAction?.kind === 'action') {
            steps.push(...editSteps(commands, existing, knownAction.id, action, context, changes));
          } else {
            changes.push({ kind: 'action', code: action.code, change: 'added' });
            const actionId = createdId(context, `action#${action.code}`);
            // the plan reserves the code in order; the actions' own streams start afterwards, in parallel
            steps.push(() =>
              commands.plan(
                planId,
                { type: 'PlaceAction', data: { planId, actionId, goalId, code: action.code } },
                stepContext(context, `place#${action.code}`),
              ),
            );
            reportingStep(actionId, action.code, action.bbcCode, lateSteps);
            actionSteps.push(
              counted('action', () =>
                commands.action(
                  actionId,
                  {
                    type: 'AddAction',
                    data: {
                      actionId,
                      planId,
                      goalId,
                      code: action.code,
                      title: action.title,
                      description: action.description,
                      tags: action.tags,
                      citizenIdea: action.citizenIdea,
                    },
                  },
                  stepContext(context, `action#${action.code}`),
                ),
              ),
            );
          }
        }
      }
    };
    addGoals(theme.goals, themeId);
  }
  for (const placement of existing?.plan.actions.values() ?? []) {
    if (placement.placed && !seenActions.has(placement.code)) {
      changes.push({ kind: 'action', code: placement.code, change: 'disappeared' });
    }
  }

  let position: string | null = null;
  if (!options.dryRun) {
    const total = steps.length + actionSteps.length + lateSteps.length;
    const all = [...steps, ...actionSteps, ...lateSteps];
    const expected = (kind: StepKind): number => all.filter((step) => step.kind === kind).length;
    const progress: ImportProgress = {
      themes: { done: 0, total: expected('theme') },
      goals: { done: 0, total: expected('goal') },
      actions: { done: 0, total: expected('action') },
      steps: { done: 0, total },
    };
    const report = (step: Step): void => {
      progress.steps.done += 1;
      if (step.kind) progress[`${step.kind}s`].done += 1;
      options.onProgress?.(progress.steps.done, total);
      options.onWritten?.(structuredClone(progress));
    };
    options.onWritten?.(structuredClone(progress));
    for (const step of steps) {
      position = (await step()).position;
      report(step);
    }
    const written = await inParallel(actionSteps, PARALLEL_STREAMS, async (step) => {
      const result = await step();
      report(step);
      return result.position;
    });
    position = [position, ...written].reduce<string | null>(
      (a, b) => (a === null || (b !== null && b > a) ? b : a),
      null,
    );
    for (const step of lateSteps) {
      position = (await step()).position;
      report(step);
    }
  }
  return {
    planId,
    dryRun: options.dryRun ?? false,
    rules: parsed.rules,
    rulesChosenBy: auto ? 'auto' : 'user',
    confidence: parsed.confidence,
    candidates: choice?.candidates ?? [],
    title: parsed.title,
    stats: parsed.stats,
    tree: parsed.themes.map((theme) => ({
      code: theme.code,
      title: theme.title,
      ...(theme.titleSentenceCase !== undefined && { titleSentenceCase: theme.titleSentenceCase }),
      goals: theme.goals.map(treeGoal),
    })),
    unplaced: parsed.unplaced,
    changes,
    partners: parsed.partners,
    position,
  };
}

function treeGoal(goal: ParsedGoal): TreeGoal {
  return {
    code: goal.code,
    ...(goal.codeGenerated && { codeGenerated: true }),
    title: goal.title,
    ...(goal.titleSentenceCase !== undefined && { titleSentenceCase: goal.titleSentenceCase }),
    actions: goal.actions.length,
    actionTitles: goal.actions.map((a) => ({
      code: a.code,
      title: a.title,
      ...(a.codeGenerated && { codeGenerated: true }),
    })),
    goals: goal.goals.map(treeGoal),
  };
}

interface ExistingPlan {
  plan: ActivePlan;
  actions: Map<string, { title: string; description: string; tags: readonly string[] }>;
}

async function currentPlan(
  commands: CommandService,
  planId: string,
  tenantId: string,
): Promise<ExistingPlan> {
  const { state: plan } = await loadAggregate(commands.store, planDecider, planId, tenantId);
  if (plan.status !== 'active') throw aggregateNotFound('plan', planId);
  const actions: ExistingPlan['actions'] = new Map();
  for (const placement of plan.actions.values()) {
    const { state } = await loadAggregate(commands.store, actionDecider, placement.actionId, tenantId);
    if (state.status !== 'absent') {
      actions.set(placement.actionId, {
        title: state.title,
        description: state.description,
        tags: state.tags,
      });
    }
  }
  return { plan, actions };
}

function editSteps(
  commands: CommandService,
  existing: ExistingPlan | null,
  actionId: string,
  action: ParsedAction,
  context: CommandContext,
  changes: ImportChange[],
): Step[] {
  const current = existing?.actions.get(actionId);
  if (!current) return [];
  const fields: ImportChange['fields'] = [];
  if (current.title !== action.title) fields.push({ field: 'title', from: current.title, to: action.title });
  if (current.description !== action.description) {
    fields.push({ field: 'description', from: current.description, to: action.description });
  }
  const sameTags = [...current.tags].sort().join('\u0000') === [...action.tags].sort().join('\u0000');
  if (!sameTags && action.tags.length > 0)
    fields.push({ field: 'tags', from: current.tags, to: action.tags });
  if (fields.length === 0) return [];
  changes.push({ kind: 'action', code: action.code, change: 'edited', fields });
  const data = Object.fromEntries(fields.map((f) => [f.field, f.to]));
  return [
    () =>
      commands.action(
        actionId,
        { type: 'EditAction', data: { actionId, ...data } },
        stepContext(context, `edit#${action.code}`),
      ),
  ];
}

/**
 * Each write of an import gets its own idempotency scope under the request's key (several of them go to
 * the plan's stream), so a retried import with the same key replays every step and completes the rest.
 */
function stepContext(context: CommandContext, step: string): CommandContext {
  return { ...context, idempotencyKey: context.idempotencyKey && `${context.idempotencyKey}#${step}` };
}
