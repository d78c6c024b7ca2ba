import type { Socket } from 'socket.io-client';
import { belgianToday } from '#domain';
import type { ErasureNotice, LiveClient, LiveEvent } from '#realtime-client';
import type { MeetingDetail, MyUpdateList, PeriodReport } from '#contracts';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import { connectedSocket, emitWithAck, liveClient, settle } from '../support/live.js';

/**
 * Erasing a text where the web app shows it, and everyone's open page following (issue 18; docs/privacy.md
 * "Erasing one text", docs/realtime.md `erased`): the period report and "Mijn updates" name the change that
 * wrote each narrative, a meeting names the change that recorded each correction (also the corrections a later
 * meeting recorded to its minutes), and an erasure is announced to every socket of the tenant as a position
 * alone, once the read models show the marker; after a reconnect's replay too. Another tenant hears nothing,
 * and `ErasureRecorded` itself stays with the coordinators.
 */
let test: TestApi;
let fx: TenantFixture;
let other: TenantFixture;

beforeAll(async () => {
  test = await startTestApi();
  fx = await seedTenant(test, 'inplace');
  other = await seedTenant(test, 'inplace-other');
}, 300_000);

afterAll(async () => {
  await test?.close();
});

const coordinator = () => bearer(fx.users.coordinator.token);

async function post(path: string, body: object, status = 200) {
  const response = await test.http.post(path).set(coordinator()).send(body);
  if (response.status !== status)
    throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; version: number; position: string };
}

async function get<T>(path: string, minPosition?: string, token = fx.users.coordinator.token): Promise<T> {
  const sep = path.includes('?') ? '&' : '?';
  const response = await test.http
    .get(minPosition ? `${path}${sep}minPosition=${minPosition}` : path)
    .set(bearer(token));
  if (response.status !== 200)
    throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as T;
}

const waitFor = (position: string) =>
  test.api.runtime.runner.waitForPosition(position, { timeoutMs: 20_000 });

const eraseText = (aggregate: string, aggregateId: string, version: number) =>
  post('/api/erasures', { kind: 'text', aggregate, aggregateId, version, legalGround: 'objection' }, 201);

describe("a period's narratives name the change that wrote them", () => {
  const year = Number(belgianToday(new Date()).slice(0, 4));
  let periodId = '';
  let actionId = '';
  let otherActionId = '';

  const reportActions = async (minPosition: string) =>
    (
      await get<PeriodReport>(`/api/plans/${fx.planId}/reports/${periodId}?scope=all`, minPosition)
    ).groups.flatMap((group) => group.actions);

  it('in the live report and in "Mijn updates": the latest update\'s version', async () => {
    actionId = await fx.newAction();
    otherActionId = await fx.newAction();
    periodId = (await post(`/api/plans/${fx.planId}/periods`, { kind: 'year', year }, 201)).id;
    const path = `/api/plans/${fx.planId}/periods/${periodId}`;
    await post(`${path}/rounds`, { deadline: `${year}-12-31`, scope: 'all' }, 201);
    await post(`${path}/updates`, { actionId, narrative: 'Eerste versie' });
    const latest = await post(`${path}/updates`, { actionId, narrative: 'Mevrouw Els Vermeulen verhuisde' });
    const kept = await post(`${path}/updates`, { actionId: otherActionId, narrative: 'Acht woningen' });
    await waitFor(kept.position);

    const actions = await reportActions(kept.position);
    expect(actions.find((a) => a.actionId === actionId)).toMatchObject({
      narrative: 'Mevrouw Els Vermeulen verhuisde',
      narrativeVersion: latest.version,
    });
    expect(actions.find((a) => a.actionId === otherActionId)?.narrativeVersion).toBe(kept.version);
    // an action without an update names none
    expect(actions.filter((a) => a.narrative === null).every((a) => a.narrativeVersion === null)).toBe(true);

    const mine = await get<MyUpdateList>('/api/me/updates', kept.position);
    const item = mine.items.find((i) => i.periodId === periodId && i.actionId === actionId);
    expect(item?.submitted).toMatchObject({
      narrative: 'Mevrouw Els Vermeulen verhuisde',
      version: latest.version,
    });
    // the member reads the same in her "Mijn updates" (the action is in her group's scope)
    const hers = await get<MyUpdateList>('/api/me/updates', kept.position, fx.users.member.token);
    expect(
      hers.items.find((i) => i.periodId === periodId && i.actionId === actionId)?.submitted?.version,
    ).toBe(latest.version);
  });

  it('in the closed report: the correction after the close; erasing by it erases every version, not the other', async () => {
    const path = `/api/plans/${fx.planId}/periods/${periodId}`;
    await waitFor((await post(`${path}/close`, {})).position);
    const corrected = await post(`${path}/updates`, {
      actionId,
      narrative: 'Correctie: Els Vermeulen in juni',
    });
    await waitFor(corrected.position);
    const frozen = (await reportActions(corrected.position)).find((a) => a.actionId === actionId)!;
    expect(frozen.narrative).toBe('Mevrouw Els Vermeulen verhuisde');
    expect(frozen.narrativeVersion).toBe(corrected.version);
    expect(frozen.corrections.map((c) => c.field)).toEqual(['narrative']);

    const erased = await eraseText('period', periodId, frozen.narrativeVersion!);
    await waitFor(erased.position);
    const after = await reportActions(erased.position);
    const gone = after.find((a) => a.actionId === actionId)!;
    expect([gone.narrative, gone.corrections]).toEqual(['[erased]', []]);
    expect(after.find((a) => a.actionId === otherActionId)?.narrative).toBe('Acht woningen');
    expect(JSON.stringify(after)).not.toContain('Vermeulen');
  });
});

