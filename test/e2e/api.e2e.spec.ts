import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { seedTenant, startTestApi, type TestApi } from '../support/api-harness.js';

let test: TestApi;
let http: ReturnType<typeof request.agent>;

beforeAll(async () => {
  test = await startTestApi();
  const tenant = await seedTenant(test, 'rest');
  // every request of this file is the tenant's coordinator's
  http = request.agent(test.api.url).set('Authorization', `Bearer ${tenant.users.coordinator.token}`);
});

afterAll(async () => {
  await test?.close();
});

interface Write {
  id: string;
  version: number;
  position: string;
}

async function post(path: string, body: object, headers: Record<string, string> = {}): Promise<Write> {
  const response = await http.post(path).set(headers).send(body);
  if (![200, 201].includes(response.status))
    throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Write;
}

async function seedPlan() {
  const partner = await post('/api/partners', { name: 'CAW Noord-West-Vlaanderen', kind: 'non_profit' });
  const other = await post('/api/partners', { name: 'OCMW Brugge', kind: 'public_body' });
  const plan = await post('/api/plans', {
    title: 'Brugge draait om mensen',
    periodStart: '2021-01-01',
    periodEnd: '2025-12-31',
  });
  const theme = (await post(`/api/plans/${plan.id}/themes`, {
    code: '3',
    title: 'Een dak boven je hoofd',
  })) as Write & {
    themeId: string;
  };
  const goal = (await post(`/api/plans/${plan.id}/goals`, {
    parentId: theme.themeId,
    code: '3.2',
    title: 'Dak- en thuisloosheid voorkomen',
  })) as Write & { goalId: string };
  const action = await post(`/api/plans/${plan.id}/actions`, {
    goalId: goal.goalId,
    code: '3.2.1',
    title: 'Housing First uitbreiden',
    description: 'Meer woningen voor Housing First.',
    tags: ['preventie'],
  });
  return { partner, other, plan, themeId: theme.themeId, goalId: goal.goalId, action };
}

