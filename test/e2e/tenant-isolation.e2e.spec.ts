import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import { connectedSocket, emitWithAck } from '../support/live.js';

/**
 * Issue 12, item 6: what the probe found between tenants and under concurrent writes, each reproduced.
 * Tenant A and tenant B have the same shape (seedTenant), so B's coordinator knows ids of A only by leaking.
 */
let test: TestApi;
let a: TenantFixture;
let b: TenantFixture;
const sockets: Socket[] = [];

beforeAll(async () => {
  test = await startTestApi();
  a = await seedTenant(test, 'isola');
  b = await seedTenant(test, 'isolb');
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await test?.close();
});

const as = (tenant: TenantFixture) => bearer(tenant.users.coordinator.token);

describe('tenants stay apart', () => {
  it("a coordinator of tenant B cannot join the room of tenant A's meeting, also once it is cached", async () => {
    const meeting = await test.http
      .post(`/api/working-groups/${a.workingGroupId}/meetings`)
      .set(as(a))
      .send({ title: 'Overleg A', startsAt: '2026-05-01T09:00:00Z' })
      .expect(201);
    const room = `meeting:${meeting.body.id as string}`;
    await test.api.runtime.runner.waitForPosition(meeting.body.position as string, { timeoutMs: 5000 });
    const socketA = await connectedSocket(test.api.url, a.users.coordinator.token);
    sockets.push(socketA);
    // tenant A's own join (and the meeting's events) put the meeting in the room cache
    await expect(emitWithAck(socketA, 'subscribe', { room })).resolves.toMatchObject({ ok: true });
    const socketB = await connectedSocket(test.api.url, b.users.coordinator.token);
    sockets.push(socketB);
    await expect(emitWithAck(socketB, 'subscribe', { room })).resolves.toMatchObject({
      ok: false,
      code: 'MEETING.NOT_FOUND',
    });
  });

  it("tenant B's working-group scope refuses tenant A's themes and actions (and other plans' themes)", async () => {
    const foreignAction = await a.newAction();
    const create = (scope: { themeIds?: string[]; actionIds?: string[] }) =>
      test.http
        .post('/api/working-groups')
        .set(as(b))
        .send({ planId: b.planId, name: 'Werkgroep', themeIds: [], actionIds: [], ...scope });

    const theme = await create({ themeIds: [a.themeId] });
    expect(theme.status).toBe(422);
    expect(theme.body).toMatchObject({
      code: 'PLAN.THEME_UNKNOWN',
      details: { field: 'themeIds', ids: [a.themeId] },
    });
    const action = await create({ actionIds: [foreignAction] });
    expect(action.status).toBe(422);
    expect(action.body).toMatchObject({
      code: 'ACTION.UNKNOWN',
      details: { field: 'actionIds', ids: [foreignAction] },
    });
    const invented = await create({ themeIds: [randomUUID()] });
    expect(invented.status).toBe(422);

    const change = await test.http
      .put(`/api/working-groups/${b.workingGroupId}/scope`)
      .set(as(b))
      .send({ themeIds: [b.themeId, a.otherThemeId], actionIds: [foreignAction] });
    expect(change.status).toBe(422);
    const group = await test.http.get(`/api/working-groups/${b.workingGroupId}`).set(as(b)).expect(200);
    expect(JSON.stringify(group.body)).not.toContain(a.otherThemeId);
    expect(JSON.stringify(group.body)).not.toContain(foreignAction);

    // its own plan's themes and actions are fine
    const own = await b.newAction();
    await create({ themeIds: [b.themeId], actionIds: [own] }).expect(201);
  });

  it("a refused POST /plans/{B}/actions with A's action id writes nothing in B's plan", async () => {
    const foreignAction = await a.newAction();
    const before = await test.api.runtime.store.readStream(`plan-${b.planId}`);
    const refused = await test.http
      .post(`/api/plans/${b.planId}/actions`)
      .set(as(b))
      .send({ id: foreignAction, goalId: b.goalId, code: '3.1.55', title: 'Overgenomen' });
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('ACTION.NOT_FOUND');
    const after = await test.api.runtime.store.readStream(`plan-${b.planId}`);
    expect(after.length).toBe(before.length);
    const tree = await test.http.get(`/api/plans/${b.planId}`).set(as(b)).expect(200);
    expect(JSON.stringify(tree.body)).not.toContain(foreignAction);
    expect(JSON.stringify(tree.body)).not.toContain('3.1.55');
    // and the code is still free in B's plan
    await test.http
      .post(`/api/plans/${b.planId}/actions`)
      .set(as(b))
      .send({ goalId: b.goalId, code: '3.1.55', title: 'Eigen actie' })
      .expect(201);
  });
});

describe('writes without a version', () => {
  it('20 concurrent writers without a version all succeed: last writer wins, no 409', async () => {
    const actionId = await a.newAction();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        test.http
          .post(`/api/actions/${actionId}/progress`)
          .set(as(a))
          .send({ percent: i + 1 }),
      ),
    );
    expect(answers.map((r) => (r.status === 200 ? 200 : `${r.status} ${String(r.body.code)}`))).toEqual(
      Array(20).fill(200),
    );
    const versions = answers.map((r) => r.body.version as number);
    expect(new Set(versions).size).toBe(20);
    const history = await test.api.runtime.store.readStream(`action-${actionId}`);
    expect(history.filter((e) => e.type === 'ActionProgressReported')).toHaveLength(20);
  });
});
