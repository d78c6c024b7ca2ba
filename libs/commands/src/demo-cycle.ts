import {
  indicatorDecider,
  periodDecider,
  type IndicatorCommand,
  type IndicatorDirection,
  type PeriodCommand,
  type PlanCommand,
} from '#domain';
import type { CommandContext } from './command-context.js';
import type { CommandExecutor } from './command-executor.js';
import { addDays, brusselsInstant, type DemoActor } from './demo-clock.js';
import type { ActionLife, StoryContext } from './demo-history.js';

/**
 * The plan cycle in the demo's story (issue 16): BBC codes and the council's priority actions, indicators
 * with yearly targets and measurements, and half-year reporting periods with an update round each, closed
 * by the coordinator (the report frozen as events) with one correction after a close. Planned here, written
 * by the demo clock like the rest of the story.
 */

export interface CycleContext extends StoryContext {
  executor: CommandExecutor;
  /**
   * Closes a period the way `POST /api/plans/:id/periods/:periodId/close` does (its report's data read from
   * the read models as they stood at the period's end, frozen as events). Given by the api, which owns the
   * read models; without it the periods stay open.
   */
  closePeriod?: (periodId: string, context: CommandContext, written: string | null) => Promise<unknown>;
  /** the position of the demo's latest write (the close's read models must reflect it) */
  written: () => string | null;
}

export interface ReportingNodes {
  themes: readonly { id: string; code: string }[];
  goals: readonly { id: string; code: string }[];
  actions: readonly { id: string; code: string }[];
}

/**
 * BBC codes on every theme, goal and action, and the council's priority actions (a share of them, chosen by
 * the seeded generator), in one write on the plan at one moment. `style` 'bbc' gives `BD1`, `AP1.2`,
 * `AC1.2.3`; 'city' a city's own codes like `BD03AP04AC01`. Answers the priority actions' ids.
 */
export function planReporting(
  story: CycleContext,
  planId: string,
  at: string,
  nodes: ReportingNodes,
  style: 'bbc' | 'city',
  priorityShare: number,
): Set<string> {
  const two = (part: string) => part.padStart(2, '0');
  const code = (kind: 'BD' | 'AP' | 'AC', dotted: string): string => {
    if (style === 'bbc') return `${kind}${dotted}`;
    const [theme, goal, action] = dotted.split('.');
    return [`BD${two(theme!)}`, goal && `AP${two(goal)}`, action && `AC${two(action)}`]
      .filter(Boolean)
      .join('');
  };
  const priority = new Set<string>();
  const commands: PlanCommand[] = [];
  for (const theme of nodes.themes)
    commands.push({
      type: 'SetNodeReporting',
      data: { planId, nodeId: theme.id, bbcCode: code('BD', theme.code) },
    });
  for (const goal of nodes.goals)
    commands.push({
      type: 'SetNodeReporting',
      data: { planId, nodeId: goal.id, bbcCode: code('AP', goal.code) },
    });
  for (const action of nodes.actions) {
    const isPriority = story.random() < priorityShare;
    if (isPriority) priority.add(action.id);
    commands.push({
      type: 'SetNodeReporting',
      data: {
        planId,
        nodeId: action.id,
        bbcCode: code('AC', action.code),
        ...(isPriority ? { priority: true } : {}),
      },
    });
  }
  story.timeline.run(at, 'coordinator', planId, async (context) => {
    await story.commands.planSteps(planId, commands, context);
    return commands.length;
  });
  return priority;
}

export interface DemoIndicator {
  /** the goal it measures, by code */
  goal: string;
  name: string;
  unit: string;
  direction: IndicatorDirection;
  baseline: number;
  /** the targets of the plan's years, in order */
  targets: readonly number[];
  /** how far the city gets towards its targets: 1 reaches them, below falls short */
  reach: number;
  /** also measured at each half year */
  halfYearly?: boolean;
  source: string;
}

