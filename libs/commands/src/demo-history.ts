import type { ActionCommand } from '#domain';
import type { CommandContext } from './command-context.js';
import type { CommandService } from './command-service.js';
import {
  addDays,
  addMonths,
  brusselsTime,
  type DemoActor,
  type DemoCalendar,
  type DemoIds,
  type DemoTimeline,
} from './demo-clock.js';

/**
 * The demo's story of a plan over its years (libs/commands/src/demo-seed.ts plays it with the demo clock):
 * what happened to each action, the signals partners raised and how they were answered, the meetings of the
 * working group. Pure planning: every choice comes from the seeded generator, nothing is written here.
 */

/** how an action's life in the 2021-2025 plan ends (shares in `pickFate`) */
export type Fate = 'realised' | 'stopped' | 'postponed' | 'running' | 'idle' | 'untouched';

export interface StoryAction {
  actionId: string;
  code: string;
  title: string;
  themeCode: string;
}

export interface ActionLife {
  actionId: string;
  code: string;
  title: string;
  themeCode: string;
  fate: Fate;
  lead: string | null;
  partners: string[];
  /** the day it started (in progress), null when it never did */
  started: string | null;
  /** the day it was realised, stopped or postponed; null while it runs on */
  ended: string | null;
  /** its progress at the end of the plan period */
  progress: number;
  /** who led it from which day on, oldest first */
  leads: { from: string; partnerId: string }[];
  /** its progress reports (day, percent), oldest first */
  reports: { on: string; percent: number }[];
}

export interface StoryContext {
  timeline: DemoTimeline;
  calendar: DemoCalendar;
  random: () => number;
  ids: DemoIds;
  commands: CommandService;
  partnerIds: readonly string[];
  /** the organisation of the demo partner user: she writes on the actions it leads */
  ownPartnerId: string;
}

const NOTES = [
  'Overleg met de partners gepland in de werkgroep.',
  'Eerste resultaten besproken op het regieoverleg.',
  'Budget bevestigd in de meerjarenplanning.',
  'Vrijwilligers gezocht via het vrijwilligersplatform.',
  'Evaluatie met de doelgroep loopt.',
  'Samenwerkingsovereenkomst met de partners ondertekend.',
  'Aanpak voorgesteld aan de adviesraad welzijn; positief advies.',
  'Extra middelen aangevraagd bij de Vlaamse overheid.',
  'Communicatie naar de buurten loopt via de wijkwerkers.',
  'Bereik in de eerste maanden lager dan verwacht; we sturen bij.',
  'Goede praktijk gedeeld met andere centrumsteden.',
  'Registratie van het bereik aangepast aan de nieuwe indicatoren.',
];
const PROGRESS_COMMENTS = [
  'Stand van zaken bij de halfjaarlijkse opvolging.',
  'Loopt volgens planning.',
  'Vertraging door personeelswissel, intussen ingehaald.',
  'Eerste fase afgerond, tweede fase gestart.',
  'Meer deelnemers dan verwacht.',
  'Stand van zaken voor de jaarrekening.',
];
const STOP_REASONS = [
  'opgenomen in een andere actie',
  'geen subsidie meer na de hervorming',
  'de partner stopte met dit aanbod',
  'de nood bleek kleiner dan ingeschat',
  'overgenomen door de Vlaamse overheid',
];
const POSTPONE_REASONS = [
  'wachten op subsidie',
  'doorgeschoven naar het volgende meerjarenplan',
  'eerst de nieuwe regelgeving afwachten',
  'geen trekker gevonden',
  'capaciteit ingezet op de opvang van Oekraïense vluchtelingen',
];
const SIGNALS = [
  'We zien meer gezinnen met huurachterstal aankloppen.',
  'Wachtlijsten voor begeleiding lopen op.',
  'Jongeren vinden de weg naar het aanbod niet.',
  'Uithuiszettingen door private verhuurders nemen toe.',
  'Senioren haken af bij digitale aanvragen.',
  'De energiefacturen duwen nieuwe groepen in armoede.',
  'Vrijwilligers geven aan dat ze overbelast raken.',
  'Anderstalige ouders bereiken we onvoldoende.',
  'Meer vragen naar voedselhulp dan vorig jaar.',
  'Het aanbod in de deelgemeenten is weinig gekend.',
];
const ANSWERS = [
  'Dank je. We brengen dit op de volgende werkgroep.',
  'Opgenomen in de bijsturing van de actie; we houden je op de hoogte.',
  'Besproken op het regieoverleg: extra capaciteit voorzien vanaf volgend kwartaal.',
  'We bekijken dit samen met het OCMW en komen erop terug.',
  'Doorgegeven aan de trekker van de actie, die contact opneemt.',
  'Meegenomen in de evaluatie voor de jaarrekening.',
];

