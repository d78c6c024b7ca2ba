import {
  ACTION_STATUS_TRANSITIONS,
  DomainError,
  actionDecider,
  planDecider,
  type ActionCommand,
  type ActionEvent,
  type ActionState,
  type ActionStatus,
  type ActivePlan,
  type PlanCommand,
  type PlanState,
} from '#domain';
import type { EventStore } from '#event-store';
import type { PartnerItem } from '#read-models';
import {
  aggregateNotFound,
  eventIds,
  loadAggregate,
  type AddActionInput,
  type CommandContext,
  type CommandService,
} from '#commands';
import {
  parseActionFile,
  type ParsedActionRow,
  type TransferColumn,
  type TransferFormat,
  type TransferRowError,
} from './action-file.js';

/**
 * The import: checked file rows into a plan through the same commands a person would use (add the action,
 * move it along its lifecycle, set lead, partners, progress and due date), after checking every row against
 * the plan and the domain's rules first.
 */

/** The statuses to pass through, in order, from not_started to `target` (shortest path; [] for not_started). */
export function statusPath(target: ActionStatus, from: ActionStatus = 'not_started'): ActionStatus[] {
  const previous = new Map<ActionStatus, ActionStatus | null>([[from, null]]);
  const queue: ActionStatus[] = [from];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === target) break;
    for (const next of ACTION_STATUS_TRANSITIONS[current]) {
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  if (!previous.has(target)) throw new Error(`no status path from ${from} to ${target}`);
  const path: ActionStatus[] = [];
  for (let at: ActionStatus | null = target; at !== null && at !== from; at = previous.get(at) ?? null) {
    path.unshift(at);
  }
  return path;
}

/** What a partner name resolves to: its id, null for unknown, or a reason it cannot be used. */
export type PartnerResolution = string | null | { error: string };

/**
 * Resolves organisation names against the tenant's partners (exact name first, then ignoring case);
 * merged organisations and ambiguous names are refused with a reason.
 */
export function partnerNameResolver(partners: readonly PartnerItem[]): (name: string) => PartnerResolution {
  const byName = new Map<string, PartnerItem[]>();
  const byLower = new Map<string, PartnerItem[]>();
  for (const partner of partners) {
    byName.set(partner.name, [...(byName.get(partner.name) ?? []), partner]);
    const lower = partner.name.toLowerCase();
    byLower.set(lower, [...(byLower.get(lower) ?? []), partner]);
  }
  return (name) => {
    const found = byName.get(name) ?? byLower.get(name.toLowerCase()) ?? [];
    const live = found.filter((p) => p.mergedInto === null);
    if (live.length === 1) return live[0]!.id;
    if (live.length > 1) return { error: `"${name}" names ${live.length} organisations; rename one first` };
    const merged = found[0];
    if (merged?.mergedInto) {
      const into = partners.find((p) => p.id === merged.mergedInto);
      return { error: `"${name}" was merged into "${into?.name ?? merged.mergedInto}"; use that name` };
    }
    return null;
  };
}

export interface ActionImportOptions {
  /** the partner organisation with this name in the caller's tenant */
  resolvePartner: (name: string) => PartnerResolution | Promise<PartnerResolution>;
  /** the goal with this code in the plan (default: the plan's own goals, read from its stream) */
  resolveGoal?: (code: string) => string | null | Promise<string | null>;
  /** check everything, write nothing */
  dryRun?: boolean;
  /** after every written action */
  onProgress?: (done: number, total: number) => void;
}

export interface ActionImportResult {
  /** actions written (0 for a dry run or when any row is invalid) */
  imported: number;
  /** rows checked (importActions: the rows given; importActionFile: the file's data rows, valid or not) */
  total: number;
  dryRun: boolean;
  /** every invalid row; when there is one, nothing was written */
  errors: TransferRowError[];
  /** position of the last event written (pass as minPosition to reads); null when nothing was written */
  position: string | null;
}

interface PlannedAction {
  row: ParsedActionRow;
  add: AddActionInput;
  commands: ActionCommand[];
  /** the BBC code, priority and sub-reporting code, set on the plan once the action is placed */
  reporting: PlanCommand | null;
}

const FIELD_OF: Record<string, TransferColumn> = {
  code: 'code',
  title: 'title',
  description: 'description',
  tags: 'tags',
  citizenIdea: 'citizenIdea',
  goalId: 'goal',
  to: 'status',
  ownerId: 'lead',
  partnerId: 'partners',
  percent: 'progress',
  dueDate: 'dueDate',
  bbcCode: 'bbcCode',
  priority: 'priority',
  subReportingCode: 'subReportingCode',
};

