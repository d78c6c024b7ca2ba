import { randomUUID } from 'node:crypto';
import { planDecider, type PartnerKind, type UserRole } from '#domain';
import { parsePlanDocument, readBundledPlan } from '#importer';
import { inParallel } from './in-parallel.js';
import { loadAggregate } from './load-aggregate.js';
import { importPlanDocument } from './plan-import.js';
import type { IdentityStore } from '#identity';
import type { CommandContext } from './command-context.js';
import type { CommandService } from './command-service.js';
import { systemContext } from './system-context.js';
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
  events: number;
}

/** A small deterministic generator: the demo looks the same on every machine. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const NOTES = [
  'Overleg met de partners gepland in de werkgroep.',
  'Eerste resultaten besproken op het regieoverleg.',
  'Budget bevestigd in de meerjarenplanning.',
  'Vrijwilligers gezocht via het vrijwilligersplatform.',
  'Evaluatie met de doelgroep loopt.',
];
const SIGNALS = [
  'We zien meer gezinnen met huurachterstal aankloppen.',
  'Wachtlijsten voor begeleiding lopen op.',
  'Jongeren vinden de weg naar het aanbod niet.',
  'Uithuiszettingen door private verhuurders nemen toe.',
];

/**
 * Creates the demo on an empty database (no account yet): the demo tenant, a dozen partner organisations
 * from the plan's partner list, one user per role (password `demo`), the Bruges plan imported by the
 * coordinator, the working group "Dak- en thuislozen" on theme 3 with the member in it, and a believable
 * run of changes by the demo users. Does nothing on a database that has accounts, so restarts keep what
 * the demo users changed. Everything lives in the tenant marked as demo.
 */
