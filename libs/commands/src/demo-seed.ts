import { naturalCompare, planDecider, type PartnerKind, type UserRole } from '#domain';
import { parsePlanDocument, readBundledPlan, type ParsedGoal, type ParsedPlan } from '#importer';
import type { IdentityStore } from '#identity';
import type { CommandContext } from './command-context.js';
import { CommandService } from './command-service.js';
import {
  brusselsInstant,
  brusselsTime,
  DemoCalendar,
  DemoIds,
  DemoTimeline,
  seeded,
  trackWrites,
  type DemoActor,
} from './demo-clock.js';
import {
  groupMeetings,
  planActionLives,
  planSignals,
  startedPlanLives,
  successorTree,
  type Fate,
  type StoryContext,
} from './demo-history.js';
import {
  BRUGES_INDICATORS,
  periodCorrection,
  planIndicators,
  planPeriods,
  planReporting,
  type CycleContext,
  type DemoIndicator,
} from './demo-cycle.js';
import { CommandExecutor } from './command-executor.js';
import { loadAggregate } from './load-aggregate.js';
import { importPlanDocument } from './plan-import.js';
import { SYSTEM_ACTOR_ID, systemContext } from './system-context.js';
import type { UserAdmin } from './user-admin.js';

export const DEMO_TENANT_ID = 'demo';
export const DEMO_PASSWORD = 'demo';

export interface DemoUser {
  email: string;
  name: string;
  role: UserRole;
}

/** API.md "Demo mode": one user per role, all with the password `demo`. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'coordinator@demo.local', name: 'Chris Coördinator', role: 'coordinator' },
  { email: 'member@demo.local', name: 'Mia Werkgroeplid', role: 'member' },
  { email: 'partner@demo.local', name: 'Pieter Partner', role: 'partner' },
  { email: 'viewer@demo.local', name: 'Vera Kijker', role: 'viewer' },
];

export interface DemoSeedResult {
  created: boolean;
  users: { id: string; email: string; role: UserRole }[];
  partnerIds: string[];
  planId: string | null;
  /** the successor plan 2026-2031 (null before January 2026 or when nothing was created) */
  successorPlanId: string | null;
  events: number;
}

/** the plan the demo's story is about, and when it starts: the tenant and the import in its first January */
const DEMO_START = '2021-01-04';
const DEMO_IMPORT = '2021-01-11';
/** the successor plan is drawn up in its first January */
const SUCCESSOR_START = '2026-01-12';
/** the working group meets twice a year */
const MEETING_DAYS = [
  '2021-10-12',
  '2022-03-15',
  '2022-10-11',
  '2023-03-14',
  '2023-10-10',
  '2024-03-12',
  '2024-10-15',
  '2025-03-11',
  '2025-10-14',
  '2026-03-10',
  '2026-10-13',
];

/**
 * Creates the demo on an empty database (no account yet): the demo tenant, a dozen partner organisations
 * from the plan's partner list, one user per role (password `demo`), the Bruges plan 2021-2025 imported by
 * the coordinator, the working group "Dak- en thuislozen" on theme 3, and the plan's life over its five
 * years: every change written through the ordinary commands by the demo clock (backdated `now`, metadata
 * `demoClock: true`, in chronological order), then the successor plan 2026-2031 started in January 2026 and
 * followed up to the real now. The same demo on every machine (seeded generator, name-based ids); nothing
 * is dated after `now`. Does nothing on a database that has accounts, so restarts keep what the demo users
 * changed. Everything lives in the tenant marked as demo. The seed is recorded as started before its first
 * write and as completed (a synchronous commit) after its last: the writes may use a store with
 * `synchronous_commit = off`, and a seed that was interrupted is refused here (the api redoes it).
 */