/** the end of the half year a day falls in */
const halfYearEnd = (date: string): string =>
  `${date.slice(0, 4)}-${date.slice(5, 7) <= '06' ? '06-30' : '12-31'}`;

const between = (random: () => number, from: string, to: string): string => {
  const start = Date.parse(`${from}T12:00:00Z`);
  const end = Date.parse(`${to}T12:00:00Z`);
  return new Date(start + Math.floor(random() * Math.max(0, end - start))).toISOString().slice(0, 10);
};

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function pickFate(roll: number): Fate {
  if (roll < 0.63) return 'realised';
  if (roll < 0.75) return 'stopped';
  if (roll < 0.84) return 'postponed';
  if (roll < 0.96) return 'running';
  if (roll < 0.99) return 'idle';
  return 'untouched';
}

type Entry =
  | { date: string; actor: DemoActor; command: ActionCommand }
  | { date: string; actor: DemoActor; run: (context: CommandContext) => Promise<number> };

/** the half-year follow-up rounds of the plan period: leads update their actions in June and December */
function rounds(random: () => number, fromYear: number, toYear: number): string[] {
  const days: string[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    days.push(between(random, `${year}-06-08`, `${year}-06-26`));
    days.push(between(random, `${year}-11-24`, `${year}-12-12`));
  }
  return days;
}

/**
 * The life of every action of a plan from its start to `periodEnd`: a lead and partners (most at the
 * action's kick-off, some in the plan's first months), a start (in progress) with a due date, progress at
 * the follow-up rounds with now and then a note, a new lead, a moved due date or a pause, and an end
 * (realised, stopped or postponed; some run on). What one person changes on one action at one moment is one
 * write, as in the app's follow-up. Answers what became of each action.
 */
