import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/**
 * Read your own writes across pages (`X-Min-Position`, docs/api.md "Reads"): the web app sends its last write's
 * position with every request, so the page it opens after a write shows what was written even while the
 * projections are behind. Here the projections are stopped: the new meeting is not in its read model yet.
 */
describe('X-Min-Position: a read waits for the read models to reflect the caller’s last write', () => {
  let test: TestApi;
  let tenant: TenantFixture;

  beforeAll(async () => {
    test = await startTestApi();
    tenant = await seedTenant(test, 'read-floor');
  }, 60_000);

  afterAll(async () => {
    await test?.close();
  });

  /**
   * Stops the projections (as when a projector is down or behind) until `release`. Not a lock held open: a
   * transaction with an id keeps the log's head below it for every database of the server, so it would hold
   * back the other tests running on it too.
   */
  async function holdProjections(): Promise<{ release: () => Promise<void> }> {
    const runner = test.api.runtime.runner;
    await runner.stop();
    return { release: () => runner.start() };
  }

  const schedule = async (title: string): Promise<{ id: string; position: string }> => {
    const response = await test.http
      .post(`/api/working-groups/${tenant.workingGroupId}/meetings`)
      .set(bearer(tenant.users.coordinator.token))
      .send({ title, startsAt: '2027-01-14T13:00:00.000Z' });
    expect(response.status).toBe(201);
    return response.body as { id: string; position: string };
  };

  it('answers the meeting just scheduled once the projection caught up, where a read without it answers 404', async () => {
    const held = await holdProjections();
    let released = false;
    try {
      const written = await schedule('Extra werkgroep nachtopvang');
      // without the header: the read model does not hold it yet
      const early = await test.http
        .get(`/api/meetings/${written.id}`)
        .set(bearer(tenant.users.coordinator.token));
      expect(early.status).toBe(404);

      // with it: the read waits; the projection is let go while it waits
      const read = test.http
        .get(`/api/meetings/${written.id}`)
        .set(bearer(tenant.users.coordinator.token))
        .set('X-Min-Position', written.position)
        .then((response) => response);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await held.release();
      released = true;
      const answer = await read;
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: written.id, title: 'Extra werkgroep nachtopvang' });
      expect(answer.body.position >= written.position).toBe(true);
    } finally {
      if (!released) await held.release();
    }
  });

  it('lets a later ?minPosition= of the read itself win, and is ignored by a route that reads no read model', async () => {
    const written = await schedule('Werkgroep armoede');
    const answer = await test.http
      .get(`/api/working-groups/${tenant.workingGroupId}/meetings?minPosition=${written.position}`)
      .set(bearer(tenant.users.member.token))
      .set('X-Min-Position', '00000000000000000000-00000000000000000000');
    expect(answer.status).toBe(200);
    expect((answer.body.items as { id: string }[]).map((item) => item.id)).toContain(written.id);
    const info = await test.http.get('/api/info').set('X-Min-Position', written.position);
    expect(info.status).toBe(200);
  });

  it('refuses a header that is not a position, in the one error shape', async () => {
    const answer = await test.http
      .get(`/api/working-groups/${tenant.workingGroupId}/meetings`)
      .set(bearer(tenant.users.member.token))
      .set('X-Min-Position', 'latest');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      statusCode: 400,
      code: 'REQUEST.INVALID_HEADER',
      details: { header: 'X-Min-Position' },
    });
  });

  it('refuses to close a period while its read models lag more than 10 s behind, rather than freeze a stale report', async () => {
    const coordinator = tenant.users.coordinator.token;
    const opened = await test.http
      .post(`/api/plans/${tenant.planId}/periods`)
      .set(bearer(coordinator))
      .send({ kind: 'year', year: 2024 });
    expect(opened.status).toBe(201);
    const periodId = (opened.body as { id: string }).id;
    await test.api.runtime.runner.waitForPosition((opened.body as { position: string }).position, {
      timeoutMs: 10_000,
    });
    const held = await holdProjections();
    let released = false;
    try {
      // a change the report must show, which the periods projection cannot apply while held
      await schedule('Werkgroep na de periode');
      const refused = await test.http
        .post(`/api/plans/${tenant.planId}/periods/${periodId}/close`)
        .set(bearer(coordinator))
        .send({});
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ statusCode: 503, code: 'PERIOD.CATCHING_UP' });
      expect(refused.headers['retry-after']).toBe('5');
      await held.release();
      released = true;
      const closed = await test.http
        .post(`/api/plans/${tenant.planId}/periods/${periodId}/close`)
        .set(bearer(coordinator))
        .send({});
      expect(closed.status).toBe(200);
    } finally {
      if (!released) await held.release();
    }
  }, 60_000);
});
