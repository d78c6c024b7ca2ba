import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { meetingStreamId } from '#domain';
import { START } from '#event-store';
import type { LiveEvent } from '#realtime-client';
import {
  PASSWORD,
  bearer,
  login,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import {
  readModelRowsWith as rowsWith,
  storedEventsPlaintext as storedPlaintext,
  storedEventsText as storedText,
} from '../support/erasure-checks.js';
import { ensureBuilt } from '../support/child-api.js';
import { RoomRecorder, liveClient } from '../support/live.js';

/**
 * Crypto-shredding end to end (issue 18, part 3; docs/privacy.md): personal fields are stored encrypted, an
 * erasure deletes the subject's key, and the minutes, the meeting's history, the audit trail and its export,
 * live pushes, the read models and a rebuild show "gewist" / "erased" where the data was, while `verify` still
 * passes. Also: a user erased, a signal's reporter erased, a guest whose events predate encryption.
 */

let test: TestApi;
let fx: TenantFixture;
let db: pg.Pool;

const GUEST = 'Greet Verstraete';
const ORGANISATION = 'Buurtwerk Zuid';
const LEGACY_GUEST = 'Lien Oudevent';

beforeAll(async () => {
  ensureBuilt(); // the CLI runs from the build
  test = await startTestApi();
  fx = await seedTenant(test, 'shred');
  db = new pg.Pool({ connectionString: test.api.databaseUrl, max: 2 });
}, 300_000);

afterAll(async () => {
  await db?.end();
  await test?.close();
});

const coordinator = () => bearer(fx.users.coordinator.token);

async function post(path: string, body: object, status = 201, headers: Record<string, string> = {}) {
  const response = await test.http.post(path).set(coordinator()).set(headers).send(body);
  if (response.status !== status)
    throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; position: string; [key: string]: unknown };
}