describe('a meeting names the change that recorded each correction, on both meetings', () => {
  let earlierId = '';
  let laterId = '';
  let recorded: { version: number; position: string };

  const newMeeting = async (title: string, startsAt: string) =>
    (await post(`/api/working-groups/${fx.workingGroupId}/meetings`, { title, startsAt }, 201)).id;

  it('the later meeting lists its corrections with the meeting each corrects; the earlier one, who corrected it', async () => {
    earlierId = await newMeeting('Werkgroep maart', '2026-03-05T14:00:00+01:00');
    await post(`/api/meetings/${earlierId}/start`, {});
    await post(`/api/meetings/${earlierId}/end`, {});
    laterId = await newMeeting('Werkgroep april', '2026-04-02');
    await post(`/api/meetings/${laterId}/start`, {});
    recorded = await post(`/api/meetings/${laterId}/corrections`, {
      correctsMeetingId: earlierId,
      text: 'Het was Jan Peeters, niet Jan Pieters',
    });
    const outside = await post(`/api/meetings/${laterId}/corrections`, {
      outsideMeeting: { date: '2025-12-11', title: 'Werkgroep december' },
      text: 'Aanwezig was ook de wijkagent',
    });
    await waitFor(outside.position);

    const later = await get<MeetingDetail>(`/api/meetings/${laterId}`, outside.position);
    expect(later.corrections).toEqual([
      expect.objectContaining({
        correctsMeetingId: earlierId,
        correctsMeeting: { id: earlierId, title: 'Werkgroep maart', startsAt: '2026-03-05T13:00:00.000Z' },
        text: 'Het was Jan Peeters, niet Jan Pieters',
        version: recorded.version,
      }),
      expect.objectContaining({
        correctsMeetingId: null,
        correctsMeeting: null,
        outsideMeeting: { date: '2025-12-11', title: 'Werkgroep december' },
        version: outside.version,
      }),
    ]);
    const earlier = await get<MeetingDetail>(`/api/meetings/${earlierId}`, outside.position);
    expect(earlier.correctedBy).toEqual([
      expect.objectContaining({
        meetingId: laterId,
        meeting: { id: laterId, title: 'Werkgroep april', startsAt: '2026-04-02' },
        text: 'Het was Jan Peeters, niet Jan Pieters',
        version: recorded.version,
      }),
    ]);
    // the member of the group reads the same
    const hers = await get<MeetingDetail>(
      `/api/meetings/${earlierId}`,
      outside.position,
      fx.users.member.token,
    );
    expect(hers.correctedBy[0]?.version).toBe(recorded.version);
  });

  it('erasing by that version erases the correction on both meetings; the other correction stays', async () => {
    const erased = await eraseText('meeting', laterId, recorded.version);
    await waitFor(erased.position);
    const earlier = await get<MeetingDetail>(`/api/meetings/${earlierId}`, erased.position);
    expect(earlier.correctedBy.map((c) => c.text)).toEqual(['[erased]']);
    const later = await get<MeetingDetail>(`/api/meetings/${laterId}`, erased.position);
    expect(later.corrections.map((c) => c.text)).toEqual(['[erased]', 'Aanwezig was ook de wijkagent']);
  });
});