export async function seedDemo(deps: {
  commands: CommandService;
  users: UserAdmin;
  identity: IdentityStore;
  log: (line: string) => void;
  /** the real now (a test may fix it); the demo clock never passes it */
  now?: Date;
  /**
   * closes a reporting period as the api does (its report frozen from the read models); without it the
   * demo's periods stay open (`CycleContext.closePeriod`)
   */
  closePeriod?: (periodId: string, context: CommandContext, written: string | null) => Promise<unknown>;
}): Promise<DemoSeedResult> {
  const state = await deps.identity.demoSeedState();
  if (state === 'started') {
    // the caller redoes an interrupted demo on a fresh database (apps/api's demo start); never add to it
    throw new Error(
      'demo: an earlier start was interrupted while it wrote the demo; it must be written anew',
    );
  }
  if (state === 'completed' || (await deps.identity.countAccounts()) > 0) {
    return { created: false, users: [], partnerIds: [], planId: null, successorPlanId: null, events: 0 };
  }
  await deps.identity.demoSeedStarted();
  // the same use cases over a store that remembers the demo's latest write (for the period closes)
  const tracked = trackWrites(deps.commands.store);
  const commands = new CommandService(tracked.store);
  const now = deps.now ?? new Date();
  const started = Date.now();
  const ids = new DemoIds('demo-brugge');
  const random = seeded(2021);
  const calendar = new DemoCalendar(2021, 2026, random);
  let events = 0;
  const userIds = new Map<DemoActor, string>([['system', SYSTEM_ACTOR_ID]]);
  const idOf = (actor: DemoActor): string => {
    const id = userIds.get(actor);
    if (!id) throw new Error(`demo: no user for ${actor} yet`);
    return id;
  };
  const contextOf = (actor: DemoActor, at: string): CommandContext => ({
    ...systemContext(DEMO_TENANT_ID, idOf(actor), new Date(at)),
    demoClock: true,
  });
  const opening = contextOf('system', brusselsInstant(DEMO_START, 8, 30));
  await deps.users.createTenant(
    DEMO_TENANT_ID,
    'Demo: Brugge draait om mensen (geschiedenis 2021-2025 door de demo-klok)',
    true,
    opening,
  );

  const text = await readBundledPlan();
  const parsed = parsePlanDocument(text);
  const partners = pickPartners(parsed.partners);
  const partnerIds: string[] = [];
  for (const name of partners) {
    const partnerId = ids.next('partner');
    await commands.partner(
      partnerId,
      { type: 'RegisterPartner', data: { partnerId, name, kind: kindOf(name) } },
      opening,
    );
    events += 1;
    partnerIds.push(partnerId);
  }
  const users: DemoSeedResult['users'] = [];
  for (const user of DEMO_USERS) {
    const userId = ids.next('user');
    await deps.users.register(
      {
        userId,
        email: user.email,
        name: user.name,
        role: user.role,
        partnerId: user.role === 'partner' ? partnerIds[0]! : null,
        password: DEMO_PASSWORD,
        demo: true,
      },
      opening,
    );
    events += 1;
    users.push({ id: userId, email: user.email, role: user.role });
    userIds.set(user.role as DemoActor, userId);
  }
  const as = (role: UserRole) => systemContext(DEMO_TENANT_ID, idOf(role as DemoActor), now);

  // the plan as the council adopted it, imported by the coordinator (ids derived from the key: the same
  // on every machine)
  const report = await importPlanDocument(
    commands,
    text,
    { ...contextOf('coordinator', brusselsInstant(DEMO_IMPORT, 10)), idempotencyKey: 'demo-plan-2021-2025' },
    { rules: 'bruges' },
  );
  events += report.stats.themes + report.stats.goals + 2 * report.stats.actions + 1;
  const planId = report.planId;
  const plan = await planState(commands, planId);

  // the story of the plan's five years, and the first months of its successor
  const until = new Date(now.getTime() - 60_000).toISOString();
  const timeline = new DemoTimeline(until);
  const story: StoryContext = {
    timeline,
    calendar,
    random,
    ids,
    commands,
    partnerIds,
    ownPartnerId: partnerIds[0]!,
  };
  const where = placeOf(plan);
  const titles = titlesOf(parsed);
  const storyActions = [...plan.actions.values()]
    .filter((placement) => placement.placed)
    .map((placement) => ({
      actionId: placement.actionId,
      code: placement.code,
      title: titles.get(placement.code) ?? placement.code,
      themeCode: where(placement.actionId).theme.code,
    }))
    .sort((a, b) => naturalCompare(a.code, b.code));

  const workingGroupId = ids.next('working-group');
  const theme3 = [...plan.themes.values()].find((theme) => theme.code === '3');
  const groupDay = calendar.at('2021-02-22');
  timeline.run(groupDay, 'coordinator', workingGroupId, async (context) => {
    await commands.workingGroup(
      workingGroupId,
      {
        type: 'CreateWorkingGroup',
        data: {
          workingGroupId,
          planId,
          name: 'Dak- en thuislozen',
          description:
            'Werkgroep dak- en thuislozen: woongerichte opvang, preventie van uithuiszetting, Housing First.',
          scope: { themeIds: theme3 ? [theme3.themeId] : [], actionIds: [] },
        },
      },
      context,
    );
    await commands.workingGroup(
      workingGroupId,
      {
        type: 'AddWorkingGroupMember',
        data: { workingGroupId, userId: userIds.get('member')!, role: 'chair' },
      },
      context,
    );
    await commands.workingGroup(
      workingGroupId,
      {
        type: 'AddWorkingGroupMember',
        data: { workingGroupId, userId: userIds.get('partner')!, partnerId: partnerIds[0]!, role: 'member' },
      },
      context,
    );
    return 3;
  });
  const lives = planActionLives(story, storyActions, {
    start: '2021-01-01',
    end: '2025-12-31',
    leadsBy: '2021-06-30',
  });
  const signals = planSignals(story, lives, 40, '2025-12-19');
  groupMeetings(
    story,
    {
      workingGroupId,
      memberUserId: userIds.get('member')!,
      partnerUserId: userIds.get('partner')!,
      guestOrganisation: partners[1] ?? partners[0]!,
    },
    lives,
    MEETING_DAYS,
  );

  // the successor plan 2026-2031: drawn up in January 2026 with what was left and a few new actions
  const tree = successorTree(
    story,
    lives,
    (actionId) => {
      const { theme, goal } = where(actionId);
      return {
        themeId: theme.themeId,
        themeCode: theme.code,
        themeTitle: theme.title,
        goalCode: goal.code,
        goalTitle: goal.title,
      };
    },
    30,
  );
  timeline.run(calendar.at(SUCCESSOR_START), 'coordinator', tree.planId, async (context) => {
    const successorId = tree.planId;
    let written = 0;
    await commands.plan(
      successorId,
      {
        type: 'CreatePlan',
        data: {
          planId: successorId,
          title: 'Meerjarenplan sociaal beleid 2026-2031',
          description:
            'Demogegevens: een verzonnen opvolger van "Brugge draait om mensen", opgesteld in januari 2026 met de ' +
            'acties die eind 2025 uitgesteld waren of nog liepen en enkele nieuwe.',
          periodStart: '2026-01-01',
          periodEnd: '2031-12-31',
        },
      },
      context,
    );
    written += 1;
    for (const theme of tree.themes) {
      await commands.plan(
        successorId,
        { type: 'AddTheme', data: { planId: successorId, ...theme } },
        context,
      );
      written += 1;
    }
    for (const goal of tree.goals) {
      await commands.plan(
        successorId,
        {
          type: 'AddGoal',
          data: {
            planId: successorId,
            goalId: goal.goalId,
            parentId: goal.themeId,
            code: goal.code,
            title: goal.title,
          },
        },
        context,
      );
      written += 1;
    }
    for (const action of tree.actions) {
      await commands.addAction(
        successorId,
        {
          actionId: action.actionId,
          planId: successorId,
          goalId: action.goalId,
          code: action.code,
          title: action.title,
          description: action.carriedFrom
            ? `Verder gezet uit het plan 2021-2025 (actie ${action.carriedFrom.code}).`
            : '',
        },
        context,
      );
      written += 2;
    }
    return written;
  });
  const successorLives = startedPlanLives(story, tree, SUCCESSOR_START);
  planSignals(story, successorLives, 4, until.slice(0, 10));

  // the plan cycle (own generator, so the story above stays as it is): BBC codes and the council's
  // priority actions, indicators with targets and measurements, half-year periods with their update
  // rounds, closed, and one correction after a close
  const cycle: CycleContext = {
    ...story,
    random: seeded(1620),
    executor: new CommandExecutor(commands.store),
    closePeriod: deps.closePeriod,
    written: tracked.written,
  };
  const priority = planReporting(
    cycle,
    planId,
    calendar.at('2021-01-18'),
    {
      themes: [...plan.themes.values()].map((theme) => ({ id: theme.themeId, code: theme.code })),
      goals: [...plan.goals.values()].map((goal) => ({ id: goal.goalId, code: goal.code })),
      actions: storyActions.map((action) => ({ id: action.actionId, code: action.code })),
    },
    'bbc',
    0.25,
  );
  const goalIdOf = (code: string) => [...plan.goals.values()].find((goal) => goal.code === code)?.goalId;
  const indicators = planIndicators(cycle, planId, goalIdOf, BRUGES_INDICATORS, 2021, '2021-02-15');
  const halves = [2021, 2022, 2023, 2024, 2025].flatMap((year) =>
    ([1, 2] as const).map((half) => ({ year, half, close: true })),
  );
  const periods = planPeriods(cycle, planId, lives, priority, halves, DEMO_IMPORT);
  // weeks after 2024-H2 was closed, a lead corrects the progress of one of its priority actions
  const corrected = lives.find(
    (life) =>
      priority.has(life.actionId) &&
      life.started !== null &&
      life.started < '2024-07-01' &&
      (life.ended === null || life.ended > '2025-01-31'),
  );
  if (corrected) periodCorrection(cycle, periods.get('2024-H2')!, corrected, '2024-12-31', '2025-04-08');

  const successorPriority = planReporting(
    cycle,
    tree.planId,
    calendar.at(SUCCESSOR_START),
    {
      themes: tree.themes.map((theme) => ({ id: theme.themeId, code: theme.code })),
      goals: tree.goals.map((goal) => ({ id: goal.goalId, code: goal.code })),
      actions: tree.actions.map((action) => ({ id: action.actionId, code: action.code })),
    },
    'city',
    0.35,
  );
  const successorIndicators: DemoIndicator[] = BRUGES_INDICATORS.filter((indicator) =>
    tree.goals.some((goal) => goal.code === indicator.goal),
  )
    .slice(0, 4)
    .map((indicator) => {
      const last = indicator.targets.at(-1)!;
      const step = (last - indicator.baseline) / indicator.targets.length;
      return {
        ...indicator,
        baseline: last,
        targets: Array.from({ length: 6 }, (_, n) => Math.round((last + step * (n + 1)) * 10) / 10),
        halfYearly: true,
      };
    });
  planIndicators(
    cycle,
    tree.planId,
    (code) => tree.goals.find((goal) => goal.code === code)?.goalId,
    successorIndicators,
    2026,
    '2026-02-02',
  );
  planPeriods(
    cycle,
    tree.planId,
    successorLives,
    successorPriority,
    [
      { year: 2026, half: 1, close: true },
      // the current period: its update round runs, the demo partner and the chair have answered
      { year: 2026, half: 2, close: false, roundDaysBeforeEnd: 60, answeredBy: ['partner', 'member'] },
    ],
    SUCCESSOR_START,
  );

  const played = await timeline.play(commands, contextOf);
  events += played.events;
  // a few notifications at the real now, so the coordinator's "Verzonden e-mails" shows what the product
  // sends (issue 17): the group's next meeting (an invitation with its .ics to the members), and an answer to
  // the partner's signal (a mail to her). Without SMTP_URL the sender keeps them in the local outbox.
  events += await seedDemoNotifications(commands, workingGroupId, partnerIds[0]!, as, ids, now);
  // on disk, with everything written before it: from now on a restart finds the demo whole
  await deps.identity.demoSeedCompleted();
  const fates = new Map<Fate, number>();
  for (const life of lives) fates.set(life.fate, (fates.get(life.fate) ?? 0) + 1);
  deps.log(
    `demo created in ${((Date.now() - started) / 1000).toFixed(1)} s: the Bruges plan (${report.stats.themes} themes, ` +
      `${report.stats.goals} goals, ${report.stats.actions} actions) with its history from ${played.first?.slice(0, 10)} ` +
      `to ${played.last?.slice(0, 10)} by the demo clock (${[...fates].map(([fate, n]) => `${n} ${fate}`).join(', ')}; ` +
      `${signals} signals, ${MEETING_DAYS.length} meetings, ${priority.size} priority actions, ${indicators} indicators, ` +
      `${periods.size} half-year periods${deps.closePeriod ? ' closed' : ''}), the successor plan 2026-2031 (${tree.actions.length} actions), ` +
      `${partnerIds.length} partners, ${events} changes in ${played.writes} writes. ` +
      `Log in as ${DEMO_USERS.map((u) => u.email).join(', ')} with the password "demo"`,
  );
  return { created: true, users, partnerIds, planId, successorPlanId: tree.planId, events };
}

