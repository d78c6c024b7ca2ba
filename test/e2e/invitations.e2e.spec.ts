import type { ParsedMail } from 'mailparser';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';
import { eventually, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

/**
 * Invitations (issue 14, part 3): a coordinator creates an account without a password; the person gets one
 * mail (the notifications outbox, a real SMTP server here) with a signed link that sets the password once,
 * until it expires; then she signs in.
 */
describe('invitations: invite, mail, set the password, sign in', () => {
  let test: TestApi;
  let fx: TenantFixture;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    test = await startTestApi({
      smtpUrl: smtp.url,
      mailFrom: 'Sociaal beleid <no-reply@stad.test>',
      jwtSecret: 'invitations-e2e-secret-0123456789abcdef',
    });
    fx = await seedTenant(test, 'invite');
  });

  afterAll(async () => {
    await test?.close();
    await smtp?.close();
  });

  const coordinator = () => bearer(fx.users.coordinator.token);
  const mailsTo = (email: string) => smtp.mailsTo(email);

  /** the set-password link of the n-th mail to the address, once it arrived */
  async function linkOf(email: string, count = 1): Promise<{ url: URL; token: string; mail: ParsedMail }> {
    const mails = await eventually(
      () => mailsTo(email),
      (list) => list.length >= count,
    );
    const mail = mails[count - 1]!.mail;
    const found = /(https?:\/\/\S+\/invitation\?token=\S+)/.exec(mail.text ?? '');
    expect(found).not.toBeNull();
    const url = new URL(found![1]!);
    return { url, token: url.searchParams.get('token')!, mail };
  }

  const invite = (email: string, name: string) =>
    test.http
      .post('/api/users/invitations')
      .set(coordinator())
      .send({ email, name, role: 'member' })
      .expect(201);
  const login = (email: string, password: string) =>
    test.http.post('/api/auth/login').send({ email, password });

  it('lets only a coordinator invite', async () => {
    const body = { email: 'niemand@invite.test', name: 'Niemand', role: 'member' };
    await test.http.post('/api/users/invitations').send(body).expect(401);
    for (const role of ['member', 'partner', 'viewer'] as const) {
      await test.http.post('/api/users/invitations').set(bearer(fx.users[role].token)).send(body).expect(403);
      await test.http
        .post(`/api/users/${fx.users.member.id}/invitation`)
        .set(bearer(fx.users[role].token))
        .expect(403);
    }
    expect(mailsTo('niemand@invite.test')).toHaveLength(0);
  });

  it('mails the link exactly once; the link sets the password once; then she signs in', async () => {
    const email = 'an.invite@invite.test';
    const invited = await invite(email, 'An Uitgenodigd');
    const { expiresAt } = invited.body as { expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(6 * 24 * 3600_000);
    const { token, mail } = await linkOf(email);
    expect(mail.subject).toBe('Je account in het platform sociaal beleid: kies je wachtwoord');
    expect(mail.text).toContain('coordinator of invite heeft een account voor je aangemaakt');
    expect(mail.text).toMatch(/geldig tot \d{2}\/\d{2}\/\d{4}/);
    // no second copy comes later
    await new Promise((wait) => setTimeout(wait, 2500));
    expect(mailsTo(email)).toHaveLength(1);

    // before: no password works
    expect((await login(email, 'correct horse battery')).status).toBe(401);
    const check = await test.http.post('/api/invitations/check').send({ token }).expect(200);
    expect(check.body).toMatchObject({ email, name: 'An Uitgenodigd' });

    // an altered link is not ours; a short password is refused and the link still works
    const altered = await test.http
      .post('/api/invitations/accept')
      .send({ token: `${token.slice(0, -2)}xx`, password: 'een goed wachtwoord' })
      .expect(422);
    expect((altered.body as { code: string }).code).toBe('USER.INVITATION_INVALID');
    const short = await test.http
      .post('/api/invitations/accept')
      .send({ token, password: 'kort' })
      .expect(422);
    expect((short.body as { code: string }).code).toBe('USER.PASSWORD_TOO_SHORT');

    await test.http
      .post('/api/invitations/accept')
      .send({ token, password: 'een goed wachtwoord' })
      .expect(200);
    const signedIn = await login(email, 'een goed wachtwoord');
    expect(signedIn.status).toBe(200);
    expect((signedIn.body as { accessToken: string }).accessToken).toBeTruthy();

    // the link cannot be used twice
    const again = await test.http
      .post('/api/invitations/accept')
      .send({ token, password: 'een ander wachtwoord' })
      .expect(422);
    expect((again.body as { code: string }).code).toBe('USER.INVITATION_USED');
    expect((await login(email, 'een ander wachtwoord')).status).toBe(401);
    expect((await test.http.post('/api/invitations/check').send({ token }).expect(422)).body).toMatchObject({
      code: 'USER.INVITATION_USED',
    });
  });

  it('makes an earlier link void when a new invitation is sent', async () => {
    const email = 'bart.invite@invite.test';
    const { userId } = (await invite(email, 'Bart Opnieuw')).body as { userId: string };
    const first = await linkOf(email, 1);
    await test.http.post(`/api/users/${userId}/invitation`).set(coordinator()).expect(200);
    const second = await linkOf(email, 2);
    expect(second.token).not.toBe(first.token);
    const old = await test.http
      .post('/api/invitations/accept')
      .send({ token: first.token, password: 'een goed wachtwoord' })
      .expect(422);
    expect((old.body as { code: string }).code).toBe('USER.INVITATION_USED');
    await test.http
      .post('/api/invitations/accept')
      .send({ token: second.token, password: 'een goed wachtwoord' })
      .expect(200);
    expect((await login(email, 'een goed wachtwoord')).status).toBe(200);
  });

  it('refuses a link after it expired', async () => {
    const config = test.api.runtime.config;
    const ttl = config.invitationTtlSeconds;
    config.invitationTtlSeconds = 2;
    try {
      const email = 'cas.invite@invite.test';
      await invite(email, 'Cas Te Laat');
      const { token } = await linkOf(email);
      await new Promise((wait) => setTimeout(wait, 2500));
      const late = await test.http
        .post('/api/invitations/accept')
        .send({ token, password: 'een goed wachtwoord' })
        .expect(422);
      expect((late.body as { code: string }).code).toBe('USER.INVITATION_EXPIRED');
      expect((await login(email, 'een goed wachtwoord')).status).toBe(401);
    } finally {
      config.invitationTtlSeconds = ttl;
    }
  });
});
