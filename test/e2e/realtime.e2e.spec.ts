import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { Socket } from 'socket.io-client';
import type { LiveClient } from '#realtime-client';
import {
  bearer,
  login,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import {
  connected,
  connectedSocket,
  emitWithAck,
  liveClient,
  rawSocket,
  RoomRecorder,
  settle,
} from '../support/live.js';
import { AudienceResolver } from '../../apps/api/src/realtime/audience-resolver.js';

/**
 * The live channels over a real HTTP server with real socket.io clients (docs/realtime.md): handshake,
 * room authorisation for every room kind and role, delivery after the projections, replay without gaps or
 * duplicates, snapshots, presence, limits, sessions ending.
 */
describe('live channels (socket.io)', () => {
  let test: TestApi;
  let t: TenantFixture;
  let other: TenantFixture;
  let groupB: string;
  const clients: LiveClient[] = [];
  const sockets: Socket[] = [];

  const client = (token: string): LiveClient => {
    const created = liveClient(test.api.url, token);
    clients.push(created);
    return created;
  };
  const socketOf = async (token: string): Promise<Socket> => {
    const socket = await connectedSocket(test.api.url, token);
    sockets.push(socket);
    return socket;
  };
  const note = (actionId: string, text: string, context = t.context) =>
    test.api.runtime.commands.action(
      actionId,
      { type: 'AddActionNote', data: { actionId, noteId: randomUUID(), text } },
      context,
    );

  beforeAll(async () => {
    test = await startTestApi();
    t = await seedTenant(test, 'live');
    other = await seedTenant(test, 'live-other');
    // working group B, on the other theme, with the "outsider" member in it
    groupB = randomUUID();
    await test.api.runtime.commands.workingGroup(
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
    const added = await test.api.runtime.commands.workingGroup(
      groupB,
      {
        type: 'AddWorkingGroupMember',
        data: { workingGroupId: groupB, userId: t.users.outsider.id, role: 'member' },
      },
      t.context,
    );
    await test.api.runtime.runner.waitForPosition(added.position, { timeoutMs: 5000 });
  });

  afterEach(() => {
    for (const created of clients.splice(0)) created.close();
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    await test.close();
  });

  describe('handshake', () => {
    it('refuses a missing, a malformed and an expired token with a stable code', async () => {
      await expect(connected(rawSocket(test.api.url, undefined))).rejects.toMatchObject({
        code: 'AUTH.TOKEN_MISSING',
      });
      await expect(connected(rawSocket(test.api.url, 'not-a-token'))).rejects.toMatchObject({
        code: 'AUTH.TOKEN_MISSING',
      });
      await expect(connected(rawSocket(test.api.url, 'a.b.c'))).rejects.toMatchObject({
        code: 'AUTH.TOKEN_INVALID',
      });
      const jwt = new JwtService({ secret: test.api.runtime.jwtSecret });
      const claims = jwt.decode<{ sub: string; tid: string; sid: string }>(t.users.member.token);
      const expired = jwt.sign(
        { sub: claims.sub, tid: claims.tid, sid: claims.sid },
        { expiresIn: -10, algorithm: 'HS256' },
      );
      await expect(connected(rawSocket(test.api.url, expired))).rejects.toMatchObject({
        code: 'AUTH.TOKEN_EXPIRED',
      });
    });

    it('refuses a token whose session has ended', async () => {
      const token = await login(test, t.users.viewer.email);
      await test.http.post('/api/auth/logout').set(bearer(token)).send({}).expect(204);
      await expect(connected(rawSocket(test.api.url, token))).rejects.toMatchObject({
        code: 'AUTH.SESSION_ENDED',
      });
    });

    it('refuses a browser origin that is not the api and not in CORS_ORIGINS', async () => {
      const foreign = rawSocket(test.api.url, t.users.member.token, { Origin: 'https://evil.example' });
      sockets.push(foreign);
      await expect(connected(foreign)).rejects.toThrow();
      const same = rawSocket(test.api.url, t.users.member.token, { Origin: test.api.url });
      sockets.push(same);
      await expect(connected(same)).resolves.toBeUndefined();
    });

    it('closes the connection when its token expires, saying so', async () => {
      const jwt = new JwtService({ secret: test.api.runtime.jwtSecret });
      const token = await login(test, t.users.member.email);
      const claims = jwt.decode<{ sub: string; tid: string; sid: string }>(token);
      const shortLived = jwt.sign(
        { sub: claims.sub, tid: claims.tid, sid: claims.sid },
        { expiresIn: 2, algorithm: 'HS256' },
      );
      const socket = await socketOf(shortLived);
      const bye = new Promise((resolve) => socket.once('bye', resolve));
      const closed = new Promise((resolve) => socket.once('disconnect', resolve));
      await expect(bye).resolves.toMatchObject({ code: 'AUTH.TOKEN_EXPIRED', reconnect: true });
      await expect(closed).resolves.toBe('io server disconnect');
    });

    it('closes the connections of a user who is disabled', async () => {
      const user = await test.api.runtime.userAdmin.register(
        {
          email: 'disabled@live.test',
          name: 'Te blokkeren',
          role: 'member',
          partnerId: null,
          password: 'correct horse battery',
        },
        t.context,
      );
      const socket = await socketOf(await login(test, 'disabled@live.test'));
      const bye = new Promise((resolve) => socket.once('bye', resolve));
      await test.http
        .post(`/api/users/${user.id}/disable`)
        .set(bearer(t.users.coordinator.token))
        .send({ reason: 'vertrokken' })
        .expect(200);
      await expect(bye).resolves.toMatchObject({ code: 'AUTH.SESSION_ENDED', reconnect: false });
    });
  });

  describe('rooms: every kind, every role', () => {
    type Role = 'coordinator' | 'member' | 'partner' | 'viewer';
    const ROLES: Role[] = ['coordinator', 'member', 'partner', 'viewer'];
    let ownAction: string;
    let foreignAction: string;
    let meetingA: string;

    beforeAll(async () => {
      ownAction = await t.newAction();
      foreignAction = await t.newForeignAction();
      const scheduled = await test.http
        .post(`/api/working-groups/${t.workingGroupId}/meetings`)
        .set(bearer(t.users.coordinator.token))
        .send({ title: 'Werkgroep dak- en thuislozen', startsAt: '2026-12-01T14:00:00+01:00' })
        .expect(201);
      meetingA = (scheduled.body as { id: string }).id;
      await test.api.runtime.runner.waitForPosition((scheduled.body as { position: string }).position, {
        timeoutMs: 5000,
      });
    });

    const rooms = (): { room: string; allowed: Record<Role, string | true> }[] => [
      { room: 'tenant', allowed: { coordinator: true, member: true, partner: true, viewer: true } },
      { room: `plan:${t.planId}`, allowed: { coordinator: true, member: true, partner: true, viewer: true } },
      {
        room: `plan:${other.planId}`,
        allowed: {
          coordinator: 'PLAN.NOT_FOUND',
          member: 'PLAN.NOT_FOUND',
          partner: 'PLAN.NOT_FOUND',
          viewer: 'PLAN.NOT_FOUND',
        },
      },
      {
        room: `action:${ownAction}`,
        allowed: { coordinator: true, member: true, partner: true, viewer: true },
      },
      {
        room: `action:${foreignAction}`,
        allowed: { coordinator: true, member: true, partner: 'ACTION.NOT_FOUND', viewer: true },
      },
      {
        room: `working-group:${t.workingGroupId}`,
        allowed: { coordinator: true, member: true, partner: 'AUTH.FORBIDDEN', viewer: 'AUTH.FORBIDDEN' },
      },
      {
        room: `working-group:${groupB}`,
        allowed: {
          coordinator: true,
          member: 'AUTH.FORBIDDEN',
          partner: 'AUTH.FORBIDDEN',
          viewer: 'AUTH.FORBIDDEN',
        },
      },
      {
        room: `working-group:${other.workingGroupId}`,
        allowed: {
          coordinator: 'WORKING_GROUP.NOT_FOUND',
          member: 'WORKING_GROUP.NOT_FOUND',
          partner: 'AUTH.FORBIDDEN',
          viewer: 'AUTH.FORBIDDEN',
        },
      },
      {
        room: `meeting:${meetingA}`,
        allowed: { coordinator: true, member: true, partner: 'AUTH.FORBIDDEN', viewer: 'AUTH.FORBIDDEN' },
      },
      {
        room: `meeting:${randomUUID()}`,
        allowed: {
          coordinator: 'MEETING.NOT_FOUND',
          member: 'MEETING.NOT_FOUND',
          partner: 'AUTH.FORBIDDEN',
          viewer: 'AUTH.FORBIDDEN',
        },
      },
      {
        room: 'plans:everything',
        allowed: {
          coordinator: 'REALTIME.INVALID_ROOM',
          member: 'REALTIME.INVALID_ROOM',
          partner: 'REALTIME.INVALID_ROOM',
          viewer: 'REALTIME.INVALID_ROOM',
        },
      },
    ];

    it.each(ROLES)('%s: subscribe answers by the access matrix', async (role) => {
      const socket = await socketOf(t.users[role].token);
      for (const { room, allowed } of rooms()) {
        const ack = await emitWithAck(socket, 'subscribe', { room });
        const expected = allowed[role];
        if (expected === true)
          expect({ room, ack }).toMatchObject({ room, ack: { ok: true, room, mode: 'live' } });
        else expect({ room, ack }).toMatchObject({ room, ack: { ok: false, code: expected } });
      }
    });

    it("keeps a member of another group out of group A's meeting room", async () => {
      const outsider = await socketOf(t.users.outsider.token);
      await expect(
        emitWithAck(outsider, 'subscribe', { room: `meeting:${meetingA}` }),
      ).resolves.toMatchObject({
        ok: false,
        code: 'AUTH.FORBIDDEN',
      });
    });

    it('refuses malformed messages with a stable code and keeps the connection', async () => {
      const socket = await socketOf(t.users.member.token);
      await expect(emitWithAck(socket, 'subscribe', 'tenant')).resolves.toMatchObject({
        ok: false,
        code: 'REALTIME.INVALID_MESSAGE',
      });
      await expect(
        emitWithAck(socket, 'subscribe', { room: 'tenant', fromPosition: 'yesterday' }),
      ).resolves.toMatchObject({ ok: false, code: 'REALTIME.INVALID_POSITION' });
      await expect(emitWithAck(socket, 'publish', { room: 'tenant' })).resolves.toMatchObject({
        ok: false,
        code: 'REALTIME.UNKNOWN_MESSAGE',
      });
      await expect(
        emitWithAck(socket, 'editing', { room: `working-group:${t.workingGroupId}`, actionId: 'x' }),
      ).resolves.toMatchObject({ ok: false, code: 'REALTIME.NOT_SUBSCRIBED' });
      expect(socket.connected).toBe(true);
    });

    it('limits messages per socket', async () => {
      const socket = await socketOf(t.users.viewer.token);
      const answers = await Promise.all(
        Array.from({ length: 60 }, () =>
          emitWithAck<{ ok: boolean; code?: string }>(socket, 'unsubscribe', { room: 'tenant' }),
        ),
      );
      expect(answers.filter((answer) => answer.code === 'REALTIME.RATE_LIMITED').length).toBeGreaterThan(0);
      expect(answers.filter((answer) => answer.ok).length).toBeGreaterThan(0);
    });

    /** sends `count` messages at once (`unsubscribe`: accepted whenever the rate allows) and collects their acks */
    const burst = (socket: Socket, count: number, answers: { ok: boolean; code?: string }[]): void => {
      for (let index = 0; index < count; index++) {
        socket.emit('unsubscribe', { room: 'tenant' }, (answer: { ok: boolean; code?: string }) =>
          answers.push(answer),
        );
      }
    };
    const waitFor = async (predicate: () => boolean, what: string): Promise<void> => {
      const deadline = Date.now() + 10_000;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await settle(20);
      }
    };
    const rateLimited = (answers: { code?: string }[]) =>
      answers.filter((answer) => answer.code === 'REALTIME.RATE_LIMITED').length;

    it('closes a connection after 100 rate-limited messages in a row, saying so', async () => {
      const socket = await socketOf(t.users.viewer.token);
      const bye = new Promise((resolve) => socket.once('bye', resolve));
      const closed = new Promise((resolve) => socket.once('disconnect', resolve));
      // within the rate (20 a second) messages are accepted, one after the other
      for (let index = 0; index < 5; index++)
        expect(await emitWithAck<{ ok: boolean }>(socket, 'unsubscribe', { room: 'tenant' })).toEqual({
          ok: true,
        });
      const answers: { ok: boolean; code?: string }[] = [];
      // then a burst: what is left of the 20 is accepted, the next 100 refused, and the 100th refusal closes it
      // (the acks of the accepted ones in the burst may be lost with the connection: their handlers answer
      // after the refusals, which answer at once)
      burst(socket, 150, answers);
      await expect(
        Promise.race([bye, settle(10_000).then(() => 'no bye within 10 s')]),
      ).resolves.toMatchObject({
        code: 'REALTIME.RATE_LIMITED',
        reconnect: false,
      });
      await expect(closed).resolves.toBe('io server disconnect');
      expect(rateLimited(answers)).toBe(100);
    });

    it('keeps a connection whose refusals are broken by accepted messages, however many', async () => {
      const socket = await socketOf(t.users.viewer.token);
      let byes = 0;
      socket.on('bye', () => byes++);
      const answers: { ok: boolean; code?: string }[] = [];
      // three seconds of 100 messages each: 20 accepted, then about 80 refused; an accepted message
      // (the next second's first) starts the count of refusals in a row again
      for (let round = 1; round <= 3; round++) {
        burst(socket, 100, answers);
        await waitFor(() => answers.length === round * 100, 'the acks of a burst');
        await settle(1100);
      }
      // more refusals than the limit in all, never 100 in a row
      expect(rateLimited(answers)).toBeGreaterThan(100);
      expect(byes).toBe(0);
      expect(socket.connected).toBe(true);
      await expect(emitWithAck(socket, 'unsubscribe', { room: 'tenant' })).resolves.toEqual({ ok: true });
    });

    it('closes a connection that sends a message over 64 KB', async () => {
      const socket = await socketOf(t.users.viewer.token);
      const closed = new Promise((resolve) => socket.once('disconnect', resolve));
      socket.emit('subscribe', { room: 'tenant', padding: 'x'.repeat(70 * 1024) });
      await expect(closed).resolves.toBeDefined();
    });
  });

  describe('delivery', () => {
    it('pushes each event with position, metadata and a summary in nl and en; a re-read at that position sees it', async () => {
      const actionId = await t.newAction();
      const member = client(t.users.member.token);
      const room = new RoomRecorder(member, `action:${actionId}`);
      await member.subscribed(room.room);
      const response = await test.http
        .post(`/api/actions/${actionId}/status`)
        .set(bearer(t.users.member.token))
        .send({ status: 'in_progress' })
        .expect(200);
      await room.until(() => room.events.length > 0, 'the status change');
      const [event] = room.events;
      expect(event).toMatchObject({
        room: `action:${actionId}`,
        position: (response.body as { position: string }).position,
        streamId: `action-${actionId}`,
        type: 'ActionStatusChanged',
        data: { actionId, from: 'not_started', to: 'in_progress' },
        metadata: { actorId: t.users.member.id },
      });
      expect(event!.summary.nl).toMatch(/lopend/);
      expect(event!.summary.en).toMatch(/in progress/);
      // a re-read that carries the pushed position sees what the push announced (the read waits for it)
      const read = await test.http
        .get(`/api/actions/${actionId}?minPosition=${event!.position}`)
        .set(bearer(t.users.member.token))
        .expect(200);
      expect(read.body).toMatchObject({ status: 'in_progress' });
    });

    it('pushes without waiting for the projections; a re-read with the pushed position waits for them', async () => {
      const actionId = await t.newAction();
      const member = client(t.users.member.token);
      const room = new RoomRecorder(member, `action:${actionId}`);
      await member.subscribed(room.room);
      // a first change, so the action's facts are known to the feed
      const first = await note(actionId, 'eerste notitie');
      await room.until(
        () => room.events.some((event) => event.position === first.position),
        'the first note',
      );
      const runner = test.api.runtime.runner;
      await runner.stop();
      try {
        const response = await test.http
          .post(`/api/actions/${actionId}/status`)
          .set(bearer(t.users.member.token))
          .send({ status: 'in_progress' })
          .expect(200);
        const position = (response.body as { position: string }).position;
        await room.until(
          () => room.events.some((event) => event.position === position),
          'the status change while the projections are stopped',
        );
        // the push came first: the read model has not applied it (its projections are stopped)
        const before = await test.http
          .get(`/api/actions/${actionId}`)
          .set(bearer(t.users.member.token))
          .expect(200);
        expect(before.body).toMatchObject({ status: 'not_started' });
        expect((before.body as { position: string }).position < position).toBe(true);
        await runner.start();
        const after = await test.http
          .get(`/api/actions/${actionId}?minPosition=${position}`)
          .set(bearer(t.users.member.token))
          .expect(200);
        expect(after.body).toMatchObject({ status: 'in_progress' });
      } finally {
        await runner.start();
      }
    });

    it('keeps a member of group A from everything of group B, through every room', async () => {
      const memberA = client(t.users.member.token);
      const memberB = client(t.users.outsider.token);
      const roomsA = ['tenant', `plan:${t.planId}`, `working-group:${t.workingGroupId}`].map(
        (room) => new RoomRecorder(memberA, room),
      );
      const tenantB = new RoomRecorder(memberB, 'tenant');
      const groupRoomB = new RoomRecorder(memberB, `working-group:${groupB}`);
      await Promise.all(
        [...roomsA, tenantB, groupRoomB].map((recorder) => recorder.client.subscribed(recorder.room)),
      );

      // a change to group B itself, and one to group A
      const renamed = await test.http
        .patch(`/api/working-groups/${groupB}`)
        .set(bearer(t.users.coordinator.token))
        .send({ description: 'Werkgroep gezondheid en welzijn' })
        .expect(200);
      const renamedA = await test.http
        .patch(`/api/working-groups/${t.workingGroupId}`)
        .set(bearer(t.users.coordinator.token))
        .send({ description: 'Werkgroep dak- en thuislozen' })
        .expect(200);
      await groupRoomB.until(() => groupRoomB.events.length > 0, "group B's change");
      await tenantB.until(() => tenantB.events.length > 0, "group B's change in the tenant room");
      await roomsA[0]!.until(
        () =>
          roomsA[0]!.events.some(
            (event) => event.position === (renamedA.body as { position: string }).position,
          ),
        "group A's change",
      );
      await settle(300);
      const positionB = (renamed.body as { position: string }).position;
      for (const recorder of roomsA) {
        expect(recorder.events.map((event) => event.position)).not.toContain(positionB);
        expect(recorder.events.some((event) => event.streamId === `working-group-${groupB}`)).toBe(false);
      }
      expect(tenantB.events.map((event) => event.position)).toContain(positionB);
      // B's member does not see A's group either
      expect(tenantB.events.some((event) => event.streamId === `working-group-${t.workingGroupId}`)).toBe(
        false,
      );
    });

    it("shows a partner only its organisation's actions and a viewer no notes", async () => {
      const own = await t.newAction();
      const foreign = await t.newForeignAction();
      const partner = client(t.users.partner.token);
      const viewer = client(t.users.viewer.token);
      const partnerPlan = new RoomRecorder(partner, `plan:${t.planId}`);
      const viewerPlan = new RoomRecorder(viewer, `plan:${t.planId}`);
      await Promise.all([partner.subscribed(partnerPlan.room), viewer.subscribed(viewerPlan.room)]);
      const foreignNote = await note(foreign, 'niet voor de partner');
      const ownNote = await note(own, 'voor de partner');
      const status = await test.api.runtime.commands.action(
        own,
        { type: 'ChangeActionStatus', data: { actionId: own, to: 'in_progress' } },
        t.context,
      );
      await partnerPlan.until(
        () => partnerPlan.events.some((e) => e.position === status.position),
        'the status',
      );
      await viewerPlan.until(
        () => viewerPlan.events.some((e) => e.position === status.position),
        'the status',
      );
      const partnerPositions = partnerPlan.events.map((event) => event.position);
      expect(partnerPositions).toContain(ownNote.position);
      expect(partnerPositions).not.toContain(foreignNote.position);
      const viewerTypes = viewerPlan.events.map((event) => event.type);
      expect(viewerTypes).toContain('ActionStatusChanged');
      expect(viewerTypes).not.toContain('ActionNoteAdded');
    });

    it("pushes a period's round and a lead's update to every role in the plan's room, no other tenant", async () => {
      const actionId = await t.newAction(); // led by the partner's organisation
      const year = 2031;
      const coordinator = client(t.users.coordinator.token);
      const member = client(t.users.member.token);
      const partner = client(t.users.partner.token);
      const viewer = client(t.users.viewer.token);
      const stranger = client(other.users.coordinator.token);
      const recorders = [coordinator, member, partner, viewer].map(
        (live) => new RoomRecorder(live, `plan:${t.planId}`),
      );
      const strangerRooms = ['tenant', `plan:${other.planId}`].map(
        (room) => new RoomRecorder(stranger, room),
      );
      await Promise.all(
        [...recorders, ...strangerRooms].map((recorder) => recorder.client.subscribed(recorder.room)),
      );

      const opened = await test.http
        .post(`/api/plans/${t.planId}/periods`)
        .set(bearer(t.users.coordinator.token))
        .send({ kind: 'custom', start: `${year}-01-01`, end: `${year}-03-31` })
        .expect(201);
      const periodId = (opened.body as { id: string }).id;
      const periodPath = `/api/plans/${t.planId}/periods/${periodId}`;
      const started = await test.http
        .post(`${periodPath}/rounds`)
        .set(bearer(t.users.coordinator.token))
        .send({ deadline: `${year}-04-15`, scope: 'all' })
        .expect(201);
      const submitted = await test.http
        .post(`${periodPath}/updates`)
        .set(bearer(t.users.partner.token))
        .send({ actionId, narrative: 'Twaalf woningen in gebruik.' })
        .expect(200);
      const positionOf = (response: { body: unknown }) => (response.body as { position: string }).position;
      const wanted = [positionOf(opened), positionOf(started), positionOf(submitted)];
      for (const recorder of recorders) {
        await recorder.until(
          () => wanted.every((position) => recorder.events.some((event) => event.position === position)),
          "the period's opening, round and update",
        );
        const ofPeriod = recorder.events.filter((event) => event.streamId === `period-${periodId}`);
        expect(ofPeriod.map((event) => event.type)).toEqual([
          'ReportingPeriodOpened',
          'UpdateRoundStarted',
          'PeriodUpdateSubmitted',
        ]);
        expect(ofPeriod[2]).toMatchObject({
          room: `plan:${t.planId}`,
          data: { periodId, actionId, narrative: 'Twaalf woningen in gebruik.' },
        });
      }
      await settle(300);
      for (const recorder of strangerRooms) {
        expect(recorder.events.some((event) => event.streamId === `period-${periodId}`)).toBe(false);
      }

      // a process that did not see the opening (started later) finds the period's plan in its read model
      const resolver = new AudienceResolver(test.api.runtime.readPool);
      const stream = await test.api.runtime.store.readStream(`period-${periodId}`);
      const resolved = await resolver.resolve(stream.slice(1), () => Promise.resolve());
      for (const audience of resolved.audiences) {
        expect(audience).toMatchObject({ member: 'all', partner: 'all', viewer: true });
        expect(audience.rooms).toContain(`plan:${t.planId}`);
      }
    });

    it('replays exactly the 1,000 changes missed while disconnected, in order, then goes on live', async () => {
      const actionIds: string[] = [];
      for (let index = 0; index < 10; index++) actionIds.push(await t.newAction());
      const member = client(t.users.member.token);
      const room = new RoomRecorder(member, `plan:${t.planId}`);
      await member.subscribed(room.room);
      await note(actionIds[0]!, 'voor de onderbreking');
      await room.until(() => room.events.length === 1, 'the first note');
      const before = member.lastPosition(room.room)!;

      member.disconnect();
      const written: string[] = [];
      // 100 rounds of one note on each of the 10 actions at once (one writer per action stream)
      for (let round = 0; round < 100; round++) {
        const results = await Promise.all(
          actionIds.map((actionId, index) => note(actionId, `gemist ${round * 10 + index}`)),
        );
        written.push(...results.map((result) => result.position));
      }
      written.sort();
      // a second, live observer shows when the feed has pushed the last missed change
      const observer = client(t.users.coordinator.token);
      const observed = new RoomRecorder(observer, `plan:${t.planId}`, before);
      await observed.until(
        () => observed.events.some((event) => event.position === written.at(-1)),
        'the feed to push the last missed change',
      );
      expect(room.events).toHaveLength(1);

      const resubscribed = member.subscribed(room.room);
      member.connect();
      const ack = await resubscribed;
      expect(ack).toMatchObject({ ok: true, mode: 'replay', replayed: 1000 });
      const replayed = room.events.slice(1).map((event) => event.position);
      expect(replayed).toEqual(written);
      expect(replayed.every((position) => position > before)).toBe(true);

      const live = await note(actionIds[1]!, 'weer live');
      await room.until(() => room.events.length === 1002, 'the live note after the replay');
      expect(room.events.at(-1)!.position).toBe(live.position);
      const positions = room.events.map((event) => event.position);
      expect(new Set(positions).size).toBe(positions.length);
      expect([...positions].sort()).toEqual(positions);
    });

    it('sends a snapshot instead of a replay that is too long', async () => {
      const small = await startTestApi({ realtimeReplayLimit: 5 });
      try {
        const s = await seedTenant(small, 'snap');
        const actionId = await s.newAction();
        const member = liveClient(small.api.url, s.users.member.token);
        clients.push(member);
        const snapshots: unknown[] = [];
        const events: string[] = [];
        member.subscribe(`action:${actionId}`, {
          onSnapshot: (snapshot) => snapshots.push(snapshot),
          onEvent: (event) => events.push(event.position),
        });
        await member.subscribed(`action:${actionId}`);
        const from = member.lastPosition(`action:${actionId}`)!;
        member.disconnect();
        let last = '';
        for (let index = 0; index < 8; index++) {
          last = (
            await small.api.runtime.commands.action(
              actionId,
              { type: 'AddActionNote', data: { actionId, noteId: randomUUID(), text: `nota ${index}` } },
              s.context,
            )
          ).position;
        }
        // the feed has pushed (to nobody) up to the last note
        await small.api.runtime.runner.waitForPosition(last, { timeoutMs: 5000 });
        await settle(300);
        const next = member.subscribed(`action:${actionId}`);
        member.connect();
        const ack = await next;
        expect(ack).toMatchObject({ ok: true, mode: 'snapshot', replayed: 0 });
        expect(ack.position > from).toBe(true);
        expect(snapshots).toHaveLength(1);
        expect(snapshots[0]).toMatchObject({ room: `action:${actionId}`, readModel: { id: actionId } });
        expect(events).toHaveLength(0);
      } finally {
        await small.close();
      }
    });

    it('loses nothing when the projections stop and restart during pushes', async () => {
      const actionId = await t.newAction();
      const member = client(t.users.member.token);
      const room = new RoomRecorder(member, `action:${actionId}`);
      await member.subscribed(room.room);
      const runner = test.api.runtime.runner;
      const written: string[] = [];
      const writing = (async () => {
        for (let index = 0; index < 60; index++)
          written.push((await note(actionId, `tijdens herstart ${index}`)).position);
      })();
      await settle(100);
      await runner.stop();
      await settle(300);
      await runner.start();
      await writing;
      await room.until(() => room.events.length === 60, 'all 60 notes', 20_000);
      expect(room.events.map((event) => event.position)).toEqual(written);
    });
  });

  describe('presence', () => {
    it('shows who is in the working-group room and what they edit, and clears it on disconnect', async () => {
      const room = `working-group:${t.workingGroupId}`;
      const member = client(t.users.member.token);
      const coordinator = client(t.users.coordinator.token);
      const seenByMember = new RoomRecorder(member, room);
      await member.subscribed(room);
      const seenByCoordinator = new RoomRecorder(coordinator, room);
      await coordinator.subscribed(room);
      await seenByMember.until(
        () => seenByMember.lastPresence()?.members.length === 2,
        'both people in the room',
      );
      expect(
        seenByMember
          .lastPresence()!
          .members.map((m) => m.userId)
          .sort(),
      ).toEqual([t.users.member.id, t.users.coordinator.id].sort());

      const actionId = randomUUID();
      coordinator.setEditing(room, { actionId, field: 'status' });
      await seenByMember.until(
        () =>
          seenByMember
            .lastPresence()
            ?.members.some((m) => m.userId === t.users.coordinator.id && m.editing?.actionId === actionId) ??
          false,
        'the editing hint',
      );
      expect(
        seenByMember.lastPresence()!.members.find((m) => m.userId === t.users.coordinator.id)!.editing,
      ).toEqual({ actionId, field: 'status' });

      coordinator.close();
      await seenByMember.until(
        () => seenByMember.lastPresence()?.members.length === 1,
        'the coordinator leaving',
      );
      expect(seenByMember.lastPresence()!.members[0]!.userId).toBe(t.users.member.id);
      expect(seenByCoordinator.events).toEqual([]);
    });
  });
});
