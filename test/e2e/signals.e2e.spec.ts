import { randomUUID } from 'node:crypto';
import {
  PASSWORD,
  bearer,
  login,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/**
 * A partner signal over REST, from submission to closing (docs/signals.md): the partner's inbox, another
 * partner who sees nothing of it, the coordinator and the working group handling it, the action's history,
 * the lifecycle's refusals and bad input.
 */
let test: TestApi;
let fx: TenantFixture;
let otherPartnerToken: string;
let actionId: string;
let signalId: string;
let position: string;

interface Body {
  [key: string]: unknown;
}

async function call(
  token: string,
  method: 'get' | 'post',
  path: string,
  body?: object,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Body }> {
  const request = test.http[method](path).set(bearer(token)).set(headers);
  const response = body ? await request.send(body) : await request;
  return { status: response.status, body: response.body as Body };
}

/** a write that must succeed; remembers its position for the next read */
async function write(token: string, path: string, body: object = {}, headers: Record<string, string> = {}) {
  const response = await call(token, 'post', path, body, headers);
  expect({ path, status: response.status < 300 ? 'ok' : response.status, body: response.body }).toMatchObject(
    {
      status: 'ok',
    },
  );
  position = response.body.position as string;
  return response.body as { id: string; version: number; position: string };
}

const read = (token: string, path: string) =>
  call(token, 'get', `${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`);
const ids = (body: Body): string[] => (body.items as { id: string }[]).map((item) => item.id);

beforeAll(async () => {
  test = await startTestApi();
  fx = await seedTenant(test, 'signals');
  const email = `ocmw-${randomUUID().slice(0, 8)}@signals.test`;
  await test.api.runtime.userAdmin.register(
    { email, name: 'OCMW medewerker', role: 'partner', partnerId: fx.otherPartnerId, password: PASSWORD },
    fx.context,
  );
  otherPartnerToken = await login(test, email);
  actionId = await fx.newAction(); // in the member's group scope, led by the partner's organisation
});

afterAll(async () => {
  await test?.close();
});

describe('a partner signal from submission to closing', () => {
  it('a partner submits a signal for its organisation and sees it in its inbox', async () => {
    signalId = randomUUID();
    const result = await write(fx.users.partner.token, '/api/signals', {
      id: signalId,
      text: 'Steeds meer uithuiszettingen',
      urgency: 'high',
      actionIds: [actionId],
      themeIds: [fx.themeId],
    });
    expect(result).toEqual({ id: signalId, version: 1, position: expect.any(String), duplicate: false });

    const inbox = await read(fx.users.partner.token, '/api/signals');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items).toEqual([
      expect.objectContaining({
        id: signalId,
        status: 'submitted',
        urgency: 'high',
        partner: { id: fx.partnerId, name: 'CAW' },
        source: null,
        actionIds: [actionId],
        themeIds: [fx.themeId],
        workingGroupIds: [fx.workingGroupId],
        submittedBy: fx.users.partner.id,
        version: 1,
      }),
    ]);
    const own = await read(fx.users.partner.token, `/api/partners/${fx.partnerId}/signals`);
    expect(ids(own.body)).toEqual([signalId]);
    expect((await read(fx.users.partner.token, `/api/signals/${signalId}`)).body).toMatchObject({
      id: signalId,
      status: 'submitted',
    });
  });

  it('another partner sees nothing of it', async () => {
    expect(ids((await read(otherPartnerToken, '/api/signals')).body)).toEqual([]);
    const detail = await read(otherPartnerToken, `/api/signals/${signalId}`);
    expect([detail.status, detail.body.code]).toEqual([404, 'SIGNAL.NOT_FOUND']);
    expect((await read(otherPartnerToken, `/api/signals/${signalId}/history`)).status).toBe(404);
    const inbox = await read(otherPartnerToken, `/api/partners/${fx.partnerId}/signals`);
    expect([inbox.status, inbox.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    // and it cannot submit in that organisation's name
    const forged = await call(otherPartnerToken, 'post', '/api/signals', {
      text: 'x',
      partnerId: fx.partnerId,
    });
    expect([forged.status, forged.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
  });

  it('the coordinator acknowledges it; it shows in the working group inbox and the action history', async () => {
    const result = await write(
      fx.users.coordinator.token,
      `/api/signals/${signalId}/acknowledge`,
      {},
      {
        'If-Match': '"1"',
      },
    );
    expect(result).toMatchObject({ id: signalId, version: 2 });

    const group = await read(fx.users.member.token, `/api/working-groups/${fx.workingGroupId}/signals`);
    expect(group.body.items).toEqual([expect.objectContaining({ id: signalId, status: 'acknowledged' })]);
    expect(ids((await read(fx.users.member.token, '/api/signals')).body)).toEqual([signalId]);
    // the member outside every group sees none, and gets 404 for the detail
    expect(ids((await read(fx.users.outsider.token, '/api/signals')).body)).toEqual([]);
    expect((await read(fx.users.outsider.token, `/api/signals/${signalId}`)).status).toBe(404);

    const history = await read(fx.users.coordinator.token, `/api/actions/${actionId}/history`);
    const items = history.body.items as {
      type: string;
      summary: { nl: string };
      data: { signalId?: string };
    }[];
    expect(items.slice(-2).map((item) => [item.type, item.summary.nl])).toEqual([
      ['ActionSignalRecorded', 'Signaal van CAW (urgentie hoog): Steeds meer uithuiszettingen'],
      ['SignalAcknowledged', 'Signaal ontvangen'],
    ]);
    expect(items.at(-2)!.data.signalId).toBe(signalId);
  });

  it('a member of the group answers, the coordinator escalates and closes', async () => {
    await write(fx.users.member.token, `/api/signals/${signalId}/answer`, {
      response: 'Extra opvang vanaf mei',
    });
    await write(fx.users.coordinator.token, `/api/signals/${signalId}/escalate`, {
      to: 'Vlaamse overheid',
      text: 'Vraag om extra middelen voor opvang',
    });
    const closed = await write(fx.users.coordinator.token, `/api/signals/${signalId}/close`, {
      expectedVersion: 4,
    });
    expect(closed.version).toBe(5);

    const inbox = await read(fx.users.partner.token, '/api/signals');
    expect(inbox.body.items).toEqual([
      expect.objectContaining({
        id: signalId,
        status: 'closed',
        answered: true,
        response: 'Extra opvang vanaf mei',
        escalation: { to: 'Vlaamse overheid', text: 'Vraag om extra middelen voor opvang' },
        closeReason: null,
        version: 5,
      }),
    ]);
    const history = await read(fx.users.partner.token, `/api/signals/${signalId}/history`);
    expect(
      (history.body.items as { type: string; summary: { en: string } }[]).map((i) => i.summary.en),
    ).toEqual([
      'Signal from CAW submitted (urgency high): Steeds meer uithuiszettingen',
      'Signal acknowledged',
      'Signal answered: Extra opvang vanaf mei',
      'Signal escalated to Vlaamse overheid: Vraag om extra middelen voor opvang',
      'Signal closed',
    ]);
    const actionHistory = await read(fx.users.member.token, `/api/actions/${actionId}/history`);
    expect((actionHistory.body.items as { type: string }[]).slice(-5).map((item) => item.type)).toEqual([
      'ActionSignalRecorded',
      'SignalAcknowledged',
      'SignalAnswered',
      'SignalEscalated',
      'SignalClosed',
    ]);
  });

  it('filters an inbox', async () => {
    const token = fx.users.coordinator.token;
    expect(ids((await read(token, '/api/signals?status=closed&urgency=high')).body)).toContain(signalId);
    expect(ids((await read(token, '/api/signals?status=submitted')).body)).not.toContain(signalId);
    expect(ids((await read(token, `/api/signals?actionId=${actionId}`)).body)).toEqual([signalId]);
    expect(ids((await read(token, `/api/signals?themeId=${fx.otherThemeId}`)).body)).toEqual([]);
    expect(ids((await read(token, `/api/signals?partnerId=${fx.otherPartnerId}`)).body)).toEqual([]);
  });
});

describe('refusals', () => {
  it('answering a closed signal is refused with the lifecycle error', async () => {
    const response = await call(fx.users.coordinator.token, 'post', `/api/signals/${signalId}/answer`, {
      response: 'nog een antwoord',
    });
    expect([response.status, response.body.code]).toEqual([422, 'SIGNAL.CLOSED']);
  });

  it('refuses a move the lifecycle does not allow, a stale version, and closing without answer or reason', async () => {
    const fresh = await write(fx.users.coordinator.token, '/api/signals', {
      source: 'Seniorenraad',
      text: 'Te weinig zitbanken',
    });
    await write(fx.users.coordinator.token, `/api/signals/${fresh.id}/acknowledge`);
    const again = await call(fx.users.coordinator.token, 'post', `/api/signals/${fresh.id}/acknowledge`);
    expect([again.status, again.body.code]).toEqual([422, 'SIGNAL.INVALID_STATUS_TRANSITION']);
    expect(again.body.details).toEqual({
      from: 'acknowledged',
      to: 'acknowledged',
      allowed: ['on_agenda', 'answered', 'escalated', 'closed'],
    });
    const stale = await call(fx.users.coordinator.token, 'post', `/api/signals/${fresh.id}/answer`, {
      response: 'x',
      expectedVersion: 1,
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'SIGNAL.VERSION_CONFLICT']);
    const noReason = await call(fx.users.coordinator.token, 'post', `/api/signals/${fresh.id}/close`, {});
    expect([noReason.status, noReason.body.code]).toEqual([422, 'SIGNAL.REASON_REQUIRED']);
    await write(fx.users.coordinator.token, `/api/signals/${fresh.id}/close`, {
      reason: 'doorgegeven aan de wijk',
    });
  });

  it('a member handles only the signals of her groups, a partner none', async () => {
    // the group has the first theme in its scope: a signal on the other theme is in no group of hers
    const outside = await write(fx.users.coordinator.token, '/api/signals', {
      partnerId: fx.otherPartnerId,
      text: 'Buiten de werkgroep',
      themeIds: [fx.otherThemeId],
    });
    const refused = await call(fx.users.member.token, 'post', `/api/signals/${outside.id}/acknowledge`);
    expect([refused.status, refused.body.code]).toEqual([404, 'SIGNAL.NOT_FOUND']);
    expect((await read(fx.users.member.token, `/api/signals/${outside.id}`)).status).toBe(404);
    const partner = await call(fx.users.partner.token, 'post', `/api/signals/${signalId}/acknowledge`);
    expect([partner.status, partner.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
  });

  it('answers 400 with the fields for bad input, 422 for unknown references', async () => {
    const bad = await call(fx.users.coordinator.token, 'post', '/api/signals', {
      text: '',
      urgency: 'urgent',
      actionIds: ['not-a-uuid'],
      colour: 'red',
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    expect((bad.body.details as { field: string }[]).map((detail) => detail.field).sort()).toEqual([
      'actionIds',
      'colour',
      'text',
      'urgency',
    ]);
    const nobody = await call(fx.users.coordinator.token, 'post', '/api/signals', { text: 'Van wie?' });
    expect([nobody.status, nobody.body.code]).toEqual([400, 'SIGNAL.INVALID']);
    const unknown = randomUUID();
    const unknownAction = await call(fx.users.coordinator.token, 'post', '/api/signals', {
      partnerId: fx.partnerId,
      text: 'x',
      actionIds: [unknown],
    });
    expect([unknownAction.status, unknownAction.body.code, unknownAction.body.details]).toEqual([
      422,
      'ACTION.UNKNOWN',
      { field: 'actionIds', ids: [unknown] },
    ]);
    const unknownTheme = await call(fx.users.coordinator.token, 'post', '/api/signals', {
      partnerId: fx.partnerId,
      text: 'x',
      themeIds: [unknown],
    });
    expect([unknownTheme.status, unknownTheme.body.code]).toEqual([422, 'PLAN.THEME_UNKNOWN']);
    const badAnswer = await call(fx.users.coordinator.token, 'post', `/api/signals/${signalId}/answer`, {});
    expect([badAnswer.status, badAnswer.body.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    const badFilter = await call(fx.users.coordinator.token, 'get', '/api/signals?status=lost&limit=0');
    expect([badFilter.status, badFilter.body.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    expect((await call(fx.users.coordinator.token, 'get', `/api/signals/${randomUUID()}`)).status).toBe(404);
  });
});

describe('POST /api/actions/:id/signals', () => {
  it('still answers the action write, and the signal is one of its own', async () => {
    const before = await read(fx.users.coordinator.token, `/api/actions/${actionId}`);
    const chosen = randomUUID();
    const result = await write(
      fx.users.partner.token,
      `/api/actions/${actionId}/signals`,
      { id: chosen, partnerId: fx.partnerId, text: 'Wachtlijst nachtopvang' },
      { 'If-Match': `"${before.body.version as number}"` },
    );
    expect(result).toMatchObject({ id: actionId, version: (before.body.version as number) + 1 });
    const signal = await read(fx.users.partner.token, `/api/signals/${chosen}`);
    expect(signal.body).toMatchObject({ id: chosen, status: 'submitted', actionIds: [actionId] });
    // a stale action version writes nothing at all
    const stale = await call(
      fx.users.partner.token,
      'post',
      `/api/actions/${actionId}/signals`,
      { partnerId: fx.partnerId, text: 'Te laat' },
      { 'If-Match': '"1"' },
    );
    expect([stale.status, stale.body.code]).toEqual([409, 'ACTION.VERSION_CONFLICT']);
    const unknownAction = await call(
      fx.users.coordinator.token,
      'post',
      `/api/actions/${randomUUID()}/signals`,
      {
        partnerId: fx.partnerId,
        text: 'x',
      },
    );
    expect(unknownAction.status).toBe(404);
  });
});
