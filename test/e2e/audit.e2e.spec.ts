import {
  bearer,
  login,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/**
 * Issue 18, parts 1 and 4 over REST: the tenant's audit trail for coordinators (filters, cursor, export as CSV
 * and JSON), nobody else's, and every read of it recorded in the security log.
 */
let test: TestApi;
let a: TenantFixture;
let b: TenantFixture;
let actionA: string;
/** the position after the last write of the setup */
let at: string;

interface Entry {
  position: string;
  type: string;
  kind: string;
  occurredAt: string;
  actor: { id: string; name: string };
  summary: { nl: string; en: string };
  changes: { field: string; from: unknown; to: unknown }[];
  target: { kind: string; id: string };
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
  position: string;
}

beforeAll(async () => {
  test = await startTestApi();
  a = await seedTenant(test, 'auda');
  b = await seedTenant(test, 'audb');
  actionA = await a.newAction();
  const changed = await test.http
    .post(`/api/actions/${actionA}/status`)
    .set(bearer(a.users.coordinator.token))
    .send({ status: 'in_progress' })
    .expect(200);
  at = changed.body.position as string;
});
afterAll(() => test?.close());

const get = (path: string, token = a.users.coordinator.token) => test.http.get(path).set(bearer(token));

async function download(
  path: string,
  token = a.users.coordinator.token,
): Promise<{ status: number; text: string; type: string }> {
  const response = await get(path, token)
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
  return {
    status: response.status,
    text: response.body as string,
    type: String(response.headers['content-type']),
  };
}

async function wholeTrail(query: string, token?: string): Promise<Entry[]> {
  const items: Entry[] = [];
  let cursor: string | null = null;
  do {
    const response = await get(`/api/audit?${query}&limit=10${cursor ? `&before=${cursor}` : ''}`, token);
    expect(response.status).toBe(200);
    const page = response.body as Page;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('GET /api/audit', () => {
  it("answers the tenant's events newest first, with summaries, changes, actor and target", async () => {
    const response = await get(`/api/audit?minPosition=${at}&limit=5`);
    expect(response.status).toBe(200);
    const page = response.body as Page;
    expect(page.position >= at).toBe(true);
    expect(page.items).toHaveLength(5);
    const positions = page.items.map((item) => item.position);
    expect(positions).toEqual([...positions].sort().reverse());
    const status = (await wholeTrail(`actionId=${actionA}`)).find((e) => e.type === 'ActionStatusChanged')!;
    expect(status).toMatchObject({
      kind: 'action',
      actor: { id: a.users.coordinator.id, name: 'coordinator of auda' },
      changes: [{ field: 'status', from: 'not_started', to: 'in_progress' }],
      target: { kind: 'action', id: actionA },
    });
    expect(status.summary.nl).toMatch(/lopend/i);
    expect(status.summary.en).toMatch(/in progress/i);
  });

  it('says which entries hold a text that can still be erased, and in which aggregate (the audit screen offers it)', async () => {
    const noted = await test.http
      .post(`/api/actions/${actionA}/notes`)
      .set(bearer(a.users.coordinator.token))
      .send({ text: 'Overleg met mevrouw Peeters' })
      .expect(200);
    const trail = await wholeTrail(`actionId=${actionA}&minPosition=${noted.body.position as string}`);
    const byType = (type: string) =>
      trail.find((entry) => entry.type === type) as Entry & {
        aggregateId: string;
        version: number;
        erasableText: boolean;
      };
    // a note holds free text; a status change without a reason does not
    expect(byType('ActionNoteAdded')).toMatchObject({
      aggregateId: actionA,
      version: noted.body.version as number,
      erasableText: true,
    });
    expect(byType('ActionStatusChanged')).toMatchObject({ aggregateId: actionA, erasableText: false });
    // erased, the note no longer offers it
    const erasure = await test.http
      .post('/api/erasures')
      .set(bearer(a.users.coordinator.token))
      .send({
        kind: 'text',
        aggregate: 'action',
        aggregateId: actionA,
        version: noted.body.version as number,
        legalGround: 'objection',
      })
      .expect(201);
    const after = await wholeTrail(`actionId=${actionA}&minPosition=${erasure.body.position as string}`);
    const erased = after.find((entry) => entry.type === 'ActionNoteAdded') as Entry & {
      erasableText: boolean;
    };
    expect(erased.erasableText).toBe(false);
    expect(erased.summary.nl).toMatch(/gewist/);
  });

  it('pages with a cursor: no entry twice, none missing, and filters combine', async () => {
    const all = await wholeTrail(`minPosition=${at}`);
    expect(new Set(all.map((e) => e.position)).size).toBe(all.length);
    expect(all.every((e) => !JSON.stringify(e).includes(b.planId))).toBe(true);
    const actions = await wholeTrail('kind=action');
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((e) => e.kind === 'action')).toBe(true);
    const byTheme = await wholeTrail(`themeId=${a.themeId}&actorId=${a.users.coordinator.id}`);
    expect(byTheme.map((e) => e.type)).toContain('ActionStatusChanged');
    expect(byTheme.every((e) => e.actor.id === a.users.coordinator.id)).toBe(true);
    expect((await wholeTrail(`to=2020-01-01`)).length).toBe(0);
    expect((await wholeTrail(`from=2020-01-01&to=2099-12-31&actionId=${actionA}`)).length).toBeGreaterThan(0);
  });

  it("another tenant's ids as filters find nothing", async () => {
    const foreign = await b.newAction();
    for (const query of [
      `actionId=${foreign}`,
      `themeId=${b.themeId}`,
      `actorId=${b.users.coordinator.id}`,
      `meetingId=${b.workingGroupId}`,
    ]) {
      const response = await get(`/api/audit?${query}`);
      expect(response.status).toBe(200);
      expect((response.body as Page).items).toEqual([]);
    }
    // and the other tenant sees its own
    const own = await get(`/api/audit?themeId=${b.themeId}`, b.users.coordinator.token);
    expect((own.body as Page).items.length).toBeGreaterThan(0);
  });

  it('refuses filters it cannot use with 400 in the one error shape', async () => {
    for (const [query, field] of [
      ['kind=nope', 'kind'],
      ['from=2025-02-30', 'from'],
      ['from=2025-03-01&to=2025-02-01', 'to'],
      ['before=yesterday', 'before'],
      ['limit=1000', 'limit'],
      ['actorId=%20x', 'actorId'],
    ] as const) {
      const response = await get(`/api/audit?${query}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED' });
      expect(JSON.stringify(response.body.details)).toContain(field);
    }
  });

  it('is for coordinators only: member, partner and viewer get 403, no token 401', async () => {
    for (const role of ['member', 'partner', 'viewer'] as const) {
      for (const path of ['/api/audit', '/api/audit/export?format=csv']) {
        const response = await get(path, a.users[role].token);
        expect(response.status).toBe(403);
      }
    }
    expect((await test.http.get('/api/audit')).status).toBe(401);
    expect((await test.http.get('/api/audit/export')).status).toBe(401);
  });
});

describe('GET /api/audit/export', () => {
  it('exports the filtered trail as JSON: the same entries as the pages', async () => {
    const query = `actionId=${actionA}`;
    const file = await download(`/api/audit/export?format=json&${query}`);
    expect(file.status).toBe(200);
    expect(file.type).toMatch(/application\/json/);
    expect(JSON.parse(file.text)).toEqual(await wholeTrail(query));
  });

  it('exports CSV with a BOM, a header and spreadsheet formulas neutralised', async () => {
    const created = await test.http
      .post('/api/users')
      .set(bearer(a.users.coordinator.token))
      .send({
        email: 'formula@auda.test',
        name: '=HYPERLINK("http://evil.example")',
        role: 'coordinator',
        password: 'correct horse battery',
      })
      .expect(201);
    const token = await login(test, 'formula@auda.test');
    const written = await test.http
      .post(`/api/actions/${actionA}/progress`)
      .set(bearer(token))
      .send({ percent: 30 })
      .expect(200);
    const file = await download(
      `/api/audit/export?format=csv&actorId=${created.body.id as string}&kind=action&minPosition=${written.body.position as string}`,
    );
    expect(file.status).toBe(200);
    expect(file.type).toMatch(/text\/csv/);
    const lines = file.text.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFposition,occurredAt,actorId,actorName,type,kind,targetKind,targetId,meetingId,summaryNl,summaryEn,changes',
    );
    expect(lines).toHaveLength(3); // header, the one event, the empty rest after the last CRLF
    expect(lines[1]).toContain(
      `,"'=HYPERLINK(""http://evil.example"")",ActionProgressReported,action,action,${actionA},`,
    );
    expect(file.text).not.toMatch(/(^|,)"?[=+\-@]/m);
  });

  it('refuses a bad filter before sending anything', async () => {
    const response = await get('/api/audit/export?format=xml');
    expect(response.status).toBe(400);
    expect((await get('/api/audit/export?from=2025-02-30')).status).toBe(400);
  });
});

describe('reads of the audit trail are security events (part 4)', () => {
  it('records each read with its filter and format, visible to coordinators in the security log', async () => {
    const reader = a.users.coordinator;
    await get(`/api/audit?kind=meeting&from=2025-01-01`).expect(200);
    await download(`/api/audit/export?format=csv&kind=plan`);
    const deadline = Date.now() + 10_000;
    let reads: {
      type: string;
      user: { id: string };
      details: Record<string, unknown>;
      summary: { nl: string };
    }[] = [];
    while (Date.now() < deadline) {
      const log = await get(`/api/security-events?userId=${reader.id}&limit=500`);
      reads = (log.body.items as typeof reads).filter((item) => item.type === 'AuditTrailRead');
      if (
        reads.some(
          (read) =>
            read.details.format === 'csv' &&
            (read.details.filters as object) &&
            JSON.stringify(read.details.filters) === '{"kind":"plan"}',
        )
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(reads.map((read) => read.details)).toEqual(
      expect.arrayContaining([
        { userId: reader.id, format: 'page', filters: { kind: 'meeting', from: '2025-01-01' } },
        { userId: reader.id, format: 'csv', filters: { kind: 'plan' } },
      ]),
    );
    const page = reads.find(
      (read) => read.details.format === 'page' && JSON.stringify(read.details.filters).includes('meeting'),
    )!;
    expect(page.summary.nl).toBe(
      'coordinator of auda bekeek de audittrail (filter: from=2025-01-01, kind=meeting)',
    );
    // nothing personal beyond the reader: ids, kinds and dates only
    for (const read of reads)
      expect(Object.keys(read.details).sort()).toEqual(['filters', 'format', 'userId']);
    // the trail shows its own reads too
    const trail = await wholeTrail(`kind=user&actorId=${reader.id}`);
    expect(trail.some((entry) => entry.type === 'AuditTrailRead')).toBe(true);
    // refused reads are not reads (the 400s of the test above, the 403s of the member)
    expect(reads.some((read) => JSON.stringify(read.details).includes('nope'))).toBe(false);
    await get('/api/audit', a.users.member.token).expect(403);
    const memberLog = await get(`/api/security-events?userId=${a.users.member.id}&limit=500`);
    expect((memberLog.body.items as typeof reads).some((item) => item.type === 'AuditTrailRead')).toBe(false);
  });
});
