import { runDailyJobs } from '#notifications';
import { rebuildCommand } from '../../apps/cli/src/commands.js';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import { eventually, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

/**
 * The time-driven notifications and the signal answers end to end (docs/notifications.md), against a real
 * SMTP server in the test process and the api's own sender: reminders for next steps and actions due within
 * 7 days (Belgian time, a controlled clock handed to the daily job: no waiting for real days), a partner's
 * signal answered or closed to the partner who sent it, each arriving exactly once; and a rebuild of the
 * read models by the CLI (all, and `notifications` by name) that sends nothing again.
 */

describe('notifications: reminders, signal answers, rebuild without re-sending', () => {
  let test: TestApi;
  let t: TenantFixture;
  let smtp: SmtpSink;
  const savedDatabaseUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    test = await startTestApi({
      smtpUrl: smtp.url,
      mailFrom: 'Sociaal beleid <no-reply@stad.test>',
      notificationSender: true,
    });
    t = await seedTenant(test, 'remind');
  });

  afterAll(async () => {
    if (savedDatabaseUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedDatabaseUrl;
    await test?.close();
    await smtp?.close();
  });

  const send = async (
    method: 'post' | 'put',
    path: string,
    body: object,
    token = t.users.coordinator.token,
  ): Promise<Record<string, string>> => {
    const response = await test.http[method](path).set(bearer(token)).send(body);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Record<string, string>;
  };

  const mailsTo = (email: string, subject: RegExp) => smtp.mailsTo(email, subject);

  /** waits until the sender has nothing left to send (every mail row delivered or settled) */
  const settled = () =>
    eventually(
      () =>
        test.api.runtime.readPool.query(
          `select id from nf_outbox where delivery = 'mail' and status not in ('delivered', 'failed', 'uncertain')`,
        ),
      (result) => result.rows.length === 0,
    );

  const projected = (position: string) =>
    test.api.runtime.runner.waitForPosition(position, { timeoutMs: 20_000 });

  it('reminds of next steps and actions due within 7 days (Belgian time), once per item and due date', async () => {
    const { id: meetingId } = await send('post', `/api/working-groups/${t.workingGroupId}/meetings`, {
      title: 'Opvolging winteropvang',
      startsAt: '2038-03-04T14:00:00+01:00',
    });
    await send('post', `/api/meetings/${meetingId}/start`, {});
    const step = (text: string, dueDate: string, owner: object) =>
      send('post', `/api/meetings/${meetingId}/next-steps`, { text, dueDate, ...owner });
    const member = { ownerUserId: t.users.member.id };
    const organisation = { ownerPartnerId: t.partnerId };
    // Thursday 11/03/2038 in Belgium: today + 7 days is 18/03
    await step('Offerte nachtopvang opvragen', '2038-03-18', member);
    await step('Lijst van gezinnen bezorgen', '2038-03-11', organisation);
    await step('Te laat om te herinneren', '2038-03-10', member);
    await step('Nog te ver weg', '2038-03-19', member); // in the window from the next day on
    const due = await t.newAction();
    const done = await t.newAction();
    const far = await t.newAction();
    await send('put', `/api/actions/${due}/due-date`, { dueDate: '2038-03-15' });
    await send('put', `/api/actions/${done}/due-date`, { dueDate: '2038-03-15' });
    await send('put', `/api/actions/${far}/due-date`, { dueDate: '2038-03-25' });
    await send('post', `/api/actions/${done}/status`, { status: 'in_progress' });
    const last = await send('post', `/api/actions/${done}/status`, { status: 'realised' });
    await projected(last.position!);
    await settled();
    const before = smtp.received.length;

    // 06:59 in Brussels (05:59 UTC): not yet
    expect(await runDailyJobs(test.api.runtime.readPool, new Date('2038-03-11T05:59:00Z'))).toEqual([]);
    // 07:30 in Brussels, still 06:30 UTC: the day's jobs run
    expect(await runDailyJobs(test.api.runtime.readPool, new Date('2038-03-11T06:30:00Z'))).toEqual(
      expect.arrayContaining(['reminders']),
    );
    const stepMail = await eventually(
      () => mailsTo(t.users.member.email, /^Volgende stap tegen/),
      (found) => found.length >= 1,
    );
    expect(stepMail[0]!.mail.subject).toBe('Volgende stap tegen 18/03/2038: Offerte nachtopvang opvragen');
    const partnerStep = await eventually(
      () => mailsTo(t.users.partner.email, /^Volgende stap tegen/),
      (found) => found.length >= 1,
    );
    expect(partnerStep[0]!.mail.subject).toBe('Volgende stap tegen 11/03/2038: Lijst van gezinnen bezorgen');
    const actionMail = await eventually(
      () => mailsTo(t.users.partner.email, /^Actie .* verwacht tegen/),
      (found) => found.length >= 1,
    );
    expect(actionMail[0]!.mail.subject).toMatch(/^Actie 3\.1\.\d+ verwacht tegen 15\/03\/2038: Actie \d+$/);
    await settled();
    const reminders = (from: number) =>
      smtp.received
        .slice(from)
        .filter((item) => /verwacht tegen|Volgende stap tegen/.test(item.mail.subject ?? ''))
        .map((item) => `${item.to} ${item.mail.subject}`)
        .sort();
    // due today and in 7 days: yes; yesterday, in 8 days, realised, or later: no
    expect(reminders(before)).toEqual(
      [
        `${t.users.member.email} Volgende stap tegen 18/03/2038: Offerte nachtopvang opvragen`,
        `${t.users.partner.email} Volgende stap tegen 11/03/2038: Lijst van gezinnen bezorgen`,
        `${t.users.partner.email} ${actionMail[0]!.mail.subject}`,
      ].sort(),
    );
    const firstDay = smtp.received.length;

    // later that day: the jobs ran already
    expect(await runDailyJobs(test.api.runtime.readPool, new Date('2038-03-11T15:00:00Z'))).toEqual([]);
    // the next day: only what entered the 7 days (19/03), never a second reminder for the same due date
    expect(await runDailyJobs(test.api.runtime.readPool, new Date('2038-03-12T07:00:00Z'))).toEqual(
      expect.arrayContaining(['reminders']),
    );
    await eventually(
      () => mailsTo(t.users.member.email, /^Volgende stap tegen 19\/03\/2038/),
      (found) => found.length >= 1,
    );
    await new Promise((wait) => setTimeout(wait, 1500));
    await settled();
    expect(reminders(firstDay)).toEqual([
      `${t.users.member.email} Volgende stap tegen 19/03/2038: Nog te ver weg`,
    ]);
    // the viewer and the coordinator own nothing: nothing for them
    expect(mailsTo(t.users.coordinator.email, /tegen/)).toHaveLength(0);
  });

  it('tells the partner who sent a signal that it was answered or closed, exactly once, and nobody else', async () => {
    const answered = await send(
      'post',
      '/api/signals',
      { text: 'Meer gezinnen aan de nachtopvang', urgency: 'high' },
      t.users.partner.token,
    );
    const closed = await send(
      'post',
      '/api/signals',
      { text: 'Wachtlijst sociale woningen', urgency: 'normal' },
      t.users.partner.token,
    );
    await send('post', `/api/signals/${answered.id}/answer`, {
      response: 'We bespreken dit op de volgende werkgroep.',
    });
    await send('post', `/api/signals/${closed.id}/close`, { reason: 'Opgenomen in actie 3.1' });
    const answer = await eventually(
      () => mailsTo(t.users.partner.email, /^Je signaal kreeg een antwoord/),
      (found) => found.length >= 1,
    );
    expect(answer[0]!.mail.text).toContain('We bespreken dit op de volgende werkgroep.');
    const closing = await eventually(
      () => mailsTo(t.users.partner.email, /^Je signaal werd afgesloten/),
      (found) => found.length >= 1,
    );
    expect(closing[0]!.mail.text).toContain('Wachtlijst sociale woningen');
    await settled();
    await new Promise((wait) => setTimeout(wait, 1500));
    expect(mailsTo(t.users.partner.email, /^Je signaal kreeg een antwoord/)).toHaveLength(1);
    expect(mailsTo(t.users.partner.email, /^Je signaal werd afgesloten/)).toHaveLength(1);
    for (const role of ['coordinator', 'member', 'viewer'] as const)
      expect(mailsTo(t.users[role].email, /^Je signaal/)).toHaveLength(0);
  });

  it('rebuilds every read model and the notifications projection by name from the CLI without sending a mail again', async () => {
    await settled();
    const outbox = async () =>
      (
        await test.api.runtime.readPool.query<{ id: string; status: string; read_at: Date | null }>(
          `select id, status, read_at from nf_outbox order by id`,
        )
      ).rows;
    const before = await outbox();
    expect(before.length).toBeGreaterThanOrEqual(7);
    expect(before.every((row) => row.status === 'delivered')).toBe(true);
    const sent = smtp.received.length;
    // the api's projections stand down (a rebuild is refused while a process runs them); its sender keeps going
    await test.api.runtime.runner.stop();
    process.env.DATABASE_URL = test.api.databaseUrl;
    const logs: string[] = [];
    const log = console.log;
    console.log = (line: unknown) => void logs.push(String(line));
    try {
      await rebuildCommand(['notifications']);
      await rebuildCommand([]);
    } finally {
      console.log = log;
    }
    expect(logs.join('\n')).toMatch(/rebuilt notifications: \d+ events/);
    expect(logs.join('\n')).toMatch(/rebuilt .*notifications.*: \d+ events/);
    // the replay saw every event again (all fresh enough to notify), yet the outbox is the same ledger
    expect(await outbox()).toEqual(before);
    await new Promise((wait) => setTimeout(wait, 3000));
    expect(smtp.received.length).toBe(sent);
    expect(await outbox()).toEqual(before);
  });
});
