import { randomUUID } from 'node:crypto';
import {
  actionStreamId,
  partnerStreamId,
  planStreamId,
  tenantStreamId,
  userStreamId,
  workingGroupStreamId,
  type ActionEvent,
  type ActionStatus,
  type DomainEvent,
  type PartnerEvent,
  type PlanEvent,
  type TenantEvent,
  type UserEvent,
  type UserRole,
  type WorkingGroupEvent,
  type WorkingGroupRole,
} from '#domain';
import {
  START,
  toPosition,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type Position,
} from '#event-store';

/** Appends valid domain events for one tenant, as the command handlers would (tests only). */
export class Scenario {
  private clock = Date.parse('2026-01-05T09:00:00.000Z');
  meetingId: string | null = null;
  last: Position | null = null;

  constructor(
    readonly store: EventStore,
    readonly tenantId: string,
    public actorId = 'user-coordinator',
  ) {}

  newEvent(event: DomainEvent): NewEvent {
    this.clock += 60_000;
    return {
      id: randomUUID(),
      type: event.type,
      data: event.data,
      metadata: {
        actorId: this.actorId,
        tenantId: this.tenantId,
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: new Date(this.clock).toISOString(),
        ...(this.meetingId ? { meetingId: this.meetingId } : {}),
      },
    };
  }

  async append(streamId: string, ...events: DomainEvent[]): Promise<AppendResult> {
    const result = await this.store.appendToStream(
      streamId,
      events.map((event) => this.newEvent(event)),
      'any',
    );
    this.last = result.position;
    return result;
  }

  plan(planId: string, event: PlanEvent): Promise<AppendResult> {
    return this.append(planStreamId(planId), event);
  }

  action(actionId: string, event: ActionEvent): Promise<AppendResult> {
    return this.append(actionStreamId(actionId), event);
  }

  partner(partnerId: string, event: PartnerEvent): Promise<AppendResult> {
    return this.append(partnerStreamId(partnerId), event);
  }

  tenant(event: TenantEvent): Promise<AppendResult> {
    return this.append(tenantStreamId(event.data.tenantId), event);
  }

  user(userId: string, event: UserEvent): Promise<AppendResult> {
    return this.append(userStreamId(userId), event);
  }

  workingGroup(workingGroupId: string, event: WorkingGroupEvent): Promise<AppendResult> {
    return this.append(workingGroupStreamId(workingGroupId), event);
  }