describe('the erasure notice (`erased`): the whole tenant re-reads, it learns a position and nothing else', () => {
  const sockets: Socket[] = [];
  const clients: LiveClient[] = [];

  afterAll(() => {
    for (const socket of sockets) socket.close();
    for (const client of clients) client.close();
  });

  /** a socket in no room at all, recording its notices and its events */
  async function listener(token: string) {
    const socket = await connectedSocket(test.api.url, token);
    sockets.push(socket);
    const notices: unknown[] = [];
    const events: LiveEvent[] = [];
    socket.on('erased', (notice: unknown) => notices.push(notice));
    socket.on('event', (event: LiveEvent) => events.push(event));
    return { socket, notices, events };
  }

  const until = async (predicate: () => boolean, what: string) => {
    const deadline = Date.now() + 20_000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await settle(50);
    }
  };

  it('reaches every role of the tenant (in no room, and in the tenant room), never another tenant', async () => {
    const roles = ['coordinator', 'member', 'partner', 'viewer', 'outsider'] as const;
    const ours = await Promise.all(roles.map((role) => listener(fx.users[role].token)));
    const theirs = await Promise.all(
      (['coordinator', 'member'] as const).map((role) => listener(other.users[role].token)),
    );
    // the member also follows the tenant room: the erasure's own event is not hers to receive
    const inTenantRoom = ours[1]!;
    expect(await emitWithAck(inTenantRoom.socket, 'subscribe', { room: 'tenant' })).toMatchObject({
      ok: true,
    });
    const coordinatorInRoom = ours[0]!;
    expect(await emitWithAck(coordinatorInRoom.socket, 'subscribe', { room: 'tenant' })).toMatchObject({
      ok: true,
    });

    const actionId = await fx.newAction();
    const note = await post(`/api/actions/${actionId}/notes`, { text: 'Meneer Luc Claes belde' });
    await waitFor(note.position);
    const erased = await eraseText('action', actionId, note.version);

    await until(() => ours.every((l) => l.notices.length > 0), 'the notice to every role');
    for (const { notices } of ours) expect(notices).toEqual([{ position: erased.position }]);
    // sent once the read models show the marker: a read without minPosition already does
    const history = await get<{ items: { data: { text?: string } }[] }>(`/api/actions/${actionId}/history`);
    expect(JSON.stringify(history)).not.toContain('Luc Claes');
    expect(JSON.stringify(history)).toContain('[erased]');

    await until(
      () => coordinatorInRoom.events.some((e) => e.type === 'ErasureRecorded'),
      "the coordinator's ErasureRecorded",
    );
    await settle();
    expect(inTenantRoom.events.filter((e) => e.type === 'ErasureRecorded')).toEqual([]);
    for (const { notices, events } of theirs) {
      expect(notices).toEqual([]);
      expect(events).toEqual([]);
    }
  });

  it('reaches a client that was away, after its reconnect (from the replay of its room)', async () => {
    const actionId = await fx.newAction();
    const note = await post(`/api/actions/${actionId}/notes`, { text: 'Mevrouw Ann Wouters vroeg hulp' });
    await waitFor(note.position);
    const client = liveClient(test.api.url, fx.users.member.token);
    clients.push(client);
    const notices: ErasureNotice[] = [];
    client.onErased((notice) => notices.push(notice));
    client.subscribe(`action:${actionId}`, {});
    await client.subscribed(`action:${actionId}`);

    client.disconnect();
    const erased = await eraseText('action', actionId, note.version);
    await waitFor(erased.position);
    await settle();
    expect(notices).toEqual([]);
    client.connect();
    await client.subscribed(`action:${actionId}`);
    await until(() => notices.length > 0, 'the notice after the reconnect');
    expect(notices).toEqual([{ position: erased.position }]);
  });
});