export const BRUGES_INDICATORS: readonly DemoIndicator[] = [
  {
    goal: '1.1',
    name: 'Gezinnen bereikt door het Huis van het Kind',
    unit: 'gezinnen',
    direction: 'higher_is_better',
    baseline: 2400,
    targets: [2500, 2600, 2750, 2900, 3000],
    reach: 1.05,
    source: 'Registratie Huis van het Kind',
    halfYearly: true,
  },
  {
    goal: '1.3',
    name: 'Kinderen met inkomenstarief in de kinderopvang',
    unit: '%',
    direction: 'higher_is_better',
    baseline: 18,
    targets: [20, 22, 24, 26, 28],
    reach: 0.8,
    source: 'Lokaal loket kinderopvang',
  },
  {
    goal: '2.1',
    name: 'Maatwerktrajecten naar werk gestart',
    unit: 'trajecten',
    direction: 'higher_is_better',
    baseline: 310,
    targets: [330, 350, 375, 400, 420],
    reach: 1,
    source: 'VDAB en OCMW, jaarrapport',
  },
  {
    goal: '2.3',
    name: 'Medewerkers in de sociale economie',
    unit: 'vte',
    direction: 'higher_is_better',
    baseline: 520,
    targets: [530, 545, 560, 580, 600],
    reach: 0.6,
    source: 'Departement Werk en Sociale Economie',
  },
  {
    goal: '3.1',
    name: 'Kandidaat-huurders op de wachtlijst voor sociale huur',
    unit: 'kandidaten',
    direction: 'lower_is_better',
    baseline: 3900,
    targets: [3850, 3750, 3650, 3550, 3450],
    reach: 0.3,
    source: 'Vivendo, wachtlijst op 31/12',
  },
  {
    goal: '3.4',
    name: 'Housing First-trajecten',
    unit: 'trajecten',
    direction: 'higher_is_better',
    baseline: 12,
    targets: [15, 20, 25, 30, 35],
    reach: 1.1,
    source: 'CAW Noord-West-Vlaanderen',
    halfYearly: true,
  },
  {
    goal: '3.6',
    name: 'Uithuiszettingen',
    unit: 'per jaar',
    direction: 'lower_is_better',
    baseline: 140,
    targets: [130, 120, 110, 100, 90],
    reach: 0.85,
    source: 'Vredegerecht, via het OCMW',
  },
  {
    goal: '4.1',
    name: 'Wachttijd eerstelijnspsychologische zorg',
    unit: 'weken',
    direction: 'lower_is_better',
    baseline: 8,
    targets: [7, 6, 5, 4, 4],
    reach: 0.9,
    source: 'Eerstelijnszone Brugge',
    halfYearly: true,
  },
  {
    goal: '5.3',
    name: 'Zorgzame buurten actief',
    unit: 'buurten',
    direction: 'higher_is_better',
    baseline: 2,
    targets: [3, 5, 7, 9, 10],
    reach: 1,
    source: 'Dienst welzijn',
  },
  {
    goal: '6.2',
    name: 'Pashouders UiTPAS met kansentarief',
    unit: 'pashouders',
    direction: 'higher_is_better',
    baseline: 4100,
    targets: [4400, 4700, 5000, 5300, 5600],
    reach: 0.95,
    source: 'UiTPAS-rapportage',
    halfYearly: true,
  },
  {
    goal: '6.4',
    name: 'Inwoners geholpen in de digipunten',
    unit: 'inwoners',
    direction: 'higher_is_better',
    baseline: 1800,
    targets: [2000, 2250, 2500, 2750, 3000],
    reach: 1.15,
    source: 'Digipunten, registratie',
  },
  {
    goal: '7.2',
    name: 'Verhoogde tegemoetkoming automatisch toegekend',
    unit: '%',
    direction: 'higher_is_better',
    baseline: 55,
    targets: [58, 61, 64, 67, 70],
    reach: 0.9,
    source: 'Kruispuntbank, via het OCMW',
  },
];

/**
 * Indicators on goals: defined with their baseline and yearly targets in the plan's first months (one
 * write), measured every year (recorded in February for the year before) and some every half year, with
 * values on the way from the baseline to the targets as far as `reach` takes them (so some end on track,
 * some in attention, some off track).
 */
