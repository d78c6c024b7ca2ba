import { get } from 'node:http';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

interface PublicAction {
  id: string;
  code: string;
  status: string;
  progress: number | null;
}
interface PublicSection {
  code: string;
  goals: PublicSection[];
  actions: PublicAction[];
}
interface Signal {
  id: string;
  source: string | null;
  text: string;
  actionIds: string[];
}

const actionsOf = (sections: PublicSection[]): PublicAction[] =>
  sections.flatMap((section) => [...section.actions, ...actionsOf(section.goals)]);

/**
 * A plan's public page (issue 15): off by default, switched on by a coordinator (PlanPublicationChanged), no
 * login, cacheable, nothing about people, notes or signals; citizens' feedback becomes a signal.
 */
describe('public plan page', () => {
  let test: TestApi;
  let fx: TenantFixture;
  let actionId: string;

  const settle = async (response: { body: unknown }) =>
    test.api.runtime.runner.waitForPosition((response.body as { position: string }).position, {
      timeoutMs: 5000,
    });
  const signals = async () =>
    (
      (await test.http.get('/api/signals?limit=200').set(bearer(fx.users.coordinator.token)).expect(200))
        .body as { items: Signal[] }
    ).items;

  beforeAll(async () => {
    test = await startTestApi();
    fx = await seedTenant(test, 'public');
    actionId = await fx.newAction();
    await settle(
      await test.http
        .post(`/api/actions/${actionId}/notes`)
        .set(bearer(fx.users.coordinator.token))
        .send({ text: 'Vertrouwelijk: gesprek met de schepen' })
        .expect(200),
    );
    await settle(
      await test.http
        .post(`/api/actions/${actionId}/progress`)
        .set(bearer(fx.users.coordinator.token))
        .send({ percent: 40 })
        .expect(200),
    );
  });

  afterAll(async () => {
    await test?.close();
  });

  it('is off until a coordinator switches it on, and only a coordinator may', async () => {
    const off = await test.http.get(`/api/public/plans/${fx.planId}`).expect(404);
    expect((off.body as { code: string }).code).toBe('PLAN.NOT_FOUND');
    await test.http
      .put(`/api/plans/${fx.planId}/publication`)
      .set(bearer(fx.users.member.token))
      .send({ public: true })
      .expect(403);
    await test.http
      .put(`/api/plans/${fx.planId}/publication`)
      .set(bearer(fx.users.coordinator.token))
      .send({ public: 'yes' })
      .expect(400);
    await settle(
      await test.http
        .put(`/api/plans/${fx.planId}/publication`)
        .set(bearer(fx.users.coordinator.token))
        .send({ public: true })
        .expect(200),
    );
    const again = await test.http
      .put(`/api/plans/${fx.planId}/publication`)
      .set(bearer(fx.users.coordinator.token))
      .send({ public: true })
      .expect(422);
    expect((again.body as { code: string }).code).toBe('PLAN.NO_CHANGE');
    const plans = (await test.http.get('/api/plans').set(bearer(fx.users.viewer.token)).expect(200)).body as {
      items: { id: string; public: boolean }[];
    };
    expect(plans.items.find((plan) => plan.id === fx.planId)?.public).toBe(true);
  });

  it('shows themes, goals and actions with status and progress, without login, nothing about people', async () => {
    const response = await test.http.get(`/api/public/plans/${fx.planId}`).expect(200);
    const plan = response.body as { title: string; themes: PublicSection[] };
    const action = actionsOf(plan.themes).find((item) => item.id === actionId)!;
    expect(action).toMatchObject({ status: 'not_started', progress: 40 });
    const text = JSON.stringify(plan);
    for (const secret of [
      'Vertrouwelijk',
      fx.users.coordinator.email,
      fx.users.partner.email,
      'ownerId',
      'partners',
      'notes',
      'signal',
    ])
      expect(text).not.toContain(secret);
    expect(response.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
    const etag = response.headers['etag'] as string;
    expect(etag).toBeTruthy();
    // a cache revalidates with the ETag: 304 and no body while nothing changed
    const status = await new Promise<number>((done, fail) =>
      get(`${test.api.url}/api/public/plans/${fx.planId}`, { headers: { 'If-None-Match': etag } }, (res) => {
        res.resume();
        done(res.statusCode!);
      }).on('error', fail),
    );
    expect(status).toBe(304);
  });

  it('turns a citizen’s feedback into a signal from "een inwoner"; a bot filling the honeypot is ignored', async () => {
    const before = (await signals()).length;
    await test.http
      .post(`/api/public/plans/${fx.planId}/actions/${actionId}/feedback`)
      .send({ text: 'In onze straat slapen nog altijd mensen buiten.' })
      .expect(202);
    await test.http
      .post(`/api/public/plans/${fx.planId}/actions/${actionId}/feedback`)
      .send({ text: 'Koop goedkope horloges', website: 'http://spam.example' })
      .expect(202);
    let all: Signal[] = [];
    for (let attempt = 0; attempt < 50 && all.length <= before; attempt++) {
      all = await signals();
      if (all.length <= before) await new Promise((done) => setTimeout(done, 100));
    }
    expect(all).toHaveLength(before + 1);
    const signal = all.find((item) => item.text.startsWith('In onze straat'))!;
    expect(signal).toMatchObject({ source: 'een inwoner', actionIds: [actionId] });
    expect(all.some((item) => item.text.includes('horloges'))).toBe(false);

    const empty = await test.http
      .post(`/api/public/plans/${fx.planId}/actions/${actionId}/feedback`)
      .send({ text: '' })
      .expect(400);
    expect((empty.body as { code: string }).code).toMatch(/^REQUEST\./);
    // an action that is not on this plan's page: not found
    await test.http
      .post(`/api/public/plans/${fx.planId}/actions/00000000-0000-4000-8000-00000000abcd/feedback`)
      .send({ text: 'Hallo' })
      .expect(404);
  });

  it('is gone again when switched off', async () => {
    await settle(
      await test.http
        .put(`/api/plans/${fx.planId}/publication`)
        .set(bearer(fx.users.coordinator.token))
        .send({ public: false })
        .expect(200),
    );
    await test.http.get(`/api/public/plans/${fx.planId}`).expect(404);
    await test.http
      .post(`/api/public/plans/${fx.planId}/actions/${actionId}/feedback`)
      .send({ text: 'Nog iets' })
      .expect(404);
  });

  it('limits feedback per address', async () => {
    const limited = await startTestApi({ publicFeedbackPer15Minutes: 2 });
    try {
      const other = await seedTenant(limited, 'limited');
      const id = await other.newAction();
      await limited.api.runtime.runner.waitForPosition(
        (
          await limited.api.runtime.commands.plan(
            other.planId,
            { type: 'ChangePlanPublication', data: { planId: other.planId, public: true } },
            other.context,
          )
        ).position,
        { timeoutMs: 5000 },
      );
      const path = `/api/public/plans/${other.planId}/actions/${id}/feedback`;
      await limited.http.post(path).send({ text: 'een' }).expect(202);
      await limited.http.post(path).send({ text: 'twee' }).expect(202);
      const third = await limited.http.post(path).send({ text: 'drie' }).expect(429);
      expect((third.body as { code: string }).code).toBe('REQUEST.RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});