function domainProblem(error: unknown, fallback: TransferColumn): { field: string; message: string } {
  if (!(error instanceof DomainError)) throw error;
  const field = typeof error.details.field === 'string' ? error.details.field : undefined;
  return { field: (field && FIELD_OF[field]) ?? fallback, message: error.message };
}

async function readPlan(store: EventStore, planId: string, tenantId: string): Promise<ActivePlan> {
  const { state } = await loadAggregate(store, planDecider, planId, tenantId);
  if (state.status !== 'active') throw aggregateNotFound('plan', planId);
  return state;
}

function themeOfGoal(plan: ActivePlan, goalId: string): string | null {
  let id = goalId;
  for (let depth = 0; depth < 1000; depth++) {
    const goal = plan.goals.get(id);
    if (!goal) return plan.themes.get(id)?.code ?? null;
    id = goal.parentId;
  }
  return null;
}

/**
 * Imports parsed rows into a plan whose themes and goals exist. Checks EVERYTHING first (goal codes, themes,
 * organisation names, codes free in the plan, and every command against the domain's own rules on a
 * simulated action) and writes nothing when any row is invalid. Then, per row: add the action, move its
 * status along the lifecycle from not_started, set lead, partners, progress and due date.
 *
 * With an Idempotency-Key in the context, action ids and event ids derive from it, so retrying an import
 * that was interrupted half-way completes it instead of duplicating or failing on its own codes.
 */