export function planActionLives(
  story: StoryContext,
  actions: readonly StoryAction[],
  period: { start: string; end: string; leadsBy: string },
): ActionLife[] {
  const { random, partnerIds, ownPartnerId } = story;
  const lives: ActionLife[] = [];
  const followUps = rounds(random, Number(period.start.slice(0, 4)), Number(period.end.slice(0, 4)));
  const lastDay = addDays(period.end, -12);
  for (const [index, action] of actions.entries()) {
    const { actionId } = action;
    const fate = pickFate(random());
    const editor: DemoActor = action.themeCode === '3' ? 'member' : 'coordinator';
    const life: ActionLife = {
      ...action,
      fate,
      lead: null,
      partners: [],
      started: null,
      ended: null,
      progress: 0,
      leads: [],
      reports: [],
    };
    lives.push(life);
    const rolls = Array.from({ length: 12 }, () => random());
    if (fate === 'untouched') continue;
    const entries: Entry[] = [];
    const add = (date: string, actor: DemoActor, command: ActionCommand) =>
      entries.push({ date, actor, command });
    const note = (date: string, actor: DemoActor, text: string) =>
      add(date, actor, { type: 'AddActionNote', data: { actionId, noteId: story.ids.next('note'), text } });

    // when it starts, and how long it runs
    const latestStart = {
      realised: addMonths(period.end, -28),
      stopped: addMonths(period.end, -30),
      postponed: addMonths(period.end, -18),
      running: addMonths(period.end, -9),
      idle: period.end,
    }[fate];
    const start = between(random, addDays(period.start, 40), latestStart);
    // a lead and partners: at the kick-off, or (a third) already in the plan's first months
    const early = rolls[0]! < 0.35 || fate === 'idle';
    const leadDay = early ? between(random, addDays(period.start, 30), period.leadsBy) : start;
    const leadActor: DemoActor = early ? 'coordinator' : editor;
    const lead = partnerIds[(index * 7 + Math.floor(rolls[1]! * 3)) % partnerIds.length]!;
    life.lead = lead;
    life.leads.push({ from: leadDay, partnerId: lead });
    add(leadDay, leadActor, { type: 'ChangeActionOwner', data: { actionId, ownerId: lead } });
    for (let n = 0; n < Math.floor(rolls[2]! * 3); n++) {
      const partner = partnerIds[(index + 3 + n * 4) % partnerIds.length]!;
      if (partner === lead || life.partners.includes(partner)) continue;
      life.partners.push(partner);
      add(leadDay, leadActor, { type: 'AddActionPartner', data: { actionId, partnerId: partner } });
    }
    if (fate === 'idle') {
      note(
        between(random, addMonths(period.start, 24), addMonths(period.start, 40)),
        'coordinator',
        'Nog niet opgestart: geen capaciteit bij de trekker.',
      );
      finish(story, entries, actionId);
      continue;
    }
    const actualStart = start < leadDay ? leadDay : start;
    life.started = actualStart;
    const end =
      fate === 'running'
        ? null
        : fate === 'realised'
          ? minDay(between(random, addMonths(actualStart, 8), addMonths(actualStart, 44)), lastDay)
          : minDay(between(random, addMonths(actualStart, 6), addMonths(actualStart, 30)), lastDay);
    life.ended = end;
    const until = end ?? lastDay;
    const due = minDay(halfYearEnd(addMonths(actualStart, 12 + Math.floor(rolls[3]! * 24))), period.end);
    // where its progress heads: all the way for a realised action, part of it for the others
    const target =
      fate === 'realised'
        ? 95
        : fate === 'running'
          ? 50 + Math.floor(rolls[4]! * 40)
          : 20 + Math.floor(rolls[4]! * 40);
    const first = 5 + 5 * Math.floor(rolls[5]! * 3);
    add(actualStart, editor, { type: 'ChangeActionStatus', data: { actionId, to: 'in_progress' } });
    add(actualStart, editor, { type: 'SetActionDueDate', data: { actionId, dueDate: due } });
    add(actualStart, editor, {
      type: 'ReportActionProgress',
      data: { actionId, percent: first, comment: 'Opgestart.' },
    });
    life.reports.push({ on: actualStart, percent: first });

    // progress at the follow-up rounds (most leads answer most rounds), by the lead's organisation when
    // it is the demo partner's, else by the editor; a note now and then, a moved due date when it runs late
    const writer = (): DemoActor => (life.lead === ownPartnerId ? 'partner' : editor);
    let progress = first;
    let notes = 1 + (rolls[6]! < 0.4 ? 1 : 0);
    let dueDate = due;
    const span = Date.parse(until) - Date.parse(actualStart);
    const answered = followUps.filter(
      (round) => round > addDays(actualStart, 30) && round < addDays(until, -14) && random() < 0.8,
    );
    for (const [n, round] of answered.entries()) {
      const share = (Date.parse(round) - Date.parse(actualStart)) / span;
      const percent = Math.min(95, 5 * Math.round((first + (target - first) * share) / 5));
      const actor = writer();
      if (percent > progress) {
        progress = percent;
        life.reports.push({ on: round, percent });
        add(round, actor, {
          type: 'ReportActionProgress',
          data: { actionId, percent, comment: pick(random, PROGRESS_COMMENTS) },
        });
      }
      if (notes > 0 && (random() < 0.35 || n === answered.length - notes)) {
        notes -= 1;
        note(round, actor, NOTES[(index + notes * 5) % NOTES.length]!);
      }
      const late = (end ?? period.end) > dueDate && round > addMonths(dueDate, -6);
      if (late && actor === editor && rolls[7]! < 0.75 && dueDate < period.end) {
        const moved = minDay(halfYearEnd(addMonths(end ?? period.end, 1)), period.end);
        if (moved !== dueDate) {
          dueDate = moved;
          add(round, actor, { type: 'SetActionDueDate', data: { actionId, dueDate: moved } });
          note(round, actor, `Timing bijgestuurd: nieuwe einddatum ${moved.split('-').reverse().join('/')}.`);
        }
      }
    }
    // now and then a new lead, a partner more or less (the coordinator, between two rounds)
    const roomy = addDays(actualStart, 60) < addDays(until, -45);
    const middle = (): string => between(random, addDays(actualStart, 60), addDays(until, -45));
    if (rolls[8]! < 0.13 && roomy) {
      const other = partnerIds[(index * 5 + 2) % partnerIds.length]!;
      if (other !== lead && !life.partners.includes(other)) {
        const day = middle();
        add(day, 'coordinator', { type: 'ChangeActionOwner', data: { actionId, ownerId: other } });
        note(day, 'coordinator', 'Trekkerschap overgedragen na overleg in het regieoverleg.');
        life.lead = other;
        life.leads.push({ from: day, partnerId: other });
      }
    }
    if (rolls[9]! < 0.12 && roomy) {
      const extra = partnerIds[(index * 3 + 1) % partnerIds.length]!;
      if (extra !== life.lead && !life.partners.includes(extra)) {
        add(middle(), 'coordinator', { type: 'AddActionPartner', data: { actionId, partnerId: extra } });
        life.partners.push(extra);
      }
    } else if (rolls[9]! > 0.95 && life.partners.length > 0 && roomy) {
      const leaving = life.partners.pop()!;
      add(middle(), 'coordinator', { type: 'RemoveActionPartner', data: { actionId, partnerId: leaving } });
    }
    // a pause: postponed for a few months, then picked up again
    if (fate === 'realised' && rolls[10]! < 0.08 && addMonths(actualStart, 6) < addMonths(until, -6)) {
      const paused = between(random, addMonths(actualStart, 3), addMonths(until, -6));
      add(paused, editor, {
        type: 'ChangeActionStatus',
        data: { actionId, to: 'postponed', reason: pick(random, POSTPONE_REASONS) },
      });
      add(addMonths(paused, 3), editor, {
        type: 'ChangeActionStatus',
        data: { actionId, to: 'in_progress' },
      });
    }
    // the end
    if (fate === 'realised') {
      add(end!, editor, {
        type: 'ReportActionProgress',
        data: { actionId, percent: 100, comment: 'Afgerond.' },
      });
      add(end!, editor, { type: 'ChangeActionStatus', data: { actionId, to: 'realised' } });
      progress = 100;
      life.reports.push({ on: end!, percent: 100 });
    } else if (fate === 'stopped') {
      add(end!, 'coordinator', {
        type: 'ChangeActionStatus',
        data: { actionId, to: 'stopped', reason: pick(random, STOP_REASONS) },
      });
    } else if (fate === 'postponed') {
      add(end!, editor, {
        type: 'ChangeActionStatus',
        data: { actionId, to: 'postponed', reason: pick(random, POSTPONE_REASONS) },
      });
    }
    life.progress = progress;
    finish(story, entries, actionId);
  }
  return lives;
}

