/**
 * The multi-tenant log of `npm run bench:scale`, written with COPY (not through the command path): per tenant
 * a plan like Bruges' (8 themes, 5 goals each with 2 sub-goals, ACTIONS actions), 30 partner organisations,
 * 20 users, 6 working groups with 8 members each, then five years of changes in 20 periods: action changes
 * (status, lead, partners, notes, progress, due dates, signals recorded, titles, tags), working-group meetings
 * (scheduled, started, attendance, agenda, decisions, a next step, ended) and signals from partners
 * (submitted, acknowledged, answered or put on a meeting's agenda, closed). The tenants interleave in the log
 * as they would in production (period by period). Deterministic (seeded), sizes are parameters.
 *
 * Every event carries its hash as `append_to_stream` would write it (docs/audit.md): the content digest and the
 * chain hash from `#event-store`'s own functions, over the position the row gets (the COPY's transaction id and
 * a block of `seq` values reserved from the table's sequence) and its recorded time; each stream's head hash
 * and last transaction go into `streams`. `verify` therefore passes on a generated log.
 */
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  ACTION_STATUS_TRANSITIONS,
  actionStreamId,
  indicatorStreamId,
  meetingStreamId,
  partnerStreamId,
  periodStreamId,
  planStreamId,
  signalStreamId,
  tenantStreamId,
  userStreamId,
  workingGroupStreamId,
  type ActionStatus,
  type DomainEvent,
} from '../../libs/domain/src/index.js';
import { chainHash, contentDigest, toPosition } from '../../libs/event-store/src/index.js';
import { random } from './rebuild-timing.js';

export interface LogShape {
  events: number;
  tenants: number;
  actionsPerTenant: number;
}

/** what the benchmark needs to know about each tenant to read it afterwards */
export interface TenantFacts {
  tenantId: string;
  planId: string;
  themeIds: string[];
  actionIds: string[];
  partnerIds: string[];
  userIds: string[];
}

interface ActionLife {
  id: string;
  stream: string;
  code: string;
  status: ActionStatus;
  owner: string | null;
  partners: string[];
  progress: number | null;
  due: string | null;
  title: string;
  tags: string[];
}

/** a stream as the generator writes it: its version so far, and (once copied) its head hash and last writer */
interface StreamHead {
  version: number;
  tenantId: string;
  hash: string | null;
  lastTx: string | null;
}

/** one event waiting for its COPY, which gives it its position and chain hash */
interface PendingEvent {
  stream: StreamHead;
  streamId: string;
  version: number;
  /** the CSV fields after `version` and `event_id`: type, data, metadata, tenant_id, recorded_at */
  fields: string;
  /** the recorded time as readers see it (ISO, UTC, milliseconds): what the hash covers */
  at: string;
  content: string;
}

interface Tenant extends TenantFacts {
  lives: ActionLife[];
  groups: { id: string; members: string[] }[];
  /** indicators on the first themes, measured every period */
  indicators: { id: string; stream: string; value: number }[];
}

const FIVE_YEARS_MS = 5 * 365 * 86_400_000;
const START_MS = Date.parse('2021-01-04T08:00:00.000Z');
const PERIODS = 20;
const PARTNERS = 30;
const USERS = 20;
const GROUPS = 6;
const MEMBERS = 8;
const EVENTS_PER_MEETING = 17;
const EVENTS_PER_SIGNAL = 4;
/** rows per COPY transaction (all of one COPY share its transaction id; order within is `seq`) */
const ROWS_PER_COPY = 100_000;

const csv = (value: string): string => `"${value.replaceAll('"', '""')}"`;

/**
 * Generates the log into `events` and `streams` (which must be empty). Answers the tenants, to read them
 * afterwards, and the number of events written.
 */
