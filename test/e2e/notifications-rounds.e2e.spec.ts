import { randomUUID } from 'node:crypto';
import { CommandExecutor } from '#commands';
import { belgianToday, periodDecider } from '#domain';
import { runDailyJobs } from '#notifications';
import {
  bearer,
  login,
  PASSWORD,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import { eventually, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

/**
 * Update rounds by mail end to end (docs/notifications.md, "Update rounds"), against a real SMTP server in the
 * test process and the api's own sender: a started round mails each lead organisation's partner users the
 * actions it leads with the deadline and the link to Mijn updates (not another organisation's actions, nobody
 * else); the daily job reminds, 3 days before and on the deadline (a controlled clock), only the organisations
 * that still miss updates, once per stage; who unsubscribed gets no mail (the bell still lists it).
 */

const addDays = (isoDate: string, days: number): string =>
  new Date(Date.parse(`${isoDate}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const belgian = (isoDate: string): string => isoDate.split('-').reverse().join('/');
/** 07:30 in Brussels on that day (06:30 UTC in winter, 05:30 in summer: both after 07:00 there) */
const morningOf = (isoDate: string): Date => new Date(`${isoDate}T06:30:00Z`);

describe('notifications: update rounds and their reminders', () => {
  let test: TestApi;
  let t: TenantFixture;
  let smtp: SmtpSink;
  const today = belgianToday(new Date());
  const year = Number(today.slice(0, 4));
  const deadline = addDays(today, 10);
  let leadOnly: { email: string; token: string };
  let other: { email: string; token: string };
  let periodId: string;
  const actions: Record<'a' | 'b' | 'foreign', string> = { a: '', b: '', foreign: '' };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    test = await startTestApi({
      smtpUrl: smtp.url,
      mailFrom: 'Sociaal beleid <no-reply@stad.test>',
      notificationSender: true,
    });
    t = await seedTenant(test, 'rounds');
    const user = async (name: string, partnerId: string) => {
      const email = `${name}@${t.tenantId}.test`;
      await send('post', '/api/users', { email, name, role: 'partner', partnerId, password: PASSWORD });
      return { email, token: await login(test, email) };
    };
    // a second user of the lead organisation (CAW), who wants no mails, and a user of the other one (OCMW)
    leadOnly = await user('caw-stil', t.partnerId);
    other = await user('ocmw', t.otherPartnerId);
    await test.http
      .put('/api/notifications/preferences')
      .set(bearer(leadOnly.token))
      .send({ mode: 'none', language: 'nl' })
      .expect(200);
    actions.a = await t.newAction(); // 3.1.1, led by CAW
    actions.b = await t.newAction(); // 3.1.2, led by CAW
    actions.foreign = await t.newForeignAction(); // 4.1.3, led by OCMW
    periodId = (await send('post', `/api/plans/${t.planId}/periods`, { kind: 'year', year })).id!;
  });

  afterAll(async () => {
    await test?.close();
    await smtp?.close();
  });

  async function send(
    method: 'post' | 'put',
    path: string,
    body: object,
    token = t.users.coordinator.token,
  ): Promise<Record<string, string>> {
    const response = await test.http[method](path).set(bearer(token)).send(body);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Record<string, string>;
  }

  const periodPath = () => `/api/plans/${t.planId}/periods/${periodId}`;
  const projected = (position: string) =>
    test.api.runtime.runner.waitForPosition(position, { timeoutMs: 20_000 });
  /** waits until the sender has nothing left to send (every mail row delivered or settled) */
  const settled = () =>
    eventually(
      () =>
        test.api.runtime.readPool.query(
          `select id from nf_outbox where delivery = 'mail' and status not in ('delivered', 'failed', 'uncertain')`,
        ),
      (result) => result.rows.length === 0,
    );
  const roundMails = (from = 0) =>
    smtp.received
      .slice(from)
      .filter((item) => /update/.test(item.mail.subject ?? ''))
      .map((item) => `${item.to} ${item.mail.subject}`)
      .sort();

  it('a started round mails each lead organisation its own actions, the deadline and the link to Mijn updates', async () => {
    const started = await send('post', `${periodPath()}/rounds`, { deadline, scope: 'all' });
    await projected(started.position!);
    const subject = `Vraag om je update voor ${year}: tegen ${belgian(deadline)}`;
    const [mine] = await eventually(
      () => smtp.mailsTo(t.users.partner.email, /^Vraag om je update/),
      (found) => found.length >= 1,
    );
    expect(mine!.mail.subject).toBe(subject);
    const text = mine!.mail.text ?? '';
    expect(text).toContain('• 3.1.1 Actie 1\n• 3.1.2 Actie 2\n');
    expect(text).not.toContain('4.1.3');
    expect(text).toContain(`tegen ${belgian(deadline)}`);
    expect(text).toMatch(/Openen in de app: http\S+\/my-updates\n/);
    const [theirs] = await eventually(
      () => smtp.mailsTo(other.email, /^Vraag om je update/),
      (found) => found.length >= 1,
    );
    expect(theirs!.mail.text).toContain('• 4.1.3 Actie 3\n');
    expect(theirs!.mail.text).not.toContain('3.1.');
    await settled();
    await new Promise((wait) => setTimeout(wait, 1500));
    // one mail each; the CAW user who chose no mails, the coordinator, member and viewer get none
    expect(roundMails()).toEqual([`${other.email} ${subject}`, `${t.users.partner.email} ${subject}`].sort());
    // the one who wants no mails still sees it in the app
    const bell = await test.http.get('/api/notifications').set(bearer(leadOnly.token)).expect(200);
    expect(
      (bell.body as { items: { title: { nl: string }; delivery: string; link: string }[] }).items,
    ).toEqual([
      expect.objectContaining({
        title: expect.objectContaining({ nl: subject }),
        delivery: 'app',
        link: '/my-updates',
      }),
    ]);
  });

  it('reminds 3 days before and on the deadline only the organisations still missing updates, once per stage', async () => {
    // OCMW updates its one action; CAW updates one of its two
    await send(
      'post',
      `${periodPath()}/updates`,
      { actionId: actions.foreign, narrative: 'Gestart.' },
      other.token,
    );
    const last = await send(
      'post',
      `${periodPath()}/updates`,
      { actionId: actions.a, narrative: 'Twaalf woningen.' },
      t.users.partner.token,
    );
    await projected(last.position!);
    const before = smtp.received.length;
    // 4 days before: not yet
    expect(await runDailyJobs(test.api.runtime.readPool, morningOf(addDays(deadline, -4)))).toContain(
      'reminders',
    );
    await new Promise((wait) => setTimeout(wait, 1000));
    await settled();
    expect(roundMails(before)).toEqual([]);
    // 3 days before: CAW, for the action still missing
    expect(await runDailyJobs(test.api.runtime.readPool, morningOf(addDays(deadline, -3)))).toContain(
      'reminders',
    );
    const [reminder] = await eventually(
      () => smtp.mailsTo(t.users.partner.email, /^Herinnering: je update/),
      (found) => found.length >= 1,
    );
    expect(reminder!.mail.subject).toBe(
      `Herinnering: je update voor ${year} is verwacht tegen ${belgian(deadline)}`,
    );
    expect(reminder!.mail.text).toContain('ontbreekt je update nog (1):\n• 3.1.2 Actie 2\n');
    expect(reminder!.mail.text).not.toContain('3.1.1');
    // the next day: the "before" reminder is not sent again
    expect(await runDailyJobs(test.api.runtime.readPool, morningOf(addDays(deadline, -2)))).toContain(
      'reminders',
    );
    await new Promise((wait) => setTimeout(wait, 1500));
    await settled();
    expect(roundMails(before)).toEqual([`${t.users.partner.email} ${reminder!.mail.subject}`]);

    // on the deadline: again, the day's wording
    const dayBefore = smtp.received.length;
    expect(await runDailyJobs(test.api.runtime.readPool, morningOf(deadline))).toContain('reminders');
    const [due] = await eventually(
      () => smtp.mailsTo(t.users.partner.email, /vandaag verwacht/),
      (found) => found.length >= 1,
    );
    expect(due!.mail.subject).toBe(
      `Herinnering: je update voor ${year} is vandaag verwacht (${belgian(deadline)})`,
    );
    await new Promise((wait) => setTimeout(wait, 1500));
    await settled();
    expect(roundMails(dayBefore)).toEqual([`${t.users.partner.email} ${due!.mail.subject}`]);
  });

  let attempt = 0;
  it('an unsubscribed lead gets no reminder (the bell still lists it)', async () => {
    // a second round in a new period; the CAW partner user unsubscribes with the link in its round mail. A
    // retry (CI) gets its own deadline, so the first attempt's round is not reminded on the retry's morning.
    attempt++;
    const next = (await send('post', `/api/plans/${t.planId}/periods`, { kind: 'year', year: year + 1 })).id!;
    const nextDeadline = addDays(deadline, 20 * attempt);
    const started = await send('post', `/api/plans/${t.planId}/periods/${next}/rounds`, {
      deadline: nextDeadline,
      scope: 'all',
    });
    await projected(started.position!);
    const [mail] = await eventually(
      () => smtp.mailsTo(t.users.partner.email, new RegExp(`^Vraag om je update voor ${year + 1}`)),
      (found) => found.length >= 1,
    );
    const header = mail!.mail.headerLines.find((line) => line.key === 'list-unsubscribe')?.line ?? '';
    const link = /<(http[^>]+)>/.exec(header.replace(/\r?\n\s+/g, ''))![1]!;
    const url = new URL(link);
    await test.http
      .post(`${url.pathname}${url.search}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    await eventually(
      () => test.http.get('/api/notifications/preferences').set(bearer(t.users.partner.token)),
      (response) => (response.body as { mode: string }).mode === 'none',
    );
    await settled();
    const before = smtp.received.length;
    expect(await runDailyJobs(test.api.runtime.readPool, morningOf(addDays(nextDeadline, -3)))).toContain(
      'reminders',
    );
    // OCMW still misses its update in the new round: it is reminded, the unsubscribed CAW user is not
    await eventually(
      () => smtp.mailsTo(other.email, new RegExp(`^Herinnering: je update voor ${year + 1}`)),
      (found) => found.length >= 1,
    );
    await new Promise((wait) => setTimeout(wait, 1500));
    await settled();
    expect(smtp.received.slice(before).map((item) => item.to)).toEqual([other.email]);
    const bell = await test.http.get('/api/notifications').set(bearer(t.users.partner.token)).expect(200);
    expect((bell.body as { items: { title: { nl: string }; delivery: string }[] }).items[0]).toMatchObject({
      title: { nl: `Herinnering: je update voor ${year + 1} is verwacht tegen ${belgian(nextDeadline)}` },
      delivery: 'app',
    });
  });

  it('a round written by the demo clock (dated more than 48 hours back) mails nobody', async () => {
    const old = (await send('post', `/api/plans/${t.planId}/periods`, { kind: 'year', year: year + 2 })).id!;
    const before = smtp.received.length;
    const written = await new CommandExecutor(test.api.runtime.store).execute(
      periodDecider,
      old,
      {
        type: 'StartUpdateRound',
        data: {
          periodId: old,
          roundId: randomUUID(),
          deadline: addDays(today, 5),
          scope: 'all',
          requests: [{ actionId: actions.b, leadPartnerId: t.partnerId }],
        },
      },
      { ...t.context, now: new Date(Date.now() - 72 * 3600_000).toISOString(), demoClock: true },
    );
    await projected(written.position);
    const { rows } = await test.api.runtime.readPool.query(
      `select id from nf_outbox where kind = 'update_round' and payload->>'periodId' = $1`,
      [old],
    );
    expect(rows).toEqual([]);
    await new Promise((wait) => setTimeout(wait, 1000));
    expect(smtp.received.length).toBe(before);
  });
});