const minDay = (a: string, b: string): string => (a < b ? a : b);

/** an action's entries in the order of their days, onto the timeline (one stream: the action) */
function finish(story: StoryContext, entries: Entry[], actionId: string): void {
  const ordered = entries.map((entry, order) => ({ entry, order }));
  ordered.sort((a, b) =>
    a.entry.date < b.entry.date ? -1 : a.entry.date > b.entry.date ? 1 : a.order - b.order,
  );
  for (const { entry } of ordered) {
    const at = story.calendar.at(entry.date);
    if ('command' in entry) story.timeline.action(at, entry.actor, actionId, entry.command);
    else story.timeline.run(at, entry.actor, actionId, entry.run);
  }
}

/**
 * Signals raised on actions while they ran: by the demo partner on what her organisation leads, by the
 * coordinator for other partners; acknowledged within two weeks, most answered within two months, some
 * closed; the latest ones are still open when the plan ends.
 */
export function planSignals(
  story: StoryContext,
  lives: readonly ActionLife[],
  count: number,
  lastDay: string,
): number {
  const { random, commands } = story;
  const candidates = lives.filter((life) => life.started !== null && life.lead !== null);
  let made = 0;
  for (let n = 0; n < count && candidates.length > 0; n++) {
    const life = candidates[Math.floor(random() * candidates.length)]!;
    const from = addDays(life.started!, 20);
    const to = minDay(addDays(life.ended ?? lastDay, -10), lastDay);
    if (from >= to) continue;
    const day = between(random, from, to);
    const signalId = story.ids.next('signal');
    const byPartner = life.lead === story.ownPartnerId;
    const text = SIGNALS[n % SIGNALS.length]!;
    const urgency = random() < 0.25 ? ('high' as const) : ('normal' as const);
    const partnerId = life.lead!;
    story.timeline.run(
      story.calendar.at(day),
      byPartner ? 'partner' : 'coordinator',
      life.actionId,
      async (context) => {
        await commands.signals.submitForAction(
          life.actionId,
          { signalId, partnerId, source: null, text, urgency },
          context,
        );
        return 2;
      },
    );
    made++;
    // each step at a later moment of the calendar than the one before (they write the same signal); the
    // steps go with the action's (one stream key), so an action's history lists a moment's changes in the
    // same order on every machine
    const acknowledged = story.calendar.after(day, 5 + Math.floor(random() * 9));
    const answered = story.calendar.after(acknowledged, 10 + Math.floor(random() * 35));
    const closed = story.calendar.after(answered, 30 + Math.floor(random() * 60));
    const roll = random();
    // some of the last ones are still waiting when the plan ends
    if (day > addDays(lastDay, -90) && roll < 0.5) continue;
    story.timeline.run(story.calendar.at(acknowledged), 'coordinator', life.actionId, async (context) => {
      await commands.signals.acknowledge(signalId, context);
      return 1;
    });
    if (roll > 0.85) continue;
    const response = ANSWERS[n % ANSWERS.length]!;
    story.timeline.run(story.calendar.at(answered), 'coordinator', life.actionId, async (context) => {
      await commands.signals.answer(signalId, response, context);
      return 1;
    });
    if (roll < 0.4) {
      story.timeline.run(story.calendar.at(closed), 'coordinator', life.actionId, async (context) => {
        await commands.signals.close(signalId, 'Opgevolgd in de actie.', context);
        return 1;
      });
    }
  }
  return made;
}

