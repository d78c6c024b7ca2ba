import { readFileSync } from 'node:fs';
import { EXPECTED_PLANS } from '../fixtures/plans/expected.js';
import {
  bearer,
  seedTenant,
  startTestApi,
  type TenantFixture,
  type TestApi,
} from '../support/api-harness.js';

interface Count {
  done: number;
  total: number;
}
interface Job {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: { themes: Count; goals: Count; actions: Count; steps: Count };
  report: { planId: string; stats: { themes: number; goals: number; actions: number } } | null;
  error: { code: string } | null;
}

const fixture = EXPECTED_PLANS.find((plan) => plan.file === 'bbc-meerjarenplan.txt')!;
const text = readFileSync(new URL(`../fixtures/plans/${fixture.file}`, import.meta.url), 'utf8');

/** The wizard's last step (issue 14, part 2): the import as a job with progress per level, polled. */
describe('import jobs', () => {
  let test: TestApi;
  let fx: TenantFixture;
  let other: TenantFixture;

  beforeAll(async () => {
    test = await startTestApi();
    fx = await seedTenant(test, 'import-jobs');
    other = await seedTenant(test, 'import-jobs-other');
  });

  afterAll(async () => {
    await test?.close();
  });

  it('lets only coordinators start one, and only the one who started it read it', async () => {
    await test.http.post('/api/plans/import-jobs').send({ text }).expect(401);
    for (const role of ['member', 'partner', 'viewer'] as const)
      await test.http
        .post('/api/plans/import-jobs')
        .set(bearer(fx.users[role].token))
        .send({ text })
        .expect(403);
    const started = await test.http
      .post('/api/plans/import-jobs')
      .set(bearer(fx.users.coordinator.token))
      .send({ text })
      .expect(202);
    const id = (started.body as Job).id;
    await test.http.get(`/api/plans/import-jobs/${id}`).expect(401);
    await test.http.get(`/api/plans/import-jobs/${id}`).set(bearer(fx.users.member.token)).expect(403);
    const foreign = await test.http
      .get(`/api/plans/import-jobs/${id}`)
      .set(bearer(other.users.coordinator.token))
      .expect(404);
    expect((foreign.body as { code: string }).code).toBe('IMPORT.JOB_NOT_FOUND');
  });

  it('counts themes, goals and actions as they are written, then answers the report', async () => {
    const started = await test.http
      .post('/api/plans/import-jobs')
      .set(bearer(fx.users.coordinator.token))
      .send({ text })
      .expect(202);
    let job = started.body as Job;
    expect(job.progress.themes.total).toBe(fixture.stats.themes);
    expect(job.progress.goals.total).toBe(fixture.stats.goals);
    expect(job.progress.actions.total).toBe(fixture.stats.actions);
    const seen: number[] = [job.progress.steps.done];
    while (job.status === 'running') {
      await new Promise((wait) => setTimeout(wait, 20));
      job = (
        await test.http
          .get(`/api/plans/import-jobs/${job.id}`)
          .set(bearer(fx.users.coordinator.token))
          .expect(200)
      ).body as Job;
      seen.push(job.progress.steps.done);
    }
    expect(job.status).toBe('done');
    // never backwards, and complete at the end
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(job.progress.themes).toEqual({ done: fixture.stats.themes, total: fixture.stats.themes });
    expect(job.progress.goals).toEqual({ done: fixture.stats.goals, total: fixture.stats.goals });
    expect(job.progress.actions).toEqual({ done: fixture.stats.actions, total: fixture.stats.actions });
    expect(job.progress.steps.done).toBe(job.progress.steps.total);
    expect(job.report!.stats).toEqual(fixture.stats);
    const plan = await test.http
      .get(`/api/plans/${job.report!.planId}/actions?limit=100`)
      .set(bearer(fx.users.coordinator.token))
      .query({ minPosition: (job.report as unknown as { position: string }).position })
      .expect(200);
    expect((plan.body as { total: number }).total).toBe(fixture.stats.actions);
  });

  it('refuses a document with nothing in it at once, as the import does', async () => {
    const refused = await test.http
      .post('/api/plans/import-jobs')
      .set(bearer(fx.users.coordinator.token))
      .send({ text: 'Een brief zonder thema’s, doelen of acties.\nMet vriendelijke groeten.' })
      .expect(422);
    expect((refused.body as { code: string }).code).toBe('IMPORT.NOTHING_FOUND');
  });
});