export async function seedDemo(deps: {
  commands: CommandService;
  users: UserAdmin;
  identity: IdentityStore;
  log: (line: string) => void;
}): Promise<DemoSeedResult> {
  if ((await deps.identity.countAccounts()) > 0) {
    return { created: false, users: [], partnerIds: [], planId: null, events: 0 };
  }
  const { commands } = deps;
  const started = Date.now();
  let events = 0;
  const count = <T extends { version: number }>(result: T) => {
    events += 1;
    return result;
  };
  const system = systemContext(DEMO_TENANT_ID);
  await deps.users.createTenant(DEMO_TENANT_ID, 'Demo: Brugge draait om mensen', true, system);

  const text = await readBundledPlan();
  const partners = pickPartners(parsePlanDocument(text).partners);
  const partnerIds: string[] = [];
  for (const name of partners) {
    const partnerId = randomUUID();
    count(
      await commands.partner(
        partnerId,
        { type: 'RegisterPartner', data: { partnerId, name, kind: kindOf(name) } },
        system,
      ),
    );
    partnerIds.push(partnerId);
  }
  const users: DemoSeedResult['users'] = [];
  for (const user of DEMO_USERS) {
    const result = await deps.users.register(
      {
        email: user.email,
        name: user.name,
        role: user.role,
        partnerId: user.role === 'partner' ? partnerIds[0]! : null,
        password: DEMO_PASSWORD,
        demo: true,
      },
      system,
    );
    users.push({ id: result.id, email: user.email, role: user.role });
  }
  const as = (role: UserRole) => systemContext(DEMO_TENANT_ID, users.find((u) => u.role === role)!.id);

  const report = await importPlanDocument(commands, text, as('coordinator'), { rules: 'bruges' });
  const planId = report.planId;
  const plan = await planState(commands, planId);
  const themeId = [...plan.themes.values()].find((theme) => theme.code === '3')?.themeId;
  const workingGroupId = randomUUID();
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
        scope: { themeIds: themeId ? [themeId] : [], actionIds: [] },
      },
    },
    as('coordinator'),
  );
  await commands.workingGroup(
    workingGroupId,
    { type: 'AddWorkingGroupMember', data: { workingGroupId, userId: as('member').actorId, role: 'chair' } },
    as('coordinator'),
  );

  // a believable run of changes: leads and partners by the coordinator, progress in theme 3 by the
  // member, notes and signals by the partner on the actions her organisation leads
  const random = sequence(2021);
  const placements = [...plan.actions.values()];
  const inTheme3 = (code: string) => code.startsWith('3.');
  const chosen = placements.map((placement, index) => ({
    placement,
    index,
    roll: random(),
    more: [random(), random(), random(), random()],
  }));
  await inParallel(
    chosen.filter(({ index }) => index % 3 === 0),
    8,
    async ({ placement, index, roll, more }) => {
      const actionId = placement.actionId;
      const lead = partnerIds[index % partnerIds.length]!;
      const editor = inTheme3(placement.code) ? as('member') : as('coordinator');
      count(
        await commands.action(
          actionId,
          { type: 'ChangeActionOwner', data: { actionId, ownerId: lead } },
          as('coordinator'),
        ),
      );
      const other = partnerIds[(index + 5) % partnerIds.length]!;
      if (other !== lead) {
        count(
          await commands.action(
            actionId,
            { type: 'AddActionPartner', data: { actionId, partnerId: other } },
            as('coordinator'),
          ),
        );
      }
      if (roll < 0.7) {
        count(
          await commands.action(
            actionId,
            { type: 'ChangeActionStatus', data: { actionId, to: 'in_progress' } },
            editor,
          ),
        );
        const percent = 10 * Math.ceil(more[0]! * 9);
        count(
          await commands.action(
            actionId,
            {
              type: 'ReportActionProgress',
              data: { actionId, percent, comment: 'Stand van zaken bij de jaarlijkse opvolging.' },
            },
            editor,
          ),
        );
        if (roll < 0.25) {
          count(
            await commands.action(
              actionId,
              { type: 'ChangeActionStatus', data: { actionId, to: 'realised' } },
              editor,
            ),
          );
        } else if (roll > 0.62) {
          count(
            await commands.action(
              actionId,
              {
                type: 'ChangeActionStatus',
                data: { actionId, to: 'postponed', reason: 'wachten op subsidie' },
              },
              editor,
            ),
          );
        }
      }
      const year = 2024 + Math.floor(more[1]! * 3);
      count(
        await commands.action(
          actionId,
          {
            type: 'SetActionDueDate',
            data: { actionId, dueDate: `${year}-${more[2]! < 0.5 ? '06-30' : '12-31'}` },
          },
          editor,
        ),
      );
      count(
        await commands.action(
          actionId,
          {
            type: 'AddActionNote',
            data: {
              actionId,
              noteId: randomUUID(),
              text: NOTES[index % NOTES.length]!,
              correctsNoteId: null,
            },
          },
          editor,
        ),
      );
      if (lead === partnerIds[0]) {
        count(
          // a signal of its own (the partner's inbox, the working group's inbox), linked to the action
          await commands.signals.submitForAction(
            actionId,
            {
              signalId: randomUUID(),
              partnerId: lead,
              source: null,
              text: SIGNALS[index % SIGNALS.length]!,
              urgency: more[3]! < 0.3 ? 'high' : 'normal',
            },
            as('partner'),
          ),
        );
      }
    },
  );
  // a few notifications, so the coordinator's "Verzonden e-mails" shows what the product sends (issue 17):
  // the group's next meeting (an invitation with its .ics to the members), and an answer to the partner's
  // signal (a mail to her). Without SMTP_URL the sender keeps them in the local outbox.
  events += await seedDemoNotifications(commands, workingGroupId, partnerIds[0]!, as);
  deps.log(
    `demo created in ${((Date.now() - started) / 1000).toFixed(1)} s: the Bruges plan (${report.stats.themes} themes, ` +
      `${report.stats.goals} goals, ${report.stats.actions} actions), ${partnerIds.length} partners, ${events} changes. ` +
      `Log in as ${DEMO_USERS.map((u) => u.email).join(', ')} with the password "demo"`,
  );
  return { created: true, users, partnerIds, planId, events };
}

/** A Brussels wall-clock time as an ISO string with its offset (+01:00 in winter, +02:00 in summer). */
function brusselsTime(date: string, hour: number): string {
  const noonUtc = new Date(`${date}T12:00:00Z`);
  const brusselsHour = Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Brussels',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(noonUtc),
  );
  const offset = brusselsHour - 12;
  return `${date}T${String(hour).padStart(2, '0')}:00:00+0${offset}:00`;
}

/** The next meeting of the demo group (in two weeks, 14:00) and a partner's signal that got an answer. */
async function seedDemoNotifications(
  commands: CommandService,
  workingGroupId: string,
  partnerId: string,
  as: (role: UserRole) => CommandContext,
): Promise<number> {
  const meetingId = randomUUID();
  const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
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
  const signalId = randomUUID();
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

async function planState(commands: CommandService, planId: string) {
  const { state } = await loadAggregate(commands.store, planDecider, planId, DEMO_TENANT_ID);
  if (state.status !== 'active') throw new Error('the demo plan was not created');
  return state;
}
