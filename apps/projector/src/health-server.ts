import { createServer, type Server } from 'node:http';
import { createGuardedPool } from '#platform';
import type { ProjectionRunner } from '#read-models';

/**
 * The projector's probes for an orchestrator (it serves nothing else): `GET /health/live` answers while the
 * process runs; `GET /health/ready` when the database answers and the projector is not stopping, with the
 * projections it is active for (a standby is ready too: it is doing its job).
 */
export function startHealthServer(options: {
  port: number;
  databaseUrl: string;
  runner: ProjectionRunner;
  stopping: () => boolean;
}): Promise<{ server: Server; close(): Promise<void> }> {
  // the probe's own connection: a lost one is dropped and the next probe reconnects
  const pool = createGuardedPool({ connectionString: options.databaseUrl, max: 1 }, () => undefined);
  const server = createServer((request, response) => {
    const answer = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'GET') return answer(405, { status: 'error', message: 'GET only' });
    if (request.url === '/health/live') return answer(200, { status: 'ok' });
    if (request.url !== '/health/ready') return answer(404, { status: 'error', message: 'not found' });
    if (options.stopping()) return answer(503, { status: 'error', message: 'stopping' });
    const timeout = setTimeout(
      () => answer(503, { status: 'error', message: 'the database did not answer' }),
      3000,
    );
    pool.query('select 1').then(
      () => {
        clearTimeout(timeout);
        if (!response.headersSent) answer(200, { status: 'ok', active: options.runner.activeProjections });
      },
      (error: unknown) => {
        clearTimeout(timeout);
        if (!response.headersSent) answer(503, { status: 'error', message: (error as Error).message });
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () =>
      resolve({
        server,
        close: async () => {
          await new Promise<void>((done) => server.close(() => done()));
          await pool.end();
        },
      }),
    );
  });
}