async function get(path: string, minPosition?: string) {
  const sep = path.includes('?') ? '&' : '?';
  const response = await test.http
    .get(minPosition ? `${path}${sep}minPosition=${minPosition}` : path)
    .set(coordinator());
  if (response.status !== 200)
    throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

const waitFor = (position: string) =>
  test.api.runtime.runner.waitForPosition(position, { timeoutMs: 10_000 });

/** the notifications' tables (libs/notifications), fed by the outbox projection */
const NOTIFICATION_TABLES = [
  'nf_recipients',
  'nf_signals',
  'nf_meetings',
  'nf_next_steps',
  'nf_outbox',
  'nf_mails',
];

/** rows of every read-model and notification table whose text holds `needle` (case-insensitive) */
const readModelRowsWith = (needle: string) => rowsWith(db, NOTIFICATION_TABLES, needle);

/** the raw stored data of the tenant's events (what the events table holds), as text */
const storedEventsText = () => storedText(db, fx.tenantId);
/** the same with the random parts of the sealed fields blanked: a name found in it was stored in plaintext */
const storedEventsPlaintext = () => storedPlaintext(db, fx.tenantId);

describe('a guest who attended a meeting and is named in its minutes, erased', () => {
  let meetingId = '';
  let erasurePosition = '';

  it('stores the guest encrypted, shows her in the minutes while her key exists', async () => {
    meetingId = (
      await post(`/api/working-groups/${fx.workingGroupId}/meetings`, {
        title: 'Werkgroep wonen',
        startsAt: '2026-03-05T14:00:00+01:00',
      })
    ).id;
    const path = `/api/meetings/${meetingId}`;
    await post(`${path}/start`, {}, 200);
    await post(`${path}/attendance`, { userId: fx.users.member.id, status: 'present' }, 200);
    await post(
      `${path}/attendance`,
      { guestName: GUEST, organisation: ORGANISATION, status: 'present' },
      200,
    );
    const ended = await post(`${path}/end`, {}, 200);
    await waitFor(ended.position);

    const minutes = (await get(`${path}/minutes`)).text;
    expect(minutes).toContain(GUEST);
    expect(minutes).toContain(ORGANISATION);
    // at rest: the events hold ciphertext only, never the name (nor her attendee id, which held the name)
    expect(await storedEventsText()).toContain('"$pd": 1');
    const stored = await storedEventsPlaintext();
    expect(stored).not.toMatch(/greet/i);
    expect(stored).not.toContain(ORGANISATION);
    // the write side reads it back (the meeting's state knows its guest)
    const detail = (await get(path)).body as { attendees: { guestName: string | null }[] };
    expect(detail.attendees.map((a) => a.guestName)).toContain(GUEST);
  });

  it('erases her: the key is deleted and ErasureRecorded says who, when and why, without her name', async () => {
    // a live client in the meeting's room before the erasure
    const client = liveClient(test.api.url, fx.users.coordinator.token);
    try {
      const erased = await post(
        '/api/erasures',
        { kind: 'guest', guestName: 'greet verstraete ', legalGround: 'consent-withdrawn' },
        201,
        { 'Idempotency-Key': `erase-${randomUUID()}` },
      );
      expect(erased).toMatchObject({ keysErased: 1, duplicate: false, erasureId: expect.any(String) });
      erasurePosition = erased.position;
      await waitFor(erasurePosition);

      const events = (await test.api.runtime.store.readStream(`tenant-${fx.tenantId}`)).filter(
        (e) => e.type === 'ErasureRecorded',
      );
      expect(events).toHaveLength(1);
      expect(events[0]!.data).toMatchObject({
        kind: 'guest',
        legalGround: 'consent-withdrawn',
        keysErased: 1,
      });
      expect(JSON.stringify(events[0])).not.toMatch(/greet/i);
      expect(events[0]!.metadata.actorId).toBe(fx.users.coordinator.id);

      // a push replayed after the erasure (a client joining from the start) carries the erased marker
      const recorder = new RoomRecorder(client, `meeting:${meetingId}`, START);
      await recorder.until(
        () => recorder.events.some((e) => e.type === 'MeetingAttendanceRecorded' && isGuest(e)),
        'the guest attendance',
      );
      const pushed = recorder.events.filter((e) => e.type === 'MeetingAttendanceRecorded' && isGuest(e));
      expect(JSON.stringify(pushed)).not.toMatch(/greet/i);
      expect(pushed[0]!.data).toMatchObject({ guestName: '[erased]', organisation: '[erased]' });
      expect(pushed[0]!.summary.nl).toContain('gewist');
      expect(pushed[0]!.summary.en).toContain('erased');
      recorder.leave();
    } finally {
      client.close();
    }
  });

  it('shows "gewist" / "erased" in the minutes, the meeting, its history, the audit trail and its export', async () => {
    const path = `/api/meetings/${meetingId}`;
    const nl = (await get(`${path}/minutes`, erasurePosition)).text;
    expect(nl).not.toMatch(/greet/i);
    expect(nl).not.toContain(ORGANISATION);
    expect(nl).toContain('gewist');
    const en = (await get(`${path}/minutes?lang=en`, erasurePosition)).text;
    expect(en).not.toMatch(/greet/i);
    expect(en).toContain('erased');

    const detail = (await get(path, erasurePosition)).body as { attendees: { guestName: string | null }[] };
    expect(JSON.stringify(detail)).not.toMatch(/greet/i);
    expect(detail.attendees.map((a) => a.guestName)).toContain('[erased]');

    const feed = (await get(`${path}/feed`, erasurePosition)).body;
    expect(JSON.stringify(feed)).not.toMatch(/greet/i);
    expect(JSON.stringify(feed)).toContain('gewist');

    const audit = (await get('/api/audit?limit=200', erasurePosition)).body as {
      entries?: unknown[];
      items?: unknown[];
    };
    const auditText = JSON.stringify(audit);
    expect(auditText).not.toMatch(/greet/i);
    expect(auditText).toContain('ErasureRecorded');
    expect(auditText).toContain('Persoonsgegevens gewist');
    for (const format of ['csv', 'json']) {
      const exported = await get(`/api/audit/export?format=${format}`, erasurePosition);
      expect(exported.text).not.toMatch(/greet/i);
      expect(exported.text).not.toContain(ORGANISATION);
    }
    // nothing of her is left in any read model
    expect(await readModelRowsWith('greet')).toEqual([]);
    expect(await readModelRowsWith(ORGANISATION)).toEqual([]);
  });

  it('a rebuild does not bring her back, and the hash chain still verifies', async () => {
    const result = await test.api.runtime.runner.rebuild('all');
    expect(result.completed).toBe(true);
    expect(await readModelRowsWith('greet')).toEqual([]);
    const minutes = (await get(`/api/meetings/${meetingId}/minutes`)).text;
    expect(minutes).not.toMatch(/greet/i);
    expect(minutes).toContain('gewist');

    const verify = (await get('/api/audit/verify')).body as { ok: boolean; problems: unknown[] };
    expect(verify).toMatchObject({ ok: true, problems: [] });
  });

  it('a guest with the same name later gets a new key: her new data reads, the erased data stays erased', async () => {
    const path = `/api/meetings/${meetingId}`;
    const again = await post(`/api/working-groups/${fx.workingGroupId}/meetings`, {
      title: 'Werkgroep wonen april',
      startsAt: '2026-04-02T14:00:00+02:00',
    });
    const next = `/api/meetings/${again.id}`;
    await post(`${next}/start`, {}, 200);
    const attended = await post(`${next}/attendance`, { guestName: GUEST, status: 'present' }, 200);
    await waitFor(attended.position);
    expect((await get(`${next}/minutes`)).text).toContain(GUEST);
    expect((await get(`${path}/minutes`)).text).not.toMatch(/greet/i);
  });
});

describe('a guest whose attendance was written before encryption (legacy plaintext)', () => {
  it('is masked on every read after her erasure; the old row still holds the plaintext (documented limit)', async () => {
    const meetingId = (
      await post(`/api/working-groups/${fx.workingGroupId}/meetings`, {
        title: 'Werkgroep van vroeger',
        startsAt: '2025-01-07T14:00:00+01:00',
      })
    ).id;
    const started = await post(`/api/meetings/${meetingId}/start`, {}, 200);
    // an event as the product wrote it before this change: plaintext, no schema version, appended to the
    // adapter under the personal-data layer
    const inner = (test.api.runtime.store as unknown as { inner: typeof test.api.runtime.store }).inner;
    const legacy = await inner.appendToStream(meetingStreamId(meetingId), [
      {
        id: randomUUID(),
        type: 'MeetingAttendanceRecorded',
        data: {
          meetingId,
          attendeeId: `guest:${LEGACY_GUEST.toLowerCase()}`,
          userId: null,
          guestName: LEGACY_GUEST,
          partnerId: null,
          organisation: null,
          status: 'present',
          from: null,
        },
        metadata: { ...fx.context, occurredAt: new Date().toISOString(), meetingId },
      },
    ]);
    expect(legacy.position > started.position).toBe(true);
    await waitFor(legacy.position);
    expect((await get(`/api/meetings/${meetingId}/minutes`)).text).toContain(LEGACY_GUEST);

    const erased = await post('/api/erasures', {
      kind: 'guest',
      guestName: LEGACY_GUEST,
      legalGround: 'objection',
    });
    // no key: only the redaction entry (a tombstone in the key table)
    expect(erased.keysErased).toBe(0);
    await waitFor(erased.position);
    const minutes = (await get(`/api/meetings/${meetingId}/minutes`, erased.position)).text;
    expect(minutes).not.toContain(LEGACY_GUEST);
    expect(minutes).toContain('gewist');
    expect(await readModelRowsWith('oudevent')).toEqual([]);
    const read = await test.api.runtime.store.readStream(meetingStreamId(meetingId));
    expect(JSON.stringify(read)).not.toContain(LEGACY_GUEST);
    // the limit: the stored row was never rewritten
    expect(await storedEventsText()).toContain(LEGACY_GUEST);
    expect(((await get('/api/audit/verify')).body as { ok: boolean }).ok).toBe(true);
  });
});

describe('a user erased', () => {
  it('needs a disabled account; then her name and e-mail are gone everywhere and she cannot sign in', async () => {
    const email = 'karel.vergeten@shred.test';
    const user = await post('/api/users', {
      email,
      name: 'Karel Vergeten',
      role: 'member',
      password: PASSWORD,
    });
    await login(test, email);
    const active = await test.http
      .post('/api/erasures')
      .set(coordinator())
      .send({ kind: 'user', userId: user.id, legalGround: 'no-longer-necessary' });
    expect([active.status, active.body.code]).toEqual([422, 'ERASURE.USER_ACTIVE']);

    await post(`/api/users/${user.id}/disable`, { reason: 'Karel Vergeten vertrok naar Gent' }, 200);
    const erased = await post('/api/erasures', {
      kind: 'user',
      userId: user.id,
      legalGround: 'no-longer-necessary',
    });
    expect(erased.keysErased).toBe(1);
    await waitFor(erased.position);

    expect(await readModelRowsWith('vergeten')).toEqual([]);
    expect(await readModelRowsWith(email)).toEqual([]);
    const users = (await get('/api/users', erased.position)).text;
    expect(users).not.toMatch(/vergeten/i);
    const audit = (await get('/api/audit?limit=200', erased.position)).text;
    expect(audit).not.toMatch(/vergeten/i);
    const security = (await get('/api/security-events', erased.position)).text;
    expect(security).not.toMatch(/vergeten/i);
    expect(await storedEventsPlaintext()).not.toMatch(/vergeten/i);
    // the account row went with it: the address no longer signs in
    const signIn = await test.http.post('/api/auth/login').send({ email, password: PASSWORD });
    expect(signIn.status).toBe(401);
    const { rows } = await db.query('select 1 from auth_accounts where user_id = $1', [user.id]);
    expect(rows).toHaveLength(0);
  });

  it('refuses an unknown user (404) and malformed subjects (400)', async () => {
    const unknown = await test.http
      .post('/api/erasures')
      .set(coordinator())
      .send({ kind: 'user', userId: randomUUID(), legalGround: 'objection' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'USER.NOT_FOUND']);
    for (const body of [
      { kind: 'user', legalGround: 'objection' },
      { kind: 'guest', guestName: '', legalGround: 'objection' },
      { kind: 'guest', guestName: 'X', legalGround: 'because' },
      { kind: 'someone', legalGround: 'objection' },
      { kind: 'guest', guestName: 'X', userId: randomUUID(), legalGround: 'objection' },
    ]) {
      const response = await test.http.post('/api/erasures').set(coordinator()).send(body);
      expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 400]);
      expect(response.body.code).toMatch(/^REQUEST\./);
    }
  });
});