  registerUser(
    userId: string,
    name: string,
    role: UserRole,
    partnerId: string | null = null,
  ): Promise<AppendResult> {
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${this.tenantId}.example`;
    return this.user(userId, {
      type: 'UserRegistered',
      data: { userId, email, name, role, partnerId, demo: false },
    });
  }

  createWorkingGroup(
    workingGroupId: string,
    planId: string,
    name: string,
    scope: { themeIds?: string[]; actionIds?: string[] },
  ): Promise<AppendResult> {
    return this.workingGroup(workingGroupId, {
      type: 'WorkingGroupCreated',
      data: {
        workingGroupId,
        planId,
        name,
        description: `${name} (description)`,
        scope: { themeIds: scope.themeIds ?? [], actionIds: scope.actionIds ?? [] },
      },
    });
  }

  addMember(
    workingGroupId: string,
    userId: string,
    role: WorkingGroupRole = 'member',
    partnerId: string | null = null,
  ): Promise<AppendResult> {
    return this.workingGroup(workingGroupId, {
      type: 'WorkingGroupMemberAdded',
      data: { workingGroupId, userId, partnerId, role },
    });
  }

  registerPartner(partnerId: string, name: string): Promise<AppendResult> {
    return this.partner(partnerId, {
      type: 'PartnerRegistered',
      data: { partnerId, name, kind: 'non_profit' },
    });
  }

  createPlan(planId: string, title: string): Promise<AppendResult> {
    return this.plan(planId, {
      type: 'PlanCreated',
      data: {
        planId,
        title,
        description: `${title} (description)`,
        periodStart: '2025-01-01',
        periodEnd: '2030-12-31',
      },
    });
  }

  addTheme(planId: string, themeId: string, code: string, title: string): Promise<AppendResult> {
    return this.plan(planId, {
      type: 'ThemeAdded',
      data: { planId, themeId, code, title, leadPartnerId: null },
    });
  }

  addGoal(
    planId: string,
    goalId: string,
    parentId: string,
    code: string,
    title: string,
  ): Promise<AppendResult> {
    return this.plan(planId, { type: 'GoalAdded', data: { planId, goalId, parentId, code, title } });
  }

  async addAction(
    planId: string,
    goalId: string,
    actionId: string,
    code: string,
    title: string,
    extra: { description?: string; tags?: string[]; citizenIdea?: boolean } = {},
  ): Promise<AppendResult> {
    await this.plan(planId, { type: 'ActionPlaced', data: { planId, actionId, goalId, code } });
    return this.action(actionId, {
      type: 'ActionAdded',
      data: {
        actionId,
        planId,
        goalId,
        code,
        title,
        description: extra.description ?? `${title}: what we will do`,
        tags: extra.tags ?? [],
        citizenIdea: extra.citizenIdea ?? false,
      },
    });
  }

  setStatus(
    actionId: string,
    from: ActionStatus,
    to: ActionStatus,
    reason: string | null = null,
  ): Promise<AppendResult> {
    return this.action(actionId, { type: 'ActionStatusChanged', data: { actionId, from, to, reason } });
  }

  setOwner(actionId: string, from: string | null, to: string | null): Promise<AppendResult> {
    return this.action(actionId, { type: 'ActionOwnerChanged', data: { actionId, from, to } });
  }

  addPartner(actionId: string, partnerId: string): Promise<AppendResult> {
    return this.action(actionId, { type: 'ActionPartnerAdded', data: { actionId, partnerId } });
  }

  note(actionId: string, text: string): Promise<AppendResult> {
    return this.action(actionId, {
      type: 'ActionNoteAdded',
      data: { actionId, noteId: randomUUID(), text, correctsNoteId: null },
    });
  }

  signal(actionId: string, partnerId: string | null, text: string): Promise<AppendResult> {
    return this.action(actionId, {
      type: 'ActionSignalRecorded',
      data: {
        actionId,
        signalId: randomUUID(),
        partnerId,
        source: partnerId ? null : 'adviesraad',
        text,
        urgency: 'normal',
      },
    });
  }

  progress(actionId: string, from: number | null, to: number): Promise<AppendResult> {
    return this.action(actionId, {
      type: 'ActionProgressReported',
      data: { actionId, from, to, comment: null },
    });
  }

  dueDate(actionId: string, from: string | null, to: string | null): Promise<AppendResult> {
    return this.action(actionId, { type: 'ActionDueDateChanged', data: { actionId, from, to } });
  }
}

/**
 * A small but complete plan for one tenant: two themes, goals on two levels, six actions in various states,
 * three partners (one renamed). Returns the ids the assertions use.
 */
export async function seedPlan(s: Scenario, prefix: string) {
  const id = (name: string): string => `${prefix}-${name}`;
  const ids = {
    plan: id('plan'),
    themeWork: id('theme-work'),
    themeCare: id('theme-care'),
    goalJobs: id('goal-jobs'),
    goalJobsYoung: id('goal-jobs-young'),
    goalCare: id('goal-care'),
    a1: id('a1'),
    a2: id('a2'),
    a3: id('a3'),
    a10: id('a10'),
    a4: id('a4'),
    archived: id('archived'),
    ocmw: id('ocmw'),
    vdab: id('vdab'),
    buurt: id('buurt'),
  };
  await s.registerPartner(ids.ocmw, 'OCMW');
  await s.registerPartner(ids.vdab, 'VDAB');
  await s.registerPartner(ids.buurt, 'Buurtwerk');
  await s.createPlan(ids.plan, `Plan ${prefix}`);
  await s.addTheme(ids.plan, ids.themeWork, '1', 'Work');
  await s.addTheme(ids.plan, ids.themeCare, '2', 'Care');
  await s.addGoal(ids.plan, ids.goalJobs, ids.themeWork, '1.1', 'More jobs');
  await s.addGoal(ids.plan, ids.goalJobsYoung, ids.goalJobs, '1.1.A', 'Jobs for young people');
  await s.addGoal(ids.plan, ids.goalCare, ids.themeCare, '2.1', 'Care at home');
  await s.addAction(ids.plan, ids.goalJobs, ids.a1, '1.1.1', 'Job fair', { tags: ['work', 'youth'] });
  await s.addAction(ids.plan, ids.goalJobs, ids.a10, '1.1.10', 'Mentoring programme', { tags: ['work'] });
  await s.addAction(ids.plan, ids.goalJobs, ids.a2, '1.1.2', 'Language coaching', { citizenIdea: true });
  await s.addAction(ids.plan, ids.goalJobsYoung, ids.a3, '1.1.A.1', 'Summer jobs', { tags: ['youth'] });
  await s.addAction(ids.plan, ids.goalCare, ids.a4, '2.1.1', 'Home care rounds', {
    description: 'Visits to elderly residents living ALONE',
  });
  await s.addAction(ids.plan, ids.goalCare, ids.archived, '2.1.2', 'Dropped idea');

  await s.setStatus(ids.a1, 'not_started', 'in_progress');
  await s.setOwner(ids.a1, null, ids.ocmw);
  await s.addPartner(ids.a1, ids.vdab);
  await s.progress(ids.a1, null, 40);
  await s.dueDate(ids.a1, null, '2026-03-01');
  await s.note(ids.a1, 'Venue booked');
  await s.signal(ids.a1, ids.buurt, 'Residents ask for an evening session');
  await s.action(ids.a1, {
    type: 'ActionTitleChanged',
    data: { actionId: ids.a1, from: 'Job fair', to: 'Spring job fair' },
  });

  await s.setStatus(ids.a2, 'not_started', 'in_progress');
  await s.setStatus(ids.a2, 'in_progress', 'realised', 'done in March');
  await s.setOwner(ids.a2, null, ids.vdab);
  await s.dueDate(ids.a2, null, '2026-01-10');

  await s.setOwner(ids.a3, null, ids.ocmw);
  await s.dueDate(ids.a3, null, '2026-12-31');
  await s.addPartner(ids.a3, ids.buurt);

  await s.setStatus(ids.a4, 'not_started', 'postponed', 'no budget');
  await s.dueDate(ids.a4, null, '2025-12-01');
  s.meetingId = `${prefix}-meeting-1`;
  await s.signal(ids.a4, null, 'Council worried');
  await s.signal(ids.a4, ids.buurt, 'Long waiting lists');
  s.meetingId = null;

  await s.action(ids.archived, {
    type: 'ActionArchived',
    data: { actionId: ids.archived, reason: 'merged into 2.1.1' },
  });
  await s.plan(ids.plan, {
    type: 'ActionUnplaced',
    data: { planId: ids.plan, actionId: ids.archived, reason: 'archived' },
  });

  await s.partner(ids.buurt, {
    type: 'PartnerRenamed',
    data: { partnerId: ids.buurt, from: 'Buurtwerk', to: 'Buurtwerk vzw' },
  });
  return ids;
}

/**
 * The position of the last event written, read from the table itself: unlike `headPosition()` it does not
 * wait for the watermark, which a transaction in another database of the same server can hold back.
 */
export async function lastWrittenPosition(db: {
  query(text: string): Promise<{ rows: { tx_id: string; seq: string }[] }>;
}): Promise<Position> {
  const { rows } = await db.query(
    `select e.tx_id::text as tx_id, e.seq::text as seq from events e order by e.tx_id desc, e.seq desc limit 1`,
  );
  return rows[0] ? toPosition(rows[0].tx_id, rows[0].seq) : START;
}

/** Runs `catchUp` until every projection has applied everything written so far. */
export async function catchUpFully(
  runner: { catchUp(): Promise<Position> },
  db: Parameters<typeof lastWrittenPosition>[0],
  timeoutMs = 20_000,
): Promise<Position> {
  const target = await lastWrittenPosition(db);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reached = await runner.catchUp();
    if (reached >= target) return reached;
    if (Date.now() > deadline) throw new Error(`catch-up stuck at ${reached}, last event at ${target}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
