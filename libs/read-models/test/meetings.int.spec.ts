import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { meetingStreamId, type MeetingEvent } from '#domain';
import { PostgresEventStore, runEventStoreMigrations } from '#event-store';
import {
  createProjectionRunner,
  getMeeting,
  getMeetingMinutes,
  listMeetings,
  listMinutesRevisions,
  renderMinutes,
  runReadModelMigrations,
  type ProjectionRunner,
} from '#read-models';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { Scenario, catchUpFully, seedPlan } from './scenario.js';

type PlanIds = Awaited<ReturnType<typeof seedPlan>>;

/**
 * Two meetings of one group: the first ends with Mia absent; the second corrects that, edits actions live
 * (events tagged with its id), runs a round and decides. Small batches, so one meeting's events and the
 * correction of the other cross batch boundaries.
 */
describe('meeting read models and minutes', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: pg.Pool;
  let runner: ProjectionRunner;
  let s: Scenario;
  let a: PlanIds;
  const meeting = (meetingId: string, event: MeetingEvent) => s.append(meetingStreamId(meetingId), event);
  const present = (
    meetingId: string,
    userId: string,
    status: 'present' | 'absent' = 'present',
  ): MeetingEvent => ({
    type: 'MeetingAttendanceRecorded',
    data: {
      meetingId,
      attendeeId: userId,
      userId,
      guestName: null,
      partnerId: null,
      organisation: null,
      status,
      from: null,
    },
  });

  beforeAll(async () => {
    db = await createTestDatabase('meetings');
    await runEventStoreMigrations(db.url);
    await runReadModelMigrations(db.url);
    store = new PostgresEventStore(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 6 });
    runner = createProjectionRunner({ pool, store, batchSize: 3 });
    s = new Scenario(store, 'tenant-m', 'm-coord');
    await s.tenant({ type: 'TenantCreated', data: { tenantId: 'tenant-m', name: 'Stad M', demo: false } });
    a = await seedPlan(s, 'm');
    await s.registerUser('m-coord', 'Cora Coordinator', 'coordinator');
    await s.registerUser('m-mia', 'Mia Martens', 'member');
    await s.registerUser('m-jo', 'Jo Janssens', 'member');
    await s.createWorkingGroup('m-wg', a.plan, 'Werk', { themeIds: [a.themeWork] });
    await s.addMember('m-wg', 'm-mia');
    await s.addMember('m-wg', 'm-jo', 'chair');

    await meeting('m-1', {
      type: 'MeetingScheduled',
      data: {
        meetingId: 'm-1',
        workingGroupId: 'm-wg',
        title: 'Januari',
        startsAt: '2026-01-13T13:00:00.000Z',
        location: null,
      },
    });
    await meeting('m-1', { type: 'MeetingStarted', data: { meetingId: 'm-1' } });
    await meeting('m-1', present('m-1', 'm-jo'));
    await meeting('m-1', present('m-1', 'm-mia', 'absent'));
    await meeting('m-1', { type: 'MeetingEnded', data: { meetingId: 'm-1' } });

    await meeting('m-2', {
      type: 'MeetingScheduled',
      data: {
        meetingId: 'm-2',
        workingGroupId: 'm-wg',
        title: 'Februari',
        startsAt: '2026-02-10T13:00:00.000Z',
        location: 'Zaal 1',
      },
    });
    await meeting('m-2', {
      type: 'MeetingAgendaItemAdded',
      data: { meetingId: 'm-2', itemId: 'i-1', kind: 'action', refId: a.a1, title: '1.1.1 Job fair' },
    });
    await meeting('m-2', {
      type: 'MeetingMinutesCorrected',
      data: {
        meetingId: 'm-2',
        correctionId: 'c-1',
        correctsMeetingId: 'm-1',
        text: 'Mia was verontschuldigd.',
      },
    });
    await meeting('m-2', { type: 'MeetingStarted', data: { meetingId: 'm-2' } });
    await meeting('m-2', present('m-2', 'm-jo'));
    await meeting('m-2', present('m-2', 'm-mia'));
    s.meetingId = 'm-2';
    s.actorId = 'm-mia';
    await s.setStatus(a.a1, 'in_progress', 'postponed');
    await s.setOwner(a.a1, a.ocmw, a.vdab);
    await s.note(a.a1, 'Wacht op subsidie');
    await s.dueDate(a.a2, null, '2026-06-30');
    s.meetingId = null;
    s.actorId = 'm-coord';
    await s.note(a.a1, 'buiten de vergadering'); // not tagged: not in the minutes
    await meeting('m-2', {
      type: 'MeetingProposalAdded',
      data: {
        meetingId: 'm-2',
        proposalId: 'p-1',
        text: 'Jobbeurs',
        themeId: null,
        actionIds: [],
        proposedBy: 'm-mia',
      },
    });
    await meeting('m-2', {
      type: 'MeetingProposalAdded',
      data: {
        meetingId: 'm-2',
        proposalId: 'p-2',
        text: 'Mentoring',
        themeId: null,
        actionIds: [],
        proposedBy: 'm-jo',
      },
    });
    await meeting('m-2', {
      type: 'MeetingRoundOpened',
      data: { meetingId: 'm-2', roundId: 'r-1', size: 2, ranked: true, proposalIds: ['p-1', 'p-2'] },
    });
    await meeting('m-2', {
      type: 'MeetingBallotSubmitted',
      data: { meetingId: 'm-2', roundId: 'r-1', voterId: 'm-mia', proposalIds: ['p-2'], replaces: false },
    });
    await catchUpFully(runner, pool);
  });

  afterAll(async () => {
    await runner?.stop();
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('lists the meetings of a group, latest first, and nothing for an unknown group or another tenant', async () => {
    const list = await listMeetings(pool, 'tenant-m', 'm-wg');
    expect(list?.items.map((m) => [m.id, m.title, m.status, m.location])).toEqual([
      ['m-2', 'Februari', 'open', 'Zaal 1'],
      ['m-1', 'Januari', 'ended', null],
    ]);
    expect(await listMeetings(pool, 'tenant-m', 'nope')).toBeNull();
    expect(await listMeetings(pool, 'tenant-x', 'm-wg')).toBeNull();
    expect(await getMeeting(pool, 'tenant-x', 'm-2')).toBeNull();
  });

  it('shows the live tally of the open round, with names', async () => {
    const detail = await getMeeting(pool, 'tenant-m', 'm-2');
    expect(detail?.rounds).toEqual([
      expect.objectContaining({
        open: true,
        voters: [{ id: 'm-mia', name: 'Mia Martens', recordedBy: null }],
        method: 'ballots',
        tallyVoters: null,
        ranking: [
          { proposalId: 'p-2', text: 'Mentoring', score: 2, rank: 1 },
          { proposalId: 'p-1', text: 'Jobbeurs', score: 0, rank: 2 },
        ],
      }),
    ]);
    expect(detail?.attendees.map((x) => [x.user?.name, x.status])).toEqual([
      ['Jo Janssens', 'present'],
      ['Mia Martens', 'present'],
    ]);
    expect(detail?.changes.map((c) => [c.actionId, c.field])).toEqual([
      [a.a1, 'status'],
      [a.a1, 'owner'],
      [a.a1, 'notes'],
      [a.a2, 'dueDate'],
    ]);
  });

  it('builds the minutes from the tagged changes, per agenda item and for other actions', async () => {
    const found = await getMeetingMinutes(pool, 'tenant-m', 'm-2');
    const md = renderMinutes(found!.minutes, { format: 'md', names: found!.names }).split('\n');
    expect(md.slice(md.indexOf('## Agenda'), md.indexOf('## Beslissingen'))).toEqual([
      '## Agenda',
      '',
      '### 1. 1.1.1 Spring job fair (actie)',
      '',
      '- Status: lopend → uitgesteld',
      '- Trekker: OCMW → VDAB',
      '- Notitie: Wacht op subsidie',
      '',
      '## Andere wijzigingen aan acties',
      '',
      '### 1.1.2 Language coaching',
      '',
      '- Einddatum: geen → 30/06/2026',
      '',
    ]);
    expect(md).toContain('- Verslag van 13/01/2026 14:00 (Januari): Mia was verontschuldigd.');
  });

  it("keeps a revision per change of the minutes; the correction made a new one of the earlier meeting's", async () => {
    const earlier = await listMinutesRevisions(pool, 'tenant-m', 'm-1');
    expect(earlier?.items.map((r) => [r.revision, r.eventType, r.sourceMeetingId])).toEqual([
      [1, 'MeetingScheduled', 'm-1'],
      [2, 'MeetingStarted', 'm-1'],
      [3, 'MeetingAttendanceRecorded', 'm-1'],
      [4, 'MeetingAttendanceRecorded', 'm-1'],
      [5, 'MeetingEnded', 'm-1'],
      [6, 'MeetingMinutesCorrected', 'm-2'],
    ]);
    const before = await getMeetingMinutes(pool, 'tenant-m', 'm-1', 5);
    const after = await getMeetingMinutes(pool, 'tenant-m', 'm-1');
    expect(before?.minutes.correctedBy).toEqual([]);
    expect(after?.minutes.correctedBy).toEqual([
      { meetingId: 'm-2', text: 'Mia was verontschuldigd.', at: expect.any(String) },
    ]);
    // the untagged note changed nothing in the minutes: no revision for it
    const later = await listMinutesRevisions(pool, 'tenant-m', 'm-2');
    expect(later?.items.filter((r) => r.eventType === 'ActionNoteAdded').map((r) => r.actor.name)).toEqual([
      'Mia Martens',
    ]);
  });

  it('rebuilds to the same minutes and revisions', async () => {
    const revisions = async (): Promise<unknown[]> =>
      (
        await pool.query<Record<string, unknown>>(
          `select meeting_id, revision, position, event_type, minutes from rm_meeting_minutes order by 1, 2`,
        )
      ).rows;
    const before = await revisions();
    await runner.rebuild('meetings');
    expect(await revisions()).toEqual(before);
  });
});