const MEETING_TOPICS = [
  'Winteropvang en nachtopvang',
  'Housing First: stand van zaken',
  'Preventie van uithuiszetting',
  'Doorstroom uit de opvang',
  'Jaarlijkse evaluatie en bijsturing',
];

/**
 * The working group's meetings over the years (twice a year): scheduled three weeks ahead, held with the
 * attendance, two actions of its theme on the agenda with discussion notes, a decision and a next step, and
 * ended, so each has minutes generated from its events.
 */
export function groupMeetings(
  story: StoryContext,
  group: { workingGroupId: string; memberUserId: string; partnerUserId: string; guestOrganisation: string },
  actions: readonly ActionLife[],
  days: readonly string[],
): void {
  const { random, commands, calendar } = story;
  const onAgenda = actions.filter((life) => life.themeCode === '3' && life.started !== null);
  for (const [index, wanted] of days.entries()) {
    const day = calendar.dateOf(wanted);
    const meetingId = story.ids.next('meeting');
    const title = `Werkgroep dak- en thuislozen: ${MEETING_TOPICS[index % MEETING_TOPICS.length]!.toLowerCase()}`;
    const startsAt = brusselsTime(day, 14);
    const running = onAgenda.filter(
      (life) => life.started! < day && (life.ended === null || life.ended > day),
    );
    const items = [
      running[index % Math.max(1, running.length)],
      running[(index * 3 + 1) % Math.max(1, running.length)],
    ]
      .filter((life): life is ActionLife => life !== undefined)
      .filter((life, position, all) => all.indexOf(life) === position);
    const meeting = (context: CommandContext): CommandContext => ({ ...context, meetingId });
    const scheduled = calendar.at(addDays(day, -21));
    story.timeline.run(scheduled, 'member', meetingId, async (context) => {
      await commands.meetings.run(
        meetingId,
        {
          type: 'ScheduleMeeting',
          data: {
            meetingId,
            workingGroupId: group.workingGroupId,
            title,
            startsAt,
            location: 'Stadhuis Brugge, Burg 12',
          },
        },
        meeting(context),
      );
      return 1;
    });
    const held = calendar.at(day);
    const steps: { actor: DemoActor; run: (context: CommandContext) => Promise<unknown> }[] = [
      {
        actor: 'member',
        run: (context) =>
          commands.meetings.run(meetingId, { type: 'StartMeeting', data: { meetingId } }, context),
      },
      {
        actor: 'member',
        run: (context) =>
          commands.meetings.run(
            meetingId,
            {
              type: 'RecordAttendanceList',
              data: {
                meetingId,
                attendees: [
                  { userId: group.memberUserId, status: 'present' },
                  { userId: group.partnerUserId, status: random() < 0.8 ? 'present' : 'excused' },
                  {
                    guestName: 'Medewerker straathoekwerk',
                    organisation: group.guestOrganisation,
                    status: 'present',
                  },
                ],
              },
            },
            context,
          ),
      },
    ];
    for (const life of items) {
      const itemId = story.ids.next('agenda-item');
      const notes = `Stand van zaken besproken. ${pick(random, NOTES)}`;
      steps.push({
        actor: 'member',
        run: (context) =>
          commands.meetings.run(
            meetingId,
            {
              type: 'AddAgendaItem',
              data: { meetingId, itemId, kind: 'action', refId: life.actionId, title: '', notes },
            },
            context,
          ),
      });
    }
    const decisionId = story.ids.next('decision');
    const nextStepId = story.ids.next('next-step');
    const first = items[0];
    steps.push(
      {
        actor: 'member',
        run: (context) =>
          commands.meetings.run(
            meetingId,
            {
              type: 'RecordDecision',
              data: {
                meetingId,
                decisionId,
                text: first
                  ? `We houden de aanpak van ${first.code} aan en volgen het bereik per kwartaal op.`
                  : 'Aanpak behouden.',
                actionIds: first ? [first.actionId] : [],
              },
            },
            context,
          ),
      },
      {
        actor: 'member',
        run: (context) =>
          commands.meetings.run(
            meetingId,
            {
              type: 'RecordNextStep',
              data: {
                meetingId,
                nextStepId,
                text: 'Cijfers van de nachtopvang bezorgen voor de volgende werkgroep.',
                ownerPartnerId: first?.lead ?? null,
                dueDate: addDays(day, 42),
                linkedActionId: first?.actionId ?? null,
              },
            },
            context,
          ),
      },
      {
        actor: 'member',
        run: (context) =>
          commands.meetings.run(meetingId, { type: 'EndMeeting', data: { meetingId } }, context),
      },
    );
    for (const step of steps) {
      story.timeline.run(held, step.actor, meetingId, async (context) => {
        await step.run(meeting(context));
        return 1;
      });
    }
  }
}