describe("a signal's reporter erased", () => {
  it('removes the named source from the signal, its history and the action history', async () => {
    const actionId = await fx.newAction();
    const signal = await post('/api/signals', {
      source: 'Mevrouw Lutgarde Peeters',
      text: 'De huur is te hoog voor alleenstaanden',
      actionIds: [actionId],
    });
    await waitFor(signal.position);
    expect((await get(`/api/signals/${signal.id}`)).text).toContain('Lutgarde');

    const erased = await post('/api/erasures', {
      kind: 'signal-reporter',
      signalId: signal.id,
      legalGround: 'consent-withdrawn',
    });
    expect(erased.keysErased).toBe(1);
    await waitFor(erased.position);
    const detail = (await get(`/api/signals/${signal.id}`, erased.position)).body as {
      source: string | null;
    };
    expect(detail.source).toBe('[erased]');
    expect((await get(`/api/signals/${signal.id}/history`, erased.position)).text).not.toContain('Lutgarde');
    expect((await get(`/api/actions/${actionId}/history`, erased.position)).text).not.toContain('Lutgarde');
    expect(await readModelRowsWith('lutgarde')).toEqual([]);
    // the text of the signal is not the reporter's personal data: it stays
    expect((await get(`/api/signals/${signal.id}`)).text).toContain('De huur is te hoog');
    const unknown = await test.http
      .post('/api/erasures')
      .set(coordinator())
      .send({ kind: 'signal-reporter', signalId: randomUUID(), legalGround: 'objection' });
    expect(unknown.status).toBe(404);
  });
});