describe('plans and actions over REST', () => {
  it('reports health with the event store kind and every projection', async () => {
    const response = await http.get('/api/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.eventStore.kind).toBe('postgres');
    expect(response.body.projections.length).toBeGreaterThan(0);
    for (const projection of response.body.projections) {
      expect(typeof projection.name).toBe('string');
      expect(typeof projection.lag).toBe('number');
    }
  });

  it('changes an action and answers its whole history with actor, summaries and before/after', async () => {
    const { partner, other, plan, action } = await seedPlan();
    await post(`/api/actions/${action.id}/status`, { status: 'in_progress' });
    await post(`/api/actions/${action.id}/status`, { status: 'postponed', reason: 'wachten op subsidie' });
    await http.put(`/api/actions/${action.id}/owner`).send({ ownerId: partner.id }).expect(200);
    await post(`/api/actions/${action.id}/partners`, { partnerId: other.id });
    await post(`/api/actions/${action.id}/notes`, { text: 'Overleg met Vivendo gepland' });
    await post(`/api/actions/${action.id}/progress`, { percent: 40, comment: 'eerste woningen' });
    const last = (
      await http.put(`/api/actions/${action.id}/due-date`).send({ dueDate: '2025-06-30' }).expect(200)
    ).body as Write;
    expect(last.version).toBe(8);

    const history = await http
      .get(`/api/actions/${action.id}/history?minPosition=${last.position}`)
      .expect(200);
    const types = history.body.items.map((item: { type: string }) => item.type);
    expect(types).toEqual([
      'ActionAdded',
      'ActionStatusChanged',
      'ActionStatusChanged',
      'ActionOwnerChanged',
      'ActionPartnerAdded',
      'ActionNoteAdded',
      'ActionProgressReported',
      'ActionDueDateChanged',
    ]);
    const postponed = history.body.items[2];
    expect(postponed.version).toBe(3);
    expect(postponed.actor.id).toEqual(expect.any(String));
    expect(postponed.summary.nl).toMatch(/uitgesteld/);
    expect(postponed.summary.en).toMatch(/postponed/);
    expect(postponed.changes).toEqual([{ field: 'status', from: 'in_progress', to: 'postponed' }]);
    expect(history.body.position >= last.position).toBe(true);

    const read = await http.get(`/api/actions/${action.id}?minPosition=${last.position}`).expect(200);
    expect(read.body).toMatchObject({
      id: action.id,
      version: 8,
      status: 'postponed',
      progress: 40,
      dueDate: '2025-06-30',
    });

    const tree = await http.get(`/api/plans/${plan.id}?minPosition=${last.position}`).expect(200);
    expect(tree.body.themes[0].goals[0].actions[0]).toMatchObject({
      id: action.id,
      code: '3.2.1',
      status: 'postponed',
    });
  });

  it('answers 409 with the current version and the missed events when the client saw an older version', async () => {
    const { action } = await seedPlan();
    const first = await post(`/api/actions/${action.id}/status`, {
      status: 'in_progress',
      expectedVersion: 1,
    });
    expect(first.version).toBe(2);
    const conflict = await http
      .post(`/api/actions/${action.id}/status`)
      .send({ status: 'stopped', expectedVersion: 1 })
      .expect(409);
    expect(conflict.body.code).toBe('ACTION.VERSION_CONFLICT');
    expect(conflict.body.details.currentVersion).toBe(2);
    expect(conflict.body.details.missedEvents).toHaveLength(1);
    expect(conflict.body.details.missedEvents[0]).toMatchObject({ version: 2, type: 'ActionStatusChanged' });

    await http
      .post(`/api/actions/${action.id}/progress`)
      .set('If-Match', '"1"')
      .send({ percent: 10 })
      .expect(409);
    await http
      .post(`/api/actions/${action.id}/progress`)
      .set('If-Match', '"2"')
      .send({ percent: 10 })
      .expect(200);
  });

  it('makes a retried write with the same Idempotency-Key return the first result and write nothing', async () => {
    const { action } = await seedPlan();
    const key = randomUUID();
    const first = await post(
      `/api/actions/${action.id}/notes`,
      { text: 'één keer' },
      { 'Idempotency-Key': key },
    );
    const again = await http
      .post(`/api/actions/${action.id}/notes`)
      .set('Idempotency-Key', key)
      .send({ text: 'één keer' })
      .expect(200);
    expect(again.body).toMatchObject({
      id: first.id,
      version: first.version,
      position: first.position,
      duplicate: true,
    });
    const status1 = await post(
      `/api/actions/${action.id}/status`,
      { status: 'in_progress' },
      { 'Idempotency-Key': 'k-2' },
    );
    const status2 = await post(
      `/api/actions/${action.id}/status`,
      { status: 'in_progress' },
      { 'Idempotency-Key': 'k-2' },
    );
    expect(status2.version).toBe(status1.version);
    const history = await http
      .get(`/api/actions/${action.id}/history?minPosition=${status1.position}`)
      .expect(200);
    expect(history.body.items).toHaveLength(3);
  });

  it('rejects an invalid status move with what is allowed', async () => {
    const { action } = await seedPlan();
    const response = await http
      .post(`/api/actions/${action.id}/status`)
      .send({ status: 'realised' })
      .expect(422);
    expect(response.body.code).toBe('ACTION.INVALID_STATUS_TRANSITION');
    expect(response.body.details.allowed).toEqual(
      expect.arrayContaining(['in_progress', 'postponed', 'stopped']),
    );
  });

  it('lists every invalid field in one 400 and refuses unknown fields', async () => {
    const { plan } = await seedPlan();
    const response = await http
      .post(`/api/plans/${plan.id}/actions`)
      .send({ goalId: 'nope', code: '', title: 42, tags: 'x', surprise: true })
      .expect(400);
    expect(response.body.code).toBe('REQUEST.VALIDATION_FAILED');
    const fields = response.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['code', 'goalId', 'surprise', 'tags', 'title']);
  });

  it('answers 404 for unknown and malformed ids and unknown routes', async () => {
    await http.get(`/api/actions/${randomUUID()}`).expect(404);
    await http.get('/api/actions/not-an-id').expect(404);
    await http.get(`/api/plans/${randomUUID()}`).expect(404);
    await http.get(`/api/actions/${randomUUID()}/history`).expect(404);
    const status = await http
      .post(`/api/actions/${randomUUID()}/status`)
      .send({ status: 'in_progress' })
      .expect(404);
    expect(status.body.code).toBe('ACTION.NOT_FOUND');
    const route = await http.get('/api/nothing-here').expect(404);
    expect(route.body.code).toBe('ROUTE.NOT_FOUND');
  });

  it('never answers 500 to a malformed request', async () => {
    const { action } = await seedPlan();
    const malformed = await http
      .post(`/api/actions/${action.id}/notes`)
      .set('Content-Type', 'application/json')
      .send('{"text": ')
      .expect(400);
    expect(malformed.body.code).toBe('REQUEST.MALFORMED_BODY');
    const array = await http.post(`/api/actions/${action.id}/notes`).send([1, 2]).expect(400);
    expect(array.body.code).toBe('REQUEST.INVALID_BODY');
    const large = await http
      .post(`/api/actions/${action.id}/notes`)
      .send({ text: 'x'.repeat(3 * 1024 * 1024) })
      .expect(413);
    expect(large.body.code).toBe('REQUEST.TOO_LARGE');
    await http.get(`/api/plans/${randomUUID()}/actions?minPosition=garbage`).expect(400);
    await http.post(`/api/actions/${action.id}/progress`).send({ percent: 101 }).expect(400);
    await http.put(`/api/actions/${action.id}/due-date`).send({ dueDate: '2025-02-30' }).expect(400);
    await http
      .post(`/api/actions/${action.id}/status`)
      .set('If-Match', 'banana')
      .send({ status: 'in_progress' })
      .expect(400);
    await http.put(`/api/actions/${action.id}/owner`).send({ ownerId: randomUUID() }).expect(422);
  });

  it('filters the action list and counts the dashboard', async () => {
    const { plan, goalId, partner, action } = await seedPlan();
    const second = await post(`/api/plans/${plan.id}/actions`, {
      goalId,
      code: '3.2.2',
      title: 'Crisisopvang',
    });
    await post(`/api/actions/${second.id}/status`, { status: 'in_progress' });
    const last = (await http.put(`/api/actions/${action.id}/owner`).send({ ownerId: partner.id }).expect(200))
      .body as Write;
    const q = `minPosition=${last.position}`;
    const inProgress = await http.get(`/api/plans/${plan.id}/actions?status=in_progress&${q}`).expect(200);
    expect(inProgress.body.items.map((a: { id: string }) => a.id)).toEqual([second.id]);
    expect(inProgress.body.total).toBe(1);
    const owned = await http.get(`/api/plans/${plan.id}/actions?ownerId=${partner.id}&${q}`).expect(200);
    expect(owned.body.items.map((a: { id: string }) => a.id)).toEqual([action.id]);
    const search = await http.get(`/api/plans/${plan.id}/actions?q=crisis&${q}`).expect(200);
    expect(search.body.items.map((a: { id: string }) => a.id)).toEqual([second.id]);
    const dashboard = await http.get(`/api/plans/${plan.id}/dashboard?${q}`).expect(200);
    expect(dashboard.body.position).toEqual(expect.any(String));
    expect(JSON.stringify(dashboard.body)).toContain('in_progress');
  });

  it('documents every route in OpenAPI', async () => {
    const response = await http.get('/api/docs-json').expect(200);
    const paths = Object.keys(response.body.paths);
    for (const path of [
      '/api/health',
      '/api/plans',
      '/api/plans/{planId}',
      '/api/plans/{planId}/actions',
      '/api/plans/{planId}/dashboard',
      '/api/actions/{actionId}',
      '/api/actions/{actionId}/status',
      '/api/actions/{actionId}/owner',
      '/api/actions/{actionId}/partners',
      '/api/actions/{actionId}/partners/{partnerId}',
      '/api/actions/{actionId}/notes',
      '/api/actions/{actionId}/signals',
      '/api/actions/{actionId}/progress',
      '/api/actions/{actionId}/due-date',
      '/api/actions/{actionId}/history',
    ]) {
      expect(paths).toContain(path);
    }
  });
});