export function planIndicators(
  story: CycleContext,
  planId: string,
  goalIdOf: (code: string) => string | undefined,
  indicators: readonly DemoIndicator[],
  firstYear: number,
  defineOn: string,
): number {
  let defined = 0;
  for (const indicator of indicators) {
    const nodeId = goalIdOf(indicator.goal);
    if (!nodeId) continue;
    defined++;
    const indicatorId = story.ids.next('indicator');
    const define: IndicatorCommand[] = [
      {
        type: 'DefineIndicator',
        data: {
          indicatorId,
          planId,
          nodeId,
          nodeKind: 'goal',
          name: indicator.name,
          unit: indicator.unit,
          direction: indicator.direction,
          baselineValue: indicator.baseline,
          baselineYear: firstYear - 1,
        },
      },
      ...indicator.targets.map((value, index): IndicatorCommand => ({
        type: 'SetIndicatorTarget',
        data: { indicatorId, year: firstYear + index, value },
      })),
    ];
    const write = (commands: IndicatorCommand[]) => async (context: CommandContext) => {
      await story.executor.executeAll(indicatorDecider, indicatorId, commands, context);
      return commands.length;
    };
    story.timeline.run(story.calendar.at(defineOn), 'coordinator', indicatorId, write(define));
    const decimals = indicator.unit === '%' || indicator.unit === 'weken' ? 1 : 0;
    const round = (value: number) => Number(value.toFixed(decimals));
    for (const [index, target] of indicator.targets.entries()) {
      const year = firstYear + index;
      const towards = (share: number) => {
        const planned = indicator.baseline + (target - indicator.baseline) * share;
        const noise = (story.random() - 0.5) * 0.04 * Math.abs(target - indicator.baseline || target);
        return round(indicator.baseline + (planned - indicator.baseline) * indicator.reach + noise);
      };
      const measure = (date: string, recordOn: string, value: number, comment: string) => {
        const measurementId = story.ids.next('measurement');
        story.timeline.run(
          story.calendar.at(recordOn),
          'coordinator',
          indicatorId,
          write([
            {
              type: 'RecordMeasurement',
              data: {
                indicatorId,
                measurementId,
                value,
                date,
                source: `${indicator.source} ${year}`,
                comment,
              },
            },
          ]),
        );
      };
      if (indicator.halfYearly)
        measure(`${year}-06-30`, `${year}-07-20`, towards(0.5), 'Tussentijdse meting (eerste jaarhelft).');
      measure(`${year}-12-31`, `${year + 1}-02-10`, towards(1), 'Jaarcijfer.');
    }
  }
  return defined;
}

const NARRATIVES = [
  'De werking loopt volgens plan; het bereik stijgt.',
  'Samen met de partners bijgestuurd na de evaluatie in de werkgroep.',
  'Vertraging door de personeelssituatie bij de trekker, intussen opgevangen.',
  'Eerste resultaten zijn zichtbaar; de doelgroep vindt de weg naar het aanbod.',
  'Extra middelen gevonden via een projectsubsidie.',
  'De samenwerking met het middenveld loopt goed; volgende stap is de uitbreiding naar de deelgemeenten.',
];

const date = (day: string) => day.split('-').reverse().join('/');

/** what the lead writes about an action for a period (the narrative of the update round) */
function narrativeOf(life: ActionLife, end: string, random: () => number): string {
  if (life.started === null || life.started > end)
    return 'Nog niet opgestart; de trekker bereidt de start voor met de partners.';
  if (life.ended !== null && life.ended <= end) {
    if (life.fate === 'realised') return `Gerealiseerd op ${date(life.ended)}. ${NARRATIVES[0]!}`;
    if (life.fate === 'stopped')
      return `Stopgezet op ${date(life.ended)}; de middelen gaan naar verwante acties.`;
    return `Uitgesteld sinds ${date(life.ended)}; we nemen dit mee naar het volgende meerjarenplan.`;
  }
  const progress = [...life.reports].reverse().find((report) => report.on <= end)?.percent ?? 0;
  return `Voortgang ${progress} %. ${NARRATIVES[Math.floor(random() * NARRATIVES.length)]!}`;
}

const leadOn = (life: ActionLife, day: string): string | null =>
  [...life.leads].reverse().find((lead) => lead.from <= day)?.partnerId ?? null;

export interface DemoPeriod {
  year: number;
  half: 1 | 2;
  /** close it (by `closePeriod`), some months after its end as a city does */
  close: boolean;
  /** when the update round starts (default: three weeks before the end) */
  roundDaysBeforeEnd?: number;
  /** who has answered the round (default: everyone asked, but for a few) */
  answeredBy?: readonly DemoActor[];
}

/**
 * Half-year reporting periods of a plan: opened at the start of the half year, an update round for the
 * priority actions three weeks before its end (deadline three weeks after), the leads' narratives (the
 * demo partner for her organisation's actions, the working group's chair for theme 3, the coordinator for
 * the others; a few never answer), and the close in September (first half) or March (second half).
 * Answers the ids of the periods by label (`2021-H1`).
 */
