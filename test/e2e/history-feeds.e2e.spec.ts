import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

/**
 * The feeds rebuilt from history on load (issue 15, item 3): a meeting's own events with names and times,
 * and the latest changes to a plan's actions with the action and the person, without history content for
 * viewers and only its organisation's actions for partner staff.
 */
describe('feeds rebuilt from history', () => {
  let test: TestApi;
  let fx: TenantFixture;
  let other: TenantFixture;

  beforeAll(async () => {
    test = await startTestApi();
    fx = await seedTenant(test, 'feeds');
    other = await seedTenant(test, 'feeds-other');
  });

  afterAll(async () => {
    await test?.close();
  });

  const settle = async (body: unknown) =>
    test.api.runtime.runner.waitForPosition((body as { position: string }).position, { timeoutMs: 5000 });
  const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/;

  interface Feed {
    items: {
      position: string;
      type: string;
      occurredAt: string;
      actor: { id: string; name: string | null };
      summary: { nl: string; en: string };
    }[];
  }

  it("lists a meeting's attendance, agenda and round events newest first, naming people, never ids", async () => {
    const member = bearer(fx.users.member.token);
    const actionId = await fx.newAction();
    const meetingId = (
      (
        await test.http
          .post(`/api/working-groups/${fx.workingGroupId}/meetings`)
          .set(member)
          .send({ title: 'Werkgroep april', startsAt: '2026-04-02T18:00:00.000Z' })
          .expect(201)
      ).body as { id: string }
    ).id;
    const path = `/api/meetings/${meetingId}`;
    await test.http.post(`${path}/agenda`).set(member).send({ kind: 'action', refId: actionId }).expect(200);
    await test.http.post(`${path}/start`).set(member).expect(200);
    await test.http
      .post(`${path}/attendance`)
      .set(member)
      .send({ userId: fx.users.member.id, status: 'present' })
      .expect(200);
    await test.http
      .post(`${path}/attendance`)
      .set(member)
      .send({ guestName: 'Mia Claes', organisation: 'Buurtwerk', status: 'present' })
      .expect(200);
    await test.http.post(`${path}/proposals`).set(member).send({ text: 'Meer opvang' }).expect(200);
    const round = (
      await test.http.post(`${path}/rounds`).set(member).send({ size: 3, ranked: true }).expect(200)
    ).body as { roundId: string; position: string };
    // the meeting's read model as of the round (it may lag behind the write on a busy machine)
    const proposalId = (
      (await test.http.get(`${path}?minPosition=${round.position}`).set(member).expect(200)).body as {
        proposals: { proposalId: string }[];
      }
    ).proposals[0]!.proposalId;
    await test.http
      .post(`${path}/rounds/${round.roundId}/ballots`)
      .set(bearer(fx.users.coordinator.token))
      .send({ guestName: 'Mia Claes', proposalIds: [proposalId] })
      .expect(200);

    const feed = (await test.http.get(`${path}/feed`).set(member).expect(200)).body as Feed;
    const texts = feed.items.map((item) => item.summary.nl);
    expect(texts).toEqual([
      `coordinator of feeds noteerde de top van Mia Claes`,
      'Prioriteringsronde geopend: top 3 met rangorde uit 1 voorstellen',
      'Voorstel van member of feeds: Meer opvang',
      'Mia Claes (gast) (Buurtwerk): aanwezig',
      'member of feeds: aanwezig',
      'Vergadering geopend',
      expect.stringMatching(/^Agendapunt toegevoegd \(actie\): 3\.1\.\d+ Actie \d+$/),
      'Vergadering "Werkgroep april" gepland op 02/04/2026 20:00',
    ]);
    expect(JSON.stringify(texts)).not.toMatch(UUID);
    expect(feed.items[0]!.actor.name).toBe('coordinator of feeds');
    expect(feed.items.every((item) => !Number.isNaN(Date.parse(item.occurredAt)))).toBe(true);
    // newest first, and `limit` keeps the newest
    const positions = feed.items.map((item) => item.position);
    expect([...positions].sort().reverse()).toEqual(positions);
    const two = (await test.http.get(`${path}/feed?limit=2`).set(member).expect(200)).body as Feed;
    expect(two.items.map((item) => item.position)).toEqual(positions.slice(0, 2));

    // bad input and other tenants: the one error shape
    const tooMany = await test.http.get(`${path}/feed?limit=500`).set(member).expect(400);
    expect(tooMany.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', details: [{ field: 'limit' }] });
    await test.http.get(`${path}/feed`).set(bearer(other.users.coordinator.token)).expect(404);
    await test.http.get(`${path}/feed`).set(bearer(fx.users.viewer.token)).expect(403);
    await test.http.get(`${path}/feed`).set(bearer(fx.users.partner.token)).expect(403);
  });

  interface Recent {
    items: {
      type: string;
      action: { id: string; code: string; title: string };
      actor: { name: string | null };
      summary: { nl: string };
    }[];
  }

  it("lists the plan's latest action changes with action and person, without notes for viewers", async () => {
    const mine = await fx.newAction();
    const foreign = await fx.newForeignAction();
    const coordinator = bearer(fx.users.coordinator.token);
    // the coordinator writes: a member's write is checked against read models that may still lag here
    await test.http
      .post(`/api/actions/${mine}/status`)
      .set(coordinator)
      .send({ status: 'in_progress' })
      .expect(200);
    await test.http
      .post(`/api/actions/${foreign}/progress`)
      .set(coordinator)
      .send({ percent: 40 })
      .expect(200);
    await settle(
      (
        await test.http
          .post(`/api/actions/${mine}/notes`)
          .set(coordinator)
          .send({ text: 'Vertrouwelijk: overleg met de huisvestingsmaatschappij' })
          .expect(200)
      ).body,
    );
    const read = async (token: string) =>
      (
        (
          await test.http
            .get(`/api/plans/${fx.planId}/recent-changes?limit=20`)
            .set(bearer(token))
            .expect(200)
        ).body as Recent
      ).items;

    const forCoordinator = await read(fx.users.coordinator.token);
    expect(forCoordinator[0]).toMatchObject({ type: 'ActionNoteAdded', action: { id: mine } });
    const status = forCoordinator.find(
      (item) => item.type === 'ActionStatusChanged' && item.action.id === mine,
    )!;
    expect(status.actor.name).toBe('coordinator of feeds');
    expect(status.summary.nl).toBe('Status gewijzigd van niet gestart naar lopend');
    expect(status.action.code).toMatch(/^3\.1\.\d+$/);

    const forViewer = await read(fx.users.viewer.token);
    expect(forViewer.some((item) => item.type === 'ActionStatusChanged' && item.action.id === mine)).toBe(
      true,
    );
    expect(forViewer.some((item) => item.type === 'ActionNoteAdded')).toBe(false);
    expect(JSON.stringify(forViewer)).not.toContain('Vertrouwelijk');

    // partner staff: only what its organisation leads or partners on
    const forPartner = await read(fx.users.partner.token);
    expect(forPartner.some((item) => item.action.id === mine)).toBe(true);
    expect(forPartner.some((item) => item.action.id === foreign)).toBe(false);

    await test.http
      .get(`/api/plans/${fx.planId}/recent-changes`)
      .set(bearer(other.users.viewer.token))
      .expect(404);
    const refused = await test.http.get(`/api/plans/${fx.planId}/recent-changes?limit=0`).set(coordinator);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', details: [{ field: 'limit' }] });
  });
});