/** The next meeting of the demo group (in two weeks, 14:00) and a partner's signal that got an answer. */
async function seedDemoNotifications(
  commands: CommandService,
  workingGroupId: string,
  partnerId: string,
  as: (role: UserRole) => CommandContext,
  ids: DemoIds,
  now: Date,
): Promise<number> {
  const meetingId = ids.next('meeting');
  const day = new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  await commands.meetings.run(
    meetingId,
    {
      type: 'ScheduleMeeting',
      data: {
        meetingId,
        workingGroupId,
        title: 'Werkgroep dak- en thuislozen: winteropvang',
        startsAt: brusselsTime(day, 14),
        location: 'Stadhuis Brugge, Burg 12',
      },
    },
    { ...as('member'), meetingId },
  );
  const signalId = ids.next('signal');
  await commands.signals.submit(
    {
      signalId,
      partnerId,
      source: null,
      text: 'Steeds meer gezinnen met kinderen melden zich aan bij de nachtopvang.',
      urgency: 'high',
    },
    as('partner'),
  );
  await commands.signals.answer(
    signalId,
    'Dank je. We brengen dit op de volgende werkgroep en bekijken extra gezinsopvang met het OCMW.',
    as('coordinator'),
  );
  return 3;
}

/** A dozen organisations from the plan's partner list, the best-known first. */
function pickPartners(names: string[]): string[] {
  const preferred = [
    'CAW',
    'OCMW',
    'VDAB',
    'Vivendo',
    'Huis van het Kind',
    'Kind en Gezin',
    'De Schakelaar',
    'Mutualiteit',
  ];
  const chosen: string[] = [];
  for (const word of preferred) {
    const match = names.find((name) => name.includes(word) && !chosen.includes(name));
    if (match) chosen.push(match);
  }
  for (const name of names) {
    if (chosen.length >= 12) break;
    if (!chosen.includes(name) && name.length <= 80) chosen.push(name);
  }
  return chosen.slice(0, 12);
}