export async function generateLog(
  pool: pg.Pool,
  shape: LogShape,
  log: (line: string) => void,
): Promise<{ tenants: TenantFacts[]; written: number }> {
  const rnd = random(19);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const streams = new Map<string, StreamHead>();
  let rows: PendingEvent[] = [];
  let written = 0;
  let clock = START_MS;

  /** one COPY runs while the next chunk is generated */
  let copying: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    if (rows.length === 0) return;
    const chunk = rows;
    rows = [];
    await copying;
    copying = copy(chunk);
  };
  const copy = async (chunk: PendingEvent[]): Promise<void> => {
    const client = await pool.connect();
    try {
      await client.query('begin; set local synchronous_commit = off');
      // the positions the rows get: this transaction's id and a block of the sequence's values, reserved here
      // (the generator is the only writer: nothing else takes values from the sequence meanwhile)
      const { rows: ids } = await client.query<{ tx: string; first: string }>(
        `select pg_current_xact_id()::text as tx, nextval(pg_get_serial_sequence('events', 'seq'))::text as first`,
      );
      const { tx, first } = ids[0]!;
      await client.query(`select setval(pg_get_serial_sequence('events', 'seq'), $1::bigint)`, [
        (BigInt(first) + BigInt(chunk.length - 1)).toString(),
      ]);
      let seq = BigInt(first);
      const lines = chunk.map((event) => {
        const hash = chainHash({
          prev: event.stream.hash,
          position: toPosition(tx, seq),
          stream: event.streamId,
          version: event.version,
          time: event.at,
          content: event.content,
        });
        event.stream.hash = hash;
        event.stream.lastTx = tx;
        return `${tx},${seq++},${csv(event.streamId)},${event.version},${randomUUID()},${event.fields},${hash}\n`;
      });
      await pipeline(
        Readable.from(lines, { objectMode: false }),
        client.query(
          copyFrom(
            `copy events (tx_id, seq, stream_id, version, event_id, type, data, metadata, tenant_id, recorded_at, hash) from stdin with (format csv)`,
          ),
        ),
      );
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };

  const emit = async (
    tenant: Tenant,
    streamId: string,
    event: DomainEvent,
    extra: Record<string, unknown> = {},
  ): Promise<void> => {
    const stream = streams.get(streamId) ?? {
      version: 0,
      tenantId: tenant.tenantId,
      hash: null,
      lastTx: null,
    };
    stream.version++;
    streams.set(streamId, stream);
    const at = new Date(clock).toISOString();
    const metadata = {
      actorId: pick(tenant.userIds),
      tenantId: tenant.tenantId,
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: at,
      ...extra,
    };
    rows.push({
      stream,
      streamId,
      version: stream.version,
      fields: `${csv(event.type)},${csv(JSON.stringify(event.data))},${csv(JSON.stringify(metadata))},${csv(tenant.tenantId)},${at}`,
      at,
      content: contentDigest(event.type, event.data, metadata),
    });
    written++;
    if (rows.length >= ROWS_PER_COPY) await flush();
    // let the running COPY write to its socket
    else if (written % 2_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  };

  // --- every tenant's set-up: tenant, users, partners, plan, actions, working groups
  const tenants: Tenant[] = [];
  for (let index = 0; index < shape.tenants; index++) {
    const tenantId = `city-${String(index + 1).padStart(3, '0')}`;
    const tenant: Tenant = {
      tenantId,
      planId: randomUUID(),
      themeIds: [],
      actionIds: [],
      partnerIds: Array.from({ length: PARTNERS }, () => randomUUID()),
      userIds: Array.from({ length: USERS }, () => randomUUID()),
      lives: [],
      groups: [],
      indicators: [],
    };
    tenants.push(tenant);
    clock = START_MS + Math.floor(rnd() * 86_400_000 * 30);
    await emit(tenant, tenantStreamId(tenantId), {
      type: 'TenantCreated',
      data: { tenantId, name: `Gemeente ${index + 1}`, demo: false },
    });
    for (const [u, userId] of tenant.userIds.entries()) {
      await emit(tenant, userStreamId(userId), {
        type: 'UserRegistered',
        data: {
          userId,
          email: `user-${u}@${tenantId}.test`,
          name: `Gebruiker ${u} van ${tenantId}`,
          role: u < 3 ? 'coordinator' : u < 16 ? 'member' : 'partner',
          partnerId: u >= 16 ? pick(tenant.partnerIds) : null,
          demo: false,
        },
      });
    }
    for (const [p, partnerId] of tenant.partnerIds.entries()) {
      await emit(tenant, partnerStreamId(partnerId), {
        type: 'PartnerRegistered',
        data: {
          partnerId,
          name: `Organisatie ${p}`,
          kind: pick(['city', 'non_profit', 'public_body'] as const),
        },
      });
    }
    const planId = tenant.planId;
    const plan = planStreamId(planId);
    await emit(tenant, plan, {
      type: 'PlanCreated',
      data: {
        planId,
        title: 'Lokaal sociaal beleidsplan 2021-2025',
        description: 'Meerjarenplan',
        periodStart: '2021-01-01',
        periodEnd: '2025-12-31',
      },
    });
    const goals: string[] = [];
    for (let t = 1; t <= 8; t++) {
      const themeId = randomUUID();
      tenant.themeIds.push(themeId);
      await emit(tenant, plan, {
        type: 'ThemeAdded',
        data: { planId, themeId, code: `${t}`, title: `Thema ${t}`, leadPartnerId: pick(tenant.partnerIds) },
      });
      for (let g = 1; g <= 5; g++) {
        const goalId = randomUUID();
        await emit(tenant, plan, {
          type: 'GoalAdded',
          data: { planId, goalId, parentId: themeId, code: `${t}.${g}`, title: `Doel ${t}.${g}` },
        });
        for (let s = 1; s <= 2; s++) {
          const subId = randomUUID();
          await emit(tenant, plan, {
            type: 'GoalAdded',
            data: {
              planId,
              goalId: subId,
              parentId: goalId,
              code: `${t}.${g}.${s}`,
              title: `Subdoel ${t}.${g}.${s}`,
            },
          });
          goals.push(subId);
        }
      }
    }
    for (let a = 0; a < shape.actionsPerTenant; a++) {
      const goalIndex = a % goals.length;
      const goalId = goals[goalIndex]!;
      const code = `${Math.floor(goalIndex / 10) + 1}.${Math.floor((goalIndex % 10) / 2) + 1}.${(goalIndex % 2) + 1}.${Math.floor(a / goals.length) + 1}`;
      const id = randomUUID();
      await emit(tenant, plan, { type: 'ActionPlaced', data: { planId, actionId: id, goalId, code } });
      const life: ActionLife = {
        id,
        stream: actionStreamId(id),
        code,
        status: 'not_started',
        owner: null,
        partners: [],
        progress: null,
        due: null,
        title: `Actie ${code}`,
        tags: [],
      };
      await emit(tenant, life.stream, {
        type: 'ActionAdded',
        data: {
          actionId: id,
          planId,
          goalId,
          code,
          title: life.title,
          description: `Wat actie ${code} doet, in een paar zinnen gewone tekst voor de zoekfunctie.`,
          tags: rnd() < 0.5 ? ['armoede'] : [],
          citizenIdea: rnd() < 0.1,
        },
      });
      tenant.lives.push(life);
      tenant.actionIds.push(id);
    }
    for (let g = 0; g < GROUPS; g++) {
      const workingGroupId = randomUUID();
      const members = Array.from({ length: MEMBERS }, (_, m) => tenant.userIds[(g * 3 + m) % USERS]!);
      await emit(tenant, workingGroupStreamId(workingGroupId), {
        type: 'WorkingGroupCreated',
        data: {
          workingGroupId,
          planId,
          name: `Werkgroep ${g + 1}`,
          description: 'Werkgroep van het lokaal sociaal beleid',
          scope: { themeIds: [tenant.themeIds[g % 8]!, tenant.themeIds[(g + 6) % 8]!], actionIds: [] },
        },
      });
      for (const [m, userId] of [...new Set(members)].entries()) {
        await emit(tenant, workingGroupStreamId(workingGroupId), {
          type: 'WorkingGroupMemberAdded',
          data: {
            workingGroupId,
            userId,
            partnerId: null,
            role: m === 0 ? 'chair' : m === 1 ? 'secretary' : 'member',
          },
        });
      }
      tenant.groups.push({ id: workingGroupId, members: [...new Set(members)] });
    }
  }
  for (const tenant of tenants) await defineIndicators(tenant);
  log(`  set-up of ${shape.tenants} tenants: ${written} events`);

  // --- five years of changes, period by period, the tenants interleaved
  const remaining = Math.max(0, shape.events - written);
  const perTenantPeriod = remaining / shape.tenants / PERIODS;
  const meetingsPerPeriod = (perTenantPeriod * 0.15) / EVENTS_PER_MEETING;
  const signalsPerPeriod = (perTenantPeriod * 0.1) / EVENTS_PER_SIGNAL;
  const changesPerPeriod = perTenantPeriod * 0.75;
  const carry = new Map<string, number>();
  const due = (key: string, amount: number): number => {
    const total = (carry.get(key) ?? 0) + amount;
    const whole = Math.floor(total);
    carry.set(key, total - whole);
    return whole;
  };
  for (let period = 0; period < PERIODS; period++) {
    const periodStart = START_MS + (period * FIVE_YEARS_MS) / PERIODS;
    for (const tenant of tenants) {
      const tick = FIVE_YEARS_MS / PERIODS / Math.max(1, perTenantPeriod);
      clock = periodStart;
      const step = (): void => {
        clock += Math.floor(tick * (0.5 + rnd()));
      };
      const meetings: string[] = [];
      for (let m = due(`${tenant.tenantId}:m`, meetingsPerPeriod); m > 0; m--) {
        step();
        const meetingId = randomUUID();
        meetings.push(meetingId);
        await writeMeeting(tenant, meetingId, pick(tenant.groups));
      }
      for (let s = due(`${tenant.tenantId}:s`, signalsPerPeriod); s > 0; s--) {
        step();
        await writeSignal(tenant, meetings.length > 0 ? pick(meetings) : null);
      }
      for (let c = due(`${tenant.tenantId}:c`, changesPerPeriod); c > 0; c--) {
        step();
        const life = pick(tenant.lives);
        const meetingId = meetings.length > 0 && rnd() < 0.1 ? pick(meetings) : null;
        await emit(tenant, life.stream, change(tenant, life), meetingId ? { meetingId } : {});
      }
      step();
      await writeReporting(tenant, period, periodStart);
    }
    log(`  period ${period + 1}/${PERIODS}: ${written} events`);
  }
  await flush();
  await copying;

  // --- the streams' versions, head hashes and last writers (one COPY)
  const client = await pool.connect();
  try {
    await pipeline(
      Readable.from(
        (function* () {
          for (const [streamId, stream] of streams) {
            yield `${csv(streamId)},${stream.version},${csv(stream.tenantId)},${stream.lastTx},${stream.hash}\n`;
          }
        })(),
      ),
      client.query(
        copyFrom(
          `copy streams (stream_id, version, tenant_id, last_tx_id, head_hash) from stdin with (format csv)`,
        ),
      ),
    );
  } finally {
    client.release();
  }
  return { tenants, written };

  /** two indicators per tenant, on its first themes, with a target per year of the plan */
  async function defineIndicators(tenant: Tenant) {
    for (const [index, themeId] of tenant.themeIds.slice(0, 2).entries()) {
      const indicatorId = randomUUID();
      const stream = indicatorStreamId(indicatorId);
      const base = 100 + index * 50;
      await emit(tenant, stream, {
        type: 'IndicatorDefined',
        data: {
          indicatorId,
          planId: tenant.planId,
          nodeId: themeId,
          nodeKind: 'theme',
          name: index === 0 ? 'Gezinnen met huurachterstal begeleid' : 'Wachttijd begeleiding (dagen)',
          unit: index === 0 ? 'gezinnen' : 'dagen',
          direction: index === 0 ? 'higher_is_better' : 'lower_is_better',
          baselineValue: base,
          baselineYear: 2020,
          attentionMarginPct: 10,
        },
      });
      for (let year = 2021; year <= 2025; year++) {
        const step = (year - 2020) * 10;
        await emit(tenant, stream, {
          type: 'IndicatorTargetSet',
          data: {
            indicatorId,
            planId: tenant.planId,
            year,
            from: null,
            to: index === 0 ? base + step : base - step,
          },
        });
      }
      tenant.indicators.push({ id: indicatorId, stream, value: base });
    }
  }

  /**
   * Each period a measurement per indicator; every second period (a half-year) a reporting period: opened,
   * an update round over a few actions, some updates, the actions frozen at the close, closed.
   */
  async function writeReporting(tenant: Tenant, period: number, periodStart: number) {
    const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
    for (const indicator of tenant.indicators) {
      indicator.value = Math.max(0, Math.round(indicator.value + (rnd() - 0.4) * 10));
      await emit(tenant, indicator.stream, {
        type: 'IndicatorMeasurementRecorded',
        data: {
          indicatorId: indicator.id,
          planId: tenant.planId,
          measurementId: randomUUID(),
          value: indicator.value,
          date: day(clock),
          source: 'OCMW-registratie',
          comment: '',
        },
      });
    }
    if (period % 2 === 0) return;
    const periodId = randomUUID();
    const stream = periodStreamId(periodId);
    const start = day(periodStart - FIVE_YEARS_MS / PERIODS);
    const end = day(clock);
    await emit(tenant, stream, {
      type: 'ReportingPeriodOpened',
      data: { periodId, planId: tenant.planId, kind: 'custom', label: `${start} - ${end}`, start, end },
    });
    const asked = Array.from({ length: 5 }, () => pick(tenant.lives));
    const unique = [...new Map(asked.map((life) => [life.id, life])).values()];
    const roundId = randomUUID();
    await emit(tenant, stream, {
      type: 'UpdateRoundStarted',
      data: {
        periodId,
        roundId,
        deadline: end,
        scope: 'all',
        requests: unique.map((life) => ({ actionId: life.id, leadPartnerId: life.owner })),
      },
    });
    for (const life of unique.slice(0, 3)) {
      await emit(tenant, stream, {
        type: 'PeriodUpdateSubmitted',
        data: {
          periodId,
          actionId: life.id,
          roundId,
          narrative: `Stand van ${life.code}: loopt volgens plan, met de partners besproken.`,
          status: null,
          progress: null,
          afterClose: false,
        },
      });
    }
    for (const life of unique) {
      await emit(tenant, stream, {
        type: 'ReportingPeriodActionFrozen',
        data: {
          periodId,
          action: {
            actionId: life.id,
            code: life.code,
            bbcCode: null,
            title: life.title,
            priority: false,
            path: [],
            status: life.status,
            progress: life.progress,
            dueDate: life.due,
            leadPartnerId: life.owner,
            leadName: null,
            partnerNames: [],
            narrative: null,
            indicators: [],
            changes: [],
            changeCount: 0,
            openSignals: [],
          },
        },
      });
    }
    await emit(tenant, stream, {
      type: 'ReportingPeriodClosed',
      data: {
        periodId,
        planId: tenant.planId,
        asOf: new Date(clock).toISOString(),
        position: null,
        actionCount: unique.length,
        checkpoint: null,
      },
    });
  }

  async function writeMeeting(tenant: Tenant, meetingId: string, group: { id: string; members: string[] }) {
    const stream = meetingStreamId(meetingId);
    const startsAt = new Date(clock + 7 * 86_400_000).toISOString();
    const m = { meetingId } as const;
    await emit(tenant, stream, {
      type: 'MeetingScheduled',
      data: {
        meetingId,
        workingGroupId: group.id,
        title: 'Werkgroepvergadering',
        startsAt,
        location: 'Stadhuis',
      },
    });
    await emit(tenant, stream, { type: 'MeetingStarted', data: m });
    for (const userId of group.members.slice(0, 6)) {
      await emit(tenant, stream, {
        type: 'MeetingAttendanceRecorded',
        data: {
          meetingId,
          attendeeId: userId,
          userId,
          guestName: null,
          partnerId: null,
          organisation: null,
          status: rnd() < 0.85 ? 'present' : 'excused',
          from: null,
        },
      });
    }
    const items: string[] = [];
    for (let i = 0; i < 4; i++) {
      const itemId = randomUUID();
      items.push(itemId);
      const actionId = pick(tenant.actionIds);
      await emit(tenant, stream, {
        type: 'MeetingAgendaItemAdded',
        data: {
          meetingId,
          itemId,
          kind: 'action',
          refId: actionId,
          title: `Opvolging actie ${i + 1}`,
          notes: null,
        },
      });
    }
    for (let d = 0; d < 2; d++) {
      await emit(tenant, stream, {
        type: 'MeetingDecisionRecorded',
        data: {
          meetingId,
          decisionId: randomUUID(),
          text: 'De werkgroep beslist de actie verder op te volgen.',
          actionIds: [pick(tenant.actionIds)],
          agendaItemId: items[d]!,
        },
      });
    }
    await emit(tenant, stream, {
      type: 'MeetingNextStepRecorded',
      data: {
        meetingId,
        nextStepId: randomUUID(),
        text: 'Voorstel uitwerken tegen de volgende vergadering.',
        ownerUserId: group.members[0]!,
        ownerPartnerId: null,
        dueDate: startsAt.slice(0, 10),
        linkedActionId: null,
      },
    });
    await emit(tenant, stream, { type: 'MeetingEnded', data: m });
  }

  async function writeSignal(tenant: Tenant, meetingId: string | null) {
    const signalId = randomUUID();
    const stream = signalStreamId(signalId);
    await emit(tenant, stream, {
      type: 'SignalSubmitted',
      data: {
        signalId,
        partnerId: pick(tenant.partnerIds),
        source: 'OCMW',
        text: 'Signaal van het terrein: wachtlijsten worden langer.',
        urgency: pick(['low', 'normal', 'high'] as const),
        themeIds: [pick(tenant.themeIds)],
        actionIds: rnd() < 0.6 ? [pick(tenant.actionIds)] : [],
      },
    });
    await emit(tenant, stream, { type: 'SignalAcknowledged', data: { signalId } });
    if (meetingId && rnd() < 0.4) {
      await emit(tenant, stream, { type: 'SignalPutOnAgenda', data: { signalId, meetingId } });
    } else {
      await emit(tenant, stream, {
        type: 'SignalAnswered',
        data: { signalId, response: 'Opgenomen in de actie.' },
      });
    }
    await emit(tenant, stream, { type: 'SignalClosed', data: { signalId, answered: true, reason: null } });
  }

  function change(tenant: Tenant, life: ActionLife): DomainEvent {
    const actionId = life.id;
    const roll = rnd();
    if (roll < 0.12) {
      const choices = ACTION_STATUS_TRANSITIONS[life.status];
      if (choices.length > 0) {
        const to = pick(choices);
        const event: DomainEvent = {
          type: 'ActionStatusChanged',
          data: { actionId, from: life.status, to, reason: rnd() < 0.3 ? 'beslist in de werkgroep' : null },
        };
        life.status = to;
        return event;
      }
    }
    if (roll < 0.2) {
      const to = pick(tenant.partnerIds.filter((p) => p !== life.owner));
      const event: DomainEvent = { type: 'ActionOwnerChanged', data: { actionId, from: life.owner, to } };
      life.owner = to;
      return event;
    }
    if (roll < 0.3) {
      if (life.partners.length > 3 || (life.partners.length > 0 && rnd() < 0.3)) {
        const partnerId = pick(life.partners);
        life.partners = life.partners.filter((p) => p !== partnerId);
        return { type: 'ActionPartnerRemoved', data: { actionId, partnerId } };
      }
      const partnerId = pick(tenant.partnerIds.filter((p) => !life.partners.includes(p)));
      life.partners.push(partnerId);
      return { type: 'ActionPartnerAdded', data: { actionId, partnerId } };
    }
    if (roll < 0.55) {
      return {
        type: 'ActionNoteAdded',
        data: {
          actionId,
          noteId: randomUUID(),
          text: `Verslag ${Math.floor(rnd() * 1e6)}: voortgang en volgende stappen besproken.`,
          correctsNoteId: null,
        },
      };
    }
    if (roll < 0.7) {
      const to = Math.min(100, (life.progress ?? 0) + Math.ceil(rnd() * 10));
      const event: DomainEvent = {
        type: 'ActionProgressReported',
        data: { actionId, from: life.progress, to, comment: rnd() < 0.5 ? 'op schema' : null },
      };
      life.progress = to;
      return event;
    }
    if (roll < 0.78) {
      const to = `202${1 + Math.floor(rnd() * 5)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
      const event: DomainEvent = { type: 'ActionDueDateChanged', data: { actionId, from: life.due, to } };
      life.due = to;
      return event;
    }
    if (roll < 0.9) {
      return {
        type: 'ActionSignalRecorded',
        data: {
          actionId,
          signalId: randomUUID(),
          partnerId: rnd() < 0.7 ? pick(tenant.partnerIds) : null,
          source: 'adviesraad',
          text: 'Een signaal van het terrein',
          urgency: pick(['low', 'normal', 'high'] as const),
        },
      };
    }
    if (roll < 0.95) {
      const to = `${life.title.split(' (')[0]} (herzien ${Math.floor(rnd() * 100)})`;
      const event: DomainEvent = { type: 'ActionTitleChanged', data: { actionId, from: life.title, to } };
      life.title = to;
      return event;
    }
    const to = rnd() < 0.5 ? ['armoede', 'wonen'] : ['jongeren'];
    const event: DomainEvent = { type: 'ActionTagsChanged', data: { actionId, from: life.tags, to } };
    life.tags = to;
    return event;
  }
}