export function planPeriods(
  story: CycleContext,
  planId: string,
  lives: readonly ActionLife[],
  priority: ReadonlySet<string>,
  periods: readonly DemoPeriod[],
  /** the day the plan was created (its periods open after it) */
  planReady: string,
): Map<string, string> {
  const { commands, timeline, calendar, random } = story;
  const ids = new Map<string, string>();
  for (const period of periods) {
    const periodId = story.ids.next('period');
    const label = `${period.year}-H${period.half}`;
    ids.set(label, periodId);
    const start = period.half === 1 ? `${period.year}-01-01` : `${period.year}-07-01`;
    const end = period.half === 1 ? `${period.year}-06-30` : `${period.year}-12-31`;
    // opened in the half year's first weeks, once the plan exists
    let openDay = addDays(start, 12);
    if (calendar.at(openDay) <= calendar.at(planReady)) openDay = calendar.after(planReady, 1);
    timeline.run(calendar.at(openDay), 'coordinator', periodId, async (context) => {
      await commands.periods.open(
        { periodId, planId, kind: 'half_year', year: period.year, half: period.half },
        context,
      );
      return 1;
    });
    // the priority actions still on the table: all but those that ended before the half year began
    const asked = lives.filter(
      (life) => priority.has(life.actionId) && (life.ended === null || life.ended >= start),
    );
    if (asked.length === 0) continue;
    const roundDay = calendar.dateOf(addDays(end, -(period.roundDaysBeforeEnd ?? 20)));
    const roundId = story.ids.next('round');
    const deadline = addDays(end, 21);
    const requests = asked.map((life) => ({
      actionId: life.actionId,
      leadPartnerId: leadOn(life, roundDay),
    }));
    timeline.run(calendar.at(roundDay), 'coordinator', periodId, async (context) => {
      await commands.periods.startRound(
        periodId,
        { roundId, deadline, scope: 'priority', requests },
        context,
      );
      return 1;
    });
    // the leads answer: the demo partner first, the chair of the working group, the coordinator last
    const answers = new Map<DemoActor, { actionId: string; narrative: string }[]>();
    for (const life of asked) {
      if (random() < 0.08) continue; // never answered: shows as late
      const lead = leadOn(life, roundDay);
      const actor: DemoActor =
        lead === story.ownPartnerId ? 'partner' : life.themeCode === '3' ? 'member' : 'coordinator';
      const list = answers.get(actor) ?? [];
      list.push({ actionId: life.actionId, narrative: narrativeOf(life, end, random) });
      answers.set(actor, list);
    }
    for (const [actor, after] of [
      ['partner', 8],
      ['member', 13],
      ['coordinator', 18],
    ] as const) {
      const list = answers.get(actor);
      if (!list || (period.answeredBy && !period.answeredBy.includes(actor))) continue;
      const updates: PeriodCommand[] = list.map(({ actionId, narrative }) => ({
        type: 'SubmitPeriodUpdate',
        data: { periodId, actionId, narrative },
      }));
      timeline.run(calendar.at(calendar.after(roundDay, after)), actor, periodId, async (context) => {
        await story.executor.executeAll(periodDecider, periodId, updates, context);
        return updates.length;
      });
    }
    const closePeriod = story.closePeriod;
    if (period.close && closePeriod) {
      const closeDay = period.half === 1 ? `${period.year}-09-16` : `${period.year + 1}-03-17`;
      // at a moment of its own (after the day's other changes): the close reads the read models
      timeline.run(brusselsInstant(closeDay, 17, 50), 'coordinator', periodId, async (context) => {
        await closePeriod(periodId, context, story.written());
        return 1;
      });
    }
  }
  return ids;
}

/**
 * A correction after a close: weeks after a period was closed, its lead corrects the progress and the
 * narrative of one action; the frozen report keeps its values and marks the action "gecorrigeerd na
 * afsluiting".
 */
export function periodCorrection(
  story: CycleContext,
  periodId: string,
  life: ActionLife,
  end: string,
  on: string,
): void {
  const frozen = [...life.reports].reverse().find((report) => report.on <= end)?.percent ?? 0;
  const progress = Math.min(100, frozen + 15);
  story.timeline.run(brusselsInstant(on, 11, 5), 'coordinator', periodId, async (context) => {
    await story.commands.periods.submitUpdate(
      periodId,
      {
        actionId: life.actionId,
        narrative: `Correctie na de afsluiting: de voortgang was ${progress} %, niet ${frozen} %; de laatste registraties van de partner kwamen te laat binnen.`,
        progress,
      },
      context,
    );
    return 1;
  });
}