describe('npm run cli -- erase', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['dist/apps/cli/src/main.js', ...args], {
      env: { ...process.env, DATABASE_URL: test.api.databaseUrl, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('erases a guest like the api does, and refuses a command naming no or two subjects', async () => {
    const meetingId = (
      await post(`/api/working-groups/${fx.workingGroupId}/meetings`, {
        title: 'Werkgroep juni',
        startsAt: '2026-06-04T14:00:00+02:00',
      })
    ).id;
    await post(`/api/meetings/${meetingId}/start`, {}, 200);
    const attended = await post(
      `/api/meetings/${meetingId}/attendance`,
      { guestName: 'Wout Vanderlijn', status: 'present' },
      200,
    );
    await waitFor(attended.position);
    expect((await get(`/api/meetings/${meetingId}/minutes`)).text).toContain('Wout Vanderlijn');

    const twice = cli(
      'erase',
      '--tenant',
      fx.tenantId,
      '--guest',
      'x',
      '--user',
      randomUUID(),
      '--ground',
      'objection',
    );
    expect(twice.status).not.toBe(0);
    expect(twice.stderr).toContain('exactly one subject');
    const badGround = cli('erase', '--tenant', fx.tenantId, '--guest', 'x', '--ground', 'because');
    expect(badGround.status).not.toBe(0);
    expect(badGround.stderr).toContain('--ground must be one of');

    const erased = cli(
      'erase',
      '--tenant',
      fx.tenantId,
      '--guest',
      'Wout Vanderlijn',
      '--ground',
      'objection',
    );
    expect([erased.status, erased.stderr]).toEqual([0, expect.any(String)]);
    expect(erased.stdout).toMatch(/erasure \S+ recorded at \d+-\d+: 1 key\(s\) deleted \(guest\)/);
    const position = /recorded at (\S+):/.exec(erased.stdout)![1]!;
    const minutes = (await get(`/api/meetings/${meetingId}/minutes`, position)).text;
    expect(minutes).not.toContain('Wout Vanderlijn');
    expect(minutes).toContain('gewist');
  });
});

function isGuest(event: LiveEvent): boolean {
  return (event.data as { userId?: string | null }).userId === null;
}
