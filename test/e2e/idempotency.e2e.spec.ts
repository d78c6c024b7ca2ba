import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { actionStreamId, meetingStreamId } from '#domain';
import { START, comparePositions } from '#event-store';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/**
 * Issue 12, item 2: an Idempotency-Key protects every request that creates something. The same key from the
 * same user with the same body answers the first result (same status, same id) without writing; the same
 * key with another body is a 422 IDEMPOTENCY.KEY_REUSED. Every creating route, without a client-sent id.
 */
describe('Idempotency-Key on creations', () => {
  let test: TestApi;
  let t: TenantFixture;
  let coordinator: Record<string, string>;
  let meetingId: string;
  let signalId: string;
  /** an action with three notes, each a free-text item an erasure of kind text names (by its version) */
  let textAction: string;
  const noteVersions: number[] = [];
  let endedMeetingId: string;
  let roundPeriodId: string;

  beforeAll(async () => {
    test = await startTestApi();
    t = await seedTenant(test, 'idem');
    coordinator = bearer(t.users.coordinator.token);
    const meeting = await test.http
      .post(`/api/working-groups/${t.workingGroupId}/meetings`)
      .set(coordinator)
      .send({ title: 'Overleg', startsAt: '2026-03-01T09:00:00Z' })
      .expect(201);
    meetingId = meeting.body.id as string;
    await test.http.post(`/api/meetings/${meetingId}/start`).set(coordinator).send({}).expect(200);
    const signal = await test.http
      .post('/api/signals')
      .set(coordinator)
      .send({ partnerId: t.partnerId, text: 'Meer daklozen aan het station' })
      .expect(201);
    signalId = signal.body.id as string;
    const ended = await test.http
      .post(`/api/working-groups/${t.workingGroupId}/meetings`)
      .set(coordinator)
      .send({ title: 'Vorig overleg', startsAt: '2026-02-01T09:00:00Z' })
      .expect(201);
    endedMeetingId = ended.body.id as string;
    await test.http.post(`/api/meetings/${endedMeetingId}/start`).set(coordinator).send({}).expect(200);
    await test.http.post(`/api/meetings/${endedMeetingId}/end`).set(coordinator).send({}).expect(200);
    textAction = await t.newAction();
    for (const n of [1, 2, 3]) {
      const noted = await test.http
        .post(`/api/actions/${textAction}/notes`)
        .set(coordinator)
        .send({ text: `Notitie ${n} over een persoon` })
        .expect(200);
      noteVersions.push(noted.body.version as number);
    }
    roundPeriodId = randomUUID();
    await t.newAction();
    await test.api.runtime.commands.periods.open(
      { periodId: roundPeriodId, planId: t.planId, kind: 'year', year: 2026 },
      t.context,
    );
  });
  afterAll(() => test?.close());

  interface Case {
    name: string;
    path: () => string;
    body: (n: number) => Record<string, unknown>;
    /** the id of what was created, from the response */
    createdId?: (body: Record<string, unknown>) => unknown;
    /** how many records of this kind there are now (read from the write side or the read models) */
    count: () => Promise<number>;
    /** what it creates can exist once only (a signal is on one agenda) */
    once?: boolean;
  }

  const streamLength = async (streamId: string) => (await test.api.runtime.store.readStream(streamId)).length;
  /** the tenant's events of a type, once the log can be read up to the last position a response named */
  let seen: string = START;
  const eventsOfType = async (type: string) => {
    for (let tries = 0; ; tries++) {
      const head = await test.api.runtime.store.headPosition();
      if (comparePositions(head, seen) >= 0 || tries > 300) {
        const all = await test.api.runtime.store.readAll(START, 100_000, { tenantId: t.tenantId });
        return all.events.filter((e) => e.type === type).length;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const note = <R extends { body: { position?: string } }>(response: R): R => {
    const position = response.body.position;
    if (position && comparePositions(position, seen) > 0) seen = position;
    return response;
  };

  const cases: Case[] = [
    {
      name: 'POST /plans',
      path: () => '/api/plans',
      body: (n) => ({ title: `Plan ${n}`, periodStart: '2026-01-01', periodEnd: '2031-12-31' }),
      count: () => eventsOfType('PlanCreated'),
    },
    {
      name: 'POST /plans/:id/actions',
      path: () => `/api/plans/${t.planId}/actions`,
      body: (n) => ({ goalId: t.goalId, code: `3.1.${90 + n}`, title: `Housing First ${n}` }),
      count: () => eventsOfType('ActionAdded'),
    },
    {
      name: 'POST /plans/:id/themes',
      path: () => `/api/plans/${t.planId}/themes`,
      body: (n) => ({ code: `${20 + n}`, title: `Thema ${n}` }),
      createdId: (body) => body.themeId,
      count: () => eventsOfType('ThemeAdded'),
    },
    {
      name: 'POST /plans/:id/goals',
      path: () => `/api/plans/${t.planId}/goals`,
      body: (n) => ({ parentId: t.themeId, code: `3.${20 + n}`, title: `Doel ${n}` }),
      createdId: (body) => body.goalId,
      count: () => eventsOfType('GoalAdded'),
    },
    {
      name: 'POST /partners',
      path: () => '/api/partners',
      body: (n) => ({ name: `Partner ${n}`, kind: 'non_profit' }),
      count: () => eventsOfType('PartnerRegistered'),
    },
    {
      name: 'POST /working-groups',
      path: () => '/api/working-groups',
      body: (n) => ({ planId: t.planId, name: `Werkgroep ${n}`, themeIds: [t.themeId], actionIds: [] }),
      count: () => eventsOfType('WorkingGroupCreated'),
    },
    {
      name: 'POST /working-groups/:id/meetings',
      path: () => `/api/working-groups/${t.workingGroupId}/meetings`,
      body: (n) => ({ title: `Overleg ${n}`, startsAt: `2026-04-0${n}T09:00:00Z` }),
      count: () => eventsOfType('MeetingScheduled'),
    },
    {
      name: 'POST /plans/:id/periods',
      path: () => `/api/plans/${t.planId}/periods`,
      body: (n) => ({ kind: 'half_year', year: 2030 + n, half: 1 }),
      count: () => eventsOfType('ReportingPeriodOpened'),
    },
    {
      name: 'POST /plans/:id/periods/:id/rounds',
      path: () => `/api/plans/${t.planId}/periods/${roundPeriodId}/rounds`,
      body: (n) => ({ deadline: `2026-12-1${n}`, scope: 'all' }),
      count: () => eventsOfType('UpdateRoundStarted'),
      // one round per period
      once: true,
    },
    {
      name: 'POST /signals',
      path: () => '/api/signals',
      body: (n) => ({ partnerId: t.partnerId, text: `Signaal ${n}` }),
      count: () => eventsOfType('SignalSubmitted'),
    },
    {
      name: 'POST /users',
      path: () => '/api/users',
      body: (n) => ({
        email: `nieuw${n}@idem.test`,
        name: `Nieuw ${n}`,
        role: 'viewer',
        password: 'een lang wachtwoord',
      }),
      count: () => eventsOfType('UserRegistered'),
    },
    {
      name: 'POST /users/invitations',
      path: () => '/api/users/invitations',
      body: (n) => ({ email: `uitgenodigd${n}@idem.test`, name: `Uitgenodigd ${n}`, role: 'member' }),
      count: () => eventsOfType('UserInvited'),
    },
    {
      name: 'POST /erasures',
      path: () => '/api/erasures',
      body: (n) => ({ kind: 'guest', guestName: `Gewiste gast ${n}`, legalGround: 'objection' }),
      createdId: (body) => body.erasureId,
      count: () => eventsOfType('ErasureRecorded'),
    },
    {
      name: 'POST /erasures (kind text)',
      path: () => '/api/erasures',
      body: (n) => ({
        kind: 'text',
        aggregate: 'action',
        aggregateId: textAction,
        version: noteVersions[n - 1],
        legalGround: 'objection',
      }),
      createdId: (body) => body.erasureId,
      count: () => eventsOfType('ErasureRecorded'),
    },
    {
      name: 'POST /actions/:id/notes',
      path: () => `/api/actions/${noteAction}/notes`,
      body: (n) => ({ text: `Notitie ${n}` }),
      createdId: (body) => body.version,
      count: async () => streamLength(actionStreamId(noteAction)),
    },
    {
      name: 'POST /actions/:id/signals',
      path: () => `/api/actions/${noteAction}/signals`,
      body: (n) => ({ partnerId: t.partnerId, text: `Signaal bij actie ${n}` }),
      createdId: (body) => body.version,
      count: async () => streamLength(actionStreamId(noteAction)),
    },
    {
      name: 'POST /meetings/:id/agenda',
      path: () => `/api/meetings/${meetingId}/agenda`,
      body: (n) => ({ kind: 'topic', title: `Punt ${n}` }),
      createdId: (body) => body.version,
      count: async () => streamLength(meetingStreamId(meetingId)),
    },
    {
      name: 'POST /meetings/:id/decisions',
      path: () => `/api/meetings/${meetingId}/decisions`,
      body: (n) => ({ text: `Besluit ${n}` }),
      createdId: (body) => body.version,
      count: async () => streamLength(meetingStreamId(meetingId)),
    },
    {
      name: 'POST /meetings/:id/next-steps',
      path: () => `/api/meetings/${meetingId}/next-steps`,
      body: (n) => ({ text: `Stap ${n}`, ownerUserId: t.users.member.id }),
      createdId: (body) => body.version,
      count: async () => streamLength(meetingStreamId(meetingId)),
    },
    {
      name: 'POST /meetings/:id/proposals',
      path: () => `/api/meetings/${meetingId}/proposals`,
      body: (n) => ({ text: `Voorstel ${n}` }),
      createdId: (body) => body.version,
      count: async () => streamLength(meetingStreamId(meetingId)),
    },
    {
      name: 'POST /meetings/:id/corrections',
      path: () => `/api/meetings/${meetingId}/corrections`,
      body: (n) => ({ correctsMeetingId: endedMeetingId, text: `Correctie ${n}` }),
      createdId: (body) => body.version,
      count: () => streamLength(meetingStreamId(meetingId)),
    },
    {
      name: 'POST /meetings/:id/rounds',
      path: () => `/api/meetings/${meetingId}/rounds`,
      body: (n) => ({ size: n }),
      createdId: (body) => body.version,
      count: () => streamLength(meetingStreamId(meetingId)),
      // one round is open at a time
      once: true,
    },
    {
      name: 'POST /plans/:id/indicators',
      path: () => `/api/plans/${t.planId}/indicators`,
      body: (n) => ({ nodeId: t.goalId, name: `Indicator ${n}`, direction: 'higher_is_better' }),
      count: () => eventsOfType('IndicatorDefined'),
    },
    {
      name: 'POST /indicators/:id/measurements',
      path: () => `/api/indicators/${measuredIndicator}/measurements`,
      body: (n) => ({ value: n, date: `2026-0${n}-01`, source: 'telling' }),
      createdId: (body) => body.measurementId,
      count: () => eventsOfType('IndicatorMeasurementRecorded'),
    },
    {
      name: 'POST /meetings/:id/agenda (a signal: two streams)',
      path: () => `/api/meetings/${meetingId}/agenda`,
      body: (n) => ({ kind: 'signal', refId: signalId, title: `Signaal ${n}` }),
      once: true,
      createdId: (body) => body.version,
      count: async () => streamLength(meetingStreamId(meetingId)),
    },
  ];
  let noteAction = '';
  let measuredIndicator = '';

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s: a retry answers the first result without writing; another body with the key is a 422',
    async (_name, c) => {
      if (!noteAction) noteAction = await t.newAction();
      if (!measuredIndicator) {
        const defined = await test.http
          .post(`/api/plans/${t.planId}/indicators`)
          .set(coordinator)
          .send({ nodeId: t.themeId, name: 'Gemeten', direction: 'lower_is_better' })
          .expect(201);
        measuredIndicator = defined.body.id as string;
      }
      const key = `idem-${randomUUID()}`;
      const before = await c.count();
      const first = await test.http
        .post(c.path())
        .set(coordinator)
        .set('Idempotency-Key', key)
        .send(c.body(1));
      expect([first.status, first.body]).toEqual([expect.any(Number), expect.anything()]);
      if (first.status >= 300) throw new Error(JSON.stringify(first.body));
      expect(first.body.duplicate).toBe(false);
      note(first);
      const afterFirst = await c.count();
      expect(afterFirst).toBeGreaterThan(before);

      const retry = await test.http
        .post(c.path())
        .set(coordinator)
        .set('Idempotency-Key', key)
        .send(c.body(1));
      expect(retry.status).toBe(first.status);
      expect(retry.body).toMatchObject({
        id: first.body.id,
        version: first.body.version,
        position: first.body.position,
        duplicate: true,
      });
      if (c.createdId) expect(c.createdId(retry.body)).toEqual(c.createdId(first.body));
      expect(await c.count()).toBe(afterFirst);

      const reused = await test.http
        .post(c.path())
        .set(coordinator)
        .set('Idempotency-Key', key)
        .send(c.body(2));
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
      expect(await c.count()).toBe(afterFirst);

      // without a key the same body is a new request (and a new record where codes allow it)
      if (c.once) return;
      const other = await test.http
        .post(c.path())
        .set(coordinator)
        .set('Idempotency-Key', `${key}-2`)
        .send(c.body(3));
      expect([200, 201]).toContain(other.status);
    },
  );

  it('covers every route that creates something (its body takes a client id) in the OpenAPI document', async () => {
    const doc = (await test.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>
      >;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const creating = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method, op]) => {
          const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
          const schema = ref ? doc.components.schemas[ref.split('/').pop()!] : undefined;
          return method === 'post' && schema?.properties?.id !== undefined;
        })
        .map(
          ([method]) => `${method.toUpperCase()} ${path.replace(/^\/api/, '').replace(/\{\w+\}/g, ':id')}`,
        ),
    );
    expect(creating.length).toBeGreaterThan(10);
    const covered = new Set(cases.map((c) => c.name.split(' (')[0]));
    expect(creating.filter((route) => !covered.has(route))).toEqual([]);
  });

  it('concurrent retries of one creation write it once', async () => {
    const key = `idem-${randomUUID()}`;
    const before = await eventsOfType('ActionAdded');
    const body = { goalId: t.goalId, code: '3.1.77', title: 'Tegelijk' };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        test.http
          .post(`/api/plans/${t.planId}/actions`)
          .set(coordinator)
          .set('Idempotency-Key', key)
          .send(body),
      ),
    );
    expect(answers.map((a) => [a.status, a.status === 201 ? '' : String(a.body.code)])).toEqual(
      Array(8).fill([201, '']),
    );
    expect(new Set(answers.map((a) => String(a.body.id))).size).toBe(1);
    answers.forEach(note);
    expect(await eventsOfType('ActionAdded')).toBe(before + 1);
  });

  it('concurrent requests with one key and two bodies: one is written, the other body is a 422', async () => {
    const key = `idem-${randomUUID()}`;
    const before = await eventsOfType('ActionAdded');
    const bodies = [
      { goalId: t.goalId, code: '3.1.60', title: 'Eerste' },
      { goalId: t.goalId, code: '3.1.61', title: 'Tweede' },
    ];
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        test.http
          .post(`/api/plans/${t.planId}/actions`)
          .set(coordinator)
          .set('Idempotency-Key', key)
          .send(bodies[i % 2])
          .then((response) => ({ body: i % 2, response })),
      ),
    );
    const winner = answers.find((a) => a.response.status === 201)!;
    expect(winner).toBeDefined();
    for (const { body, response } of answers) {
      if (body === winner.body)
        expect([response.status, response.body.id]).toEqual([201, winner.response.body.id]);
      else expect([response.status, response.body.code]).toEqual([422, 'IDEMPOTENCY.KEY_REUSED']);
    }
    answers.forEach((a) => note(a.response));
    expect(await eventsOfType('ActionAdded')).toBe(before + 1);
  });

  it('the same key from another user is another request', async () => {
    const key = `idem-${randomUUID()}`;
    const body = { text: 'Zelfde sleutel, andere persoon', partnerId: t.partnerId };
    const a = await test.http.post('/api/signals').set(coordinator).set('Idempotency-Key', key).send(body);
    const b = await test.http
      .post('/api/signals')
      .set(bearer(t.users.partner.token))
      .set('Idempotency-Key', key)
      .send(body);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('a plan import retried with its key writes the plan once', async () => {
    const key = `idem-${randomUUID()}`;
    const text = readFileSync(new URL('../fixtures/plans/other-style-plan.txt', import.meta.url), 'utf8');
    const before = await eventsOfType('ActionAdded');
    const first = await test.http
      .post('/api/plans/import')
      .set(coordinator)
      .set('Idempotency-Key', key)
      .send({ text });
    expect([first.status, first.status < 300 ? '' : first.body]).toEqual([200, '']);
    note(first);
    const added = (await eventsOfType('ActionAdded')) - before;
    expect(added).toBeGreaterThan(0);
    const retry = await test.http
      .post('/api/plans/import')
      .set(coordinator)
      .set('Idempotency-Key', key)
      .send({ text });
    expect(retry.status).toBe(first.status);
    expect(retry.body.planId).toBe(first.body.planId);
    expect((await eventsOfType('ActionAdded')) - before).toBe(added);
    const reused = await test.http
      .post('/api/plans/import')
      .set(coordinator)
      .set('Idempotency-Key', key)
      .send({ text: text.replace('Heuvelbeke', 'Dalbeke') });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });
});
