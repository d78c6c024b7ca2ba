import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import { connectedSocket, emitWithAck, liveClient, RoomRecorder, settle } from '../support/live.js';

/**
 * Partner staff who are members of a working group attend its meetings (issue 17): they may join the live
 * room of their group's meetings, and only of those (apps/api/src/realtime/room-access.ts).
 */
describe('meeting room: partner staff in the group', () => {
  let test: TestApi;
  let t: TenantFixture;
  let meetingA: string;
  let meetingB: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    test = await startTestApi();
    t = await seedTenant(test, 'room-partner');
    const { commands } = test.api.runtime;
    // the partner user sits in group A; group B is another group she is not in
    const groupB = randomUUID();
    await commands.workingGroup(
      groupB,
      {
        type: 'CreateWorkingGroup',
        data: {
          workingGroupId: groupB,
          planId: t.planId,
          name: 'Gezondheid',
          description: '',
          scope: { themeIds: [t.otherThemeId], actionIds: [] },
        },
      },
      t.context,
    );
    await commands.workingGroup(
      t.workingGroupId,
      {
        type: 'AddWorkingGroupMember',
        data: { workingGroupId: t.workingGroupId, userId: t.users.partner.id, role: 'member' },
      },
      t.context,
    );
    const schedule = async (groupId: string): Promise<string> => {
      const response = await test.http
        .post(`/api/working-groups/${groupId}/meetings`)
        .set(bearer(t.users.coordinator.token))
        .send({ title: 'Overleg', startsAt: '2026-12-01T14:00:00+01:00' })
        .expect(201);
      const body = response.body as { id: string; position: string };
      await test.api.runtime.runner.waitForPosition(body.position, { timeoutMs: 10_000 });
      return body.id;
    };
    meetingA = await schedule(t.workingGroupId);
    meetingB = await schedule(groupB);
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    await test.close();
  });

  const socketOf = async (token: string): Promise<Socket> => {
    const socket = await connectedSocket(test.api.url, token);
    sockets.push(socket);
    return socket;
  };

  it("lets partner staff join the room of her own group's meeting", async () => {
    const socket = await socketOf(t.users.partner.token);
    await expect(emitWithAck(socket, 'subscribe', { room: `meeting:${meetingA}` })).resolves.toMatchObject({
      ok: true,
      room: `meeting:${meetingA}`,
    });
  });

  it("pushes her group's meeting events to her, and not another group's", async () => {
    const client = liveClient(test.api.url, t.users.partner.token);
    try {
      const mine = new RoomRecorder(client, `meeting:${meetingA}`);
      const tenantRoom = new RoomRecorder(client, 'tenant');
      // both acks may come in either order: wait for them together
      await Promise.all([client.subscribed(mine.room), client.subscribed(tenantRoom.room)]);
      const addItem = (meetingId: string, title: string) =>
        test.http
          .post(`/api/meetings/${meetingId}/agenda`)
          .set(bearer(t.users.coordinator.token))
          .send({ kind: 'topic', title })
          .expect(200);
      await addItem(meetingB, 'Niet voor haar');
      await addItem(meetingA, 'Woonbegeleiding');
      await mine.until(
        () => mine.events.some((event) => event.type === 'MeetingAgendaItemAdded'),
        "the agenda item of her group's meeting",
      );
      await settle(500);
      const seen = [...mine.events, ...tenantRoom.events].filter(
        (event) => event.type === 'MeetingAgendaItemAdded',
      );
      expect(seen.map((event) => (event.data as { title?: string }).title)).not.toContain('Niet voor haar');
      expect(mine.errors).toEqual([]);
    } finally {
      client.close();
    }
  });

  it("keeps her out of another group's meeting and out of unknown meetings", async () => {
    const socket = await socketOf(t.users.partner.token);
    await expect(emitWithAck(socket, 'subscribe', { room: `meeting:${meetingB}` })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    await expect(
      emitWithAck(socket, 'subscribe', { room: `meeting:${randomUUID()}` }),
    ).resolves.toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('still keeps viewers out of meeting rooms', async () => {
    const socket = await socketOf(t.users.viewer.token);
    await expect(emitWithAck(socket, 'subscribe', { room: `meeting:${meetingA}` })).resolves.toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });
});