function kindOf(name: string): PartnerKind {
  if (/OCMW|Stad|Stedelijk|Provincie|VDAB|Vlaams|Politie/i.test(name)) return 'public_body';
  if (/Vivendo|bank|huisvesting/i.test(name)) return 'public_body';
  return 'non_profit';
}

/** the action titles of the parsed plan by code */
function titlesOf(parsed: ParsedPlan): Map<string, string> {
  const titles = new Map<string, string>();
  const walk = (goals: readonly ParsedGoal[]): void => {
    for (const goal of goals) {
      for (const action of goal.actions) titles.set(action.code, action.title);
      walk(goal.goals);
    }
  };
  for (const theme of parsed.themes) walk(theme.goals);
  return titles;
}

type PlanState = Awaited<ReturnType<typeof planState>>;

/** an action's theme and the goal right under that theme (sub-goals fold into it) */
function placeOf(plan: PlanState) {
  return (actionId: string) => {
    const placement = plan.actions.get(actionId)!;
    let goal = plan.goals.get(placement.goalId)!;
    while (plan.goals.has(goal.parentId)) goal = plan.goals.get(goal.parentId)!;
    return { theme: plan.themes.get(goal.parentId)!, goal };
  };
}

async function planState(commands: CommandService, planId: string) {
  const { state } = await loadAggregate(commands.store, planDecider, planId, DEMO_TENANT_ID);
  if (state.status !== 'active') throw new Error('the demo plan was not created');
  return state;
}