export async function importActions(
  deps: { commands: CommandService; store?: EventStore },
  planId: string,
  rows: readonly ParsedActionRow[],
  context: CommandContext,
  options: ActionImportOptions,
): Promise<ActionImportResult> {
  const store = deps.store ?? deps.commands.store;
  let plan = await readPlan(store, planId, context.tenantId);
  const goalsByCode = new Map([...plan.goals.values()].map((goal) => [goal.code, goal.goalId]));
  const resolveGoal = options.resolveGoal ?? ((code: string) => goalsByCode.get(code) ?? null);
  const key = context.idempotencyKey;

  const errors: TransferRowError[] = [];
  const planned: PlannedAction[] = [];
  for (const row of rows) {
    const before = errors.length;
    const fail = (field: string, message: string) => errors.push({ line: row.line, field, message });

    const goalId = await resolveGoal(row.goal);
    if (goalId === null) {
      const owner = plan.codes.get(row.goal);
      fail(
        'goal',
        owner && owner.kind !== 'goal'
          ? `"${row.goal}" is the code of a ${owner.kind}, not of a goal`
          : `no goal with code "${row.goal}" in this plan`,
      );
    } else if (row.theme !== '') {
      const theme = themeOfGoal(plan, goalId);
      if (theme !== null && theme !== row.theme)
        fail('theme', `goal "${row.goal}" belongs to theme "${theme}", not "${row.theme}"`);
    }

    const partnerId = async (field: TransferColumn, name: string): Promise<string | null> => {
      const resolved = await options.resolvePartner(name);
      if (resolved === null) fail(field, `no organisation named "${name}" in this tenant`);
      else if (typeof resolved === 'object') fail(field, resolved.error);
      return typeof resolved === 'string' ? resolved : null;
    };
    const ownerId = row.lead === null ? null : await partnerId('lead', row.lead);
    const partnerIds: string[] = [];
    for (const name of row.partners) {
      const id = await partnerId('partners', name);
      if (id !== null) {
        if (partnerIds.includes(id)) fail('partners', `"${name}" names an organisation listed already`);
        else partnerIds.push(id);
      }
    }
    if (errors.length > before || goalId === null) continue;

    const actionId = eventIds(1, {
      tenantId: context.tenantId,
      actorId: context.actorId,
      streamId: `action-import\u0000${planId}\u0000${row.code}`,
      idempotencyKey: key,
    })[0]!;

    // the plan reserves the code: simulate it on the plan as it will be after the rows before this one
    try {
      const placed = planDecider.decide(
        { type: 'PlaceAction', data: { planId, actionId, goalId, code: row.code } },
        plan,
      );
      plan = placed.reduce(
        (state, event) => planDecider.evolve(state, event),
        plan as PlanState,
      ) as ActivePlan;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'PLAN.CODE_TAKEN') {
        const usedBy = error.details.usedBy as { kind?: string } | undefined;
        fail('code', `code "${row.code}" is already used in this plan (by a ${usedBy?.kind ?? 'section'})`);
      } else {
        const problem = domainProblem(error, 'goal');
        fail(problem.field, problem.message);
      }
      continue;
    }

    // the reporting fields go on the plan too: a BBC code must be free in the plan (and among the rows before)
    let reporting: PlanCommand | null = null;
    if (row.bbcCode !== null || row.priority || row.subReportingCode !== null) {
      reporting = {
        type: 'SetNodeReporting',
        data: {
          planId,
          nodeId: actionId,
          bbcCode: row.bbcCode,
          priority: row.priority,
          subReportingCode: row.subReportingCode,
        },
      };
      try {
        const set = planDecider.decide(reporting, plan);
        plan = set.reduce(
          (state, event) => planDecider.evolve(state, event),
          plan as PlanState,
        ) as ActivePlan;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'PLAN.NO_CHANGE') {
          // a retried import: the action has these already
          reporting = null;
        } else {
          if (error instanceof DomainError && error.code === 'PLAN.BBC_CODE_TAKEN') {
            fail('bbcCode', `BBC code "${row.bbcCode}" is already used in this plan`);
          } else {
            const problem = domainProblem(error, 'bbcCode');
            fail(problem.field, problem.message);
          }
          continue;
        }
      }
    }

    const add: AddActionInput = {
      actionId,
      planId,
      goalId,
      code: row.code,
      title: row.title,
      description: row.description,
      tags: row.tags,
      citizenIdea: row.citizenIdea,
    };
    const commands: ActionCommand[] = [
      ...statusPath(row.status).map((to): ActionCommand => ({
        type: 'ChangeActionStatus',
        data: { actionId, to },
      })),
      ...(ownerId === null ? [] : [{ type: 'ChangeActionOwner', data: { actionId, ownerId } } as const]),
      ...partnerIds.map((id): ActionCommand => ({
        type: 'AddActionPartner',
        data: { actionId, partnerId: id },
      })),
      ...(row.progress === null
        ? []
        : [{ type: 'ReportActionProgress', data: { actionId, percent: row.progress } } as const]),
      ...(row.dueDate === null
        ? []
        : [{ type: 'SetActionDueDate', data: { actionId, dueDate: row.dueDate } } as const]),
    ];

    // every command against the domain's rules, on the action as it will be: no write can fail on a rule
    let state: ActionState = actionDecider.initialState();
    let field: TransferColumn = 'title';
    try {
      const decisionContext = { now: context.now, actorId: context.actorId };
      const apply = (events: ActionEvent[]) => {
        state = events.reduce((current, event) => actionDecider.evolve(current, event), state);
      };
      apply(actionDecider.decide({ type: 'AddAction', data: add }, state, decisionContext));
      for (const command of commands) {
        field = command.type === 'ChangeActionStatus' ? 'status' : 'title';
        apply(actionDecider.decide(command, state, decisionContext));
      }
    } catch (error) {
      const problem = domainProblem(error, field);
      fail(problem.field, problem.message);
      continue;
    }
    planned.push({ row, add, commands, reporting });
  }

  const dryRun = options.dryRun ?? false;
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    return { imported: 0, total: rows.length, dryRun, errors, position: null };
  }
  if (dryRun) return { imported: 0, total: rows.length, dryRun, errors: [], position: null };

  let position: string | null = null;
  let done = 0;
  const step = (code: string, index: number): CommandContext => ({
    ...context,
    idempotencyKey: key && `${key}#import#${code}#${index}`,
  });
  for (const { row, add, commands, reporting } of planned) {
    position = (await deps.commands.addAction(planId, add, step(row.code, 0))).position;
    if (reporting) {
      position = (
        await deps.commands.plan(planId, reporting, {
          ...step(row.code, 0),
          idempotencyKey: key && `${key}#import#${row.code}#reporting`,
        })
      ).position;
    }
    for (const [index, command] of commands.entries()) {
      position = (await deps.commands.action(add.actionId, command, step(row.code, index + 1))).position;
    }
    done++;
    options.onProgress?.(done, planned.length);
  }
  return { imported: done, total: rows.length, dryRun: false, errors: [], position };
}

/**
 * Parses, checks and imports a file in one go: parse errors and plan errors together, with line numbers;
 * nothing is written when there is any.
 */
export async function importActionFile(
  deps: { commands: CommandService; store?: EventStore },
  planId: string,
  text: string,
  format: TransferFormat,
  context: CommandContext,
  options: ActionImportOptions,
): Promise<ActionImportResult> {
  const parsed = parseActionFile(text, format);
  const result = await importActions(deps, planId, parsed.rows, context, {
    ...options,
    // a file with invalid rows is checked completely but never written
    dryRun: (options.dryRun ?? false) || parsed.errors.length > 0,
  });
  const errors = [...parsed.errors, ...result.errors].sort((a, b) => a.line - b.line);
  return {
    ...result,
    total: parsed.rowCount,
    dryRun: options.dryRun ?? false,
    errors,
    imported: errors.length > 0 ? 0 : result.imported,
  };
}