export interface SuccessorTree {
  planId: string;
  themes: { themeId: string; code: string; title: string }[];
  goals: { goalId: string; themeId: string; code: string; title: string }[];
  actions: (StoryAction & { goalId: string; carriedFrom: ActionLife | null })[];
}

const NEW_ACTIONS = [
  'Digitale helpdesk voor senioren in elk dienstencentrum',
  'Energiecoaches voor huurders met een hoge energiefactuur',
  'Eén loket voor alle premies en tegemoetkomingen',
  'Buddywerking voor jongeren die de jeugdhulp verlaten',
  'Rechten automatisch toekennen met gegevens van de Kruispuntbank',
  'Housing First uitbreiden naar koppels en gezinnen',
  'Vrijwilligerspool voor vervoer naar zorgafspraken',
  'Wijkgezondheidscentrum in Sint-Pieters',
];

/**
 * The successor plan's tree: the themes and goals of the old plan that still have work, the actions that
 * were postponed or still running at the end of 2025 (carried over, renumbered under their goal), and a few
 * new ones.
 */
export function successorTree(
  story: StoryContext,
  lives: readonly ActionLife[],
  goalOf: (actionId: string) => {
    themeId: string;
    themeCode: string;
    themeTitle: string;
    goalCode: string;
    goalTitle: string;
  },
  carriedMax: number,
): SuccessorTree {
  const tree: SuccessorTree = { planId: story.ids.next('plan'), themes: [], goals: [], actions: [] };
  const themeIds = new Map<string, string>();
  const goalIds = new Map<string, SuccessorTree['goals'][number]>();
  const counts = new Map<string, number>();
  const place = (life: ActionLife | null, title: string, where: ReturnType<typeof goalOf>) => {
    let themeId = themeIds.get(where.themeCode);
    if (!themeId) {
      themeId = story.ids.next('successor-theme');
      themeIds.set(where.themeCode, themeId);
      tree.themes.push({ themeId, code: where.themeCode, title: where.themeTitle });
    }
    let goal = goalIds.get(where.goalCode);
    if (!goal) {
      goal = {
        goalId: story.ids.next('successor-goal'),
        themeId,
        code: where.goalCode,
        title: where.goalTitle,
      };
      goalIds.set(where.goalCode, goal);
      tree.goals.push(goal);
    }
    const n = (counts.get(goal.code) ?? 0) + 1;
    counts.set(goal.code, n);
    tree.actions.push({
      actionId: story.ids.next('successor-action'),
      code: `${goal.code}.${n}`,
      title,
      themeCode: where.themeCode,
      goalId: goal.goalId,
      carriedFrom: life,
    });
  };
  const carried = lives
    .filter((life) => life.fate === 'postponed' || life.fate === 'running')
    .slice(0, carriedMax);
  for (const life of carried) place(life, life.title, goalOf(life.actionId));
  for (const [index, title] of NEW_ACTIONS.entries()) {
    const near = carried[(index * 5) % Math.max(1, carried.length)] ?? lives[index]!;
    place(null, title, goalOf(near.actionId));
  }
  tree.themes.sort((a, b) => a.code.localeCompare(b.code, 'nl', { numeric: true }));
  return tree;
}

/**
 * The first months of a plan that just started: leads (a carried action keeps its lead), most actions in
 * progress by the spring, progress at the June round and in the autumn, a few already realised, notes and
 * a signal or two. Steps after the real now are left out by the timeline.
 */
export function startedPlanLives(story: StoryContext, tree: SuccessorTree, start: string): ActionLife[] {
  const { random, partnerIds } = story;
  const lives: ActionLife[] = [];
  const year = Number(start.slice(0, 4));
  for (const [index, action] of tree.actions.entries()) {
    const { actionId } = action;
    const editor: DemoActor = action.themeCode === '3' ? 'member' : 'coordinator';
    const lead = action.carriedFrom?.lead ?? partnerIds[(index * 5 + 1) % partnerIds.length]!;
    const life: ActionLife = {
      ...action,
      fate: 'running',
      lead,
      partners: [],
      started: null,
      ended: null,
      progress: 0,
      leads: [],
      reports: [],
    };
    lives.push(life);
    const entries: Entry[] = [];
    const add = (date: string, actor: DemoActor, command: ActionCommand) =>
      entries.push({ date, actor, command });
    const leadDay = between(random, addDays(start, 14), `${year}-02-27`);
    life.leads.push({ from: leadDay, partnerId: lead });
    add(leadDay, 'coordinator', { type: 'ChangeActionOwner', data: { actionId, ownerId: lead } });
    const roll = random();
    if (roll > 0.72) {
      life.fate = 'idle';
      finish(story, entries, actionId);
      continue;
    }
    const begun = between(random, `${year}-03-02`, `${year}-06-05`);
    life.started = begun;
    const first = action.carriedFrom ? Math.max(5, Math.min(40, action.carriedFrom.progress)) : 5;
    add(begun, editor, { type: 'ChangeActionStatus', data: { actionId, to: 'in_progress' } });
    add(begun, editor, {
      type: 'SetActionDueDate',
      data: {
        actionId,
        dueDate: `${year + 1 + Math.floor(random() * 5)}-${random() < 0.5 ? '06-30' : '12-31'}`,
      },
    });
    add(begun, editor, {
      type: 'ReportActionProgress',
      data: {
        actionId,
        percent: first,
        comment: action.carriedFrom ? 'Verder gezet uit het plan 2021-2025.' : 'Opgestart.',
      },
    });
    let progress = first;
    life.reports.push({ on: begun, percent: first });
    for (const round of [
      between(random, `${year}-06-15`, `${year}-06-26`),
      between(random, `${year}-10-12`, `${year}-10-30`),
    ]) {
      const percent = Math.min(95, progress + 5 * (1 + Math.floor(random() * 4)));
      progress = percent;
      life.reports.push({ on: round, percent });
      add(round, random() < 0.5 ? editor : 'coordinator', {
        type: 'ReportActionProgress',
        data: { actionId, percent, comment: pick(random, PROGRESS_COMMENTS) },
      });
    }
    if (random() < 0.5) {
      add(between(random, addDays(begun, 10), `${year}-11-10`), editor, {
        type: 'AddActionNote',
        data: { actionId, noteId: story.ids.next('note'), text: pick(random, NOTES) },
      });
    }
    if (action.carriedFrom && progress >= 60 && random() < 0.5) {
      const done = between(random, `${year}-11-02`, `${year}-11-13`);
      add(done, editor, {
        type: 'ReportActionProgress',
        data: { actionId, percent: 100, comment: 'Afgerond.' },
      });
      add(done, editor, { type: 'ChangeActionStatus', data: { actionId, to: 'realised' } });
      life.fate = 'realised';
      life.ended = done;
      progress = 100;
      life.reports.push({ on: done, percent: 100 });
    }
    life.progress = progress;
    finish(story, entries, actionId);
  }
  return lives;
}
