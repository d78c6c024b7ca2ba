import 'reflect-metadata';
import { loadConfig, loadPersonalDataSecret, resolveDatabase } from '#platform';
import { startHealthServer } from './health-server.js';
import { startProjector } from './projector.js';

/**
 * The projector process: DATABASE_URL (or the embedded PostgreSQL under DATA_DIR), migrations, then every
 * projection until SIGTERM/SIGINT, on which each one stops at a batch boundary.
 */
async function main(): Promise<void> {
  const log = (line: string): void => console.log(`${new Date().toISOString()} [projector] ${line}`);
  const config = loadConfig();
  const database = await resolveDatabase(config, log);
  const projector = await startProjector({
    databaseUrl: database.url,
    eventStore: config,
    migrate: true,
    logger: log,
    personalDataSecret: await loadPersonalDataSecret(config),
  });
  let stopping = false;
  // PROJECTOR_HEALTH_PORT: probes for an orchestrator (deploy/projector.yaml); unset: none
  const healthPort = process.env.PROJECTOR_HEALTH_PORT?.trim();
  if (healthPort && !/^\d{1,5}$/.test(healthPort))
    throw new Error(`PROJECTOR_HEALTH_PORT must be a port number (got "${healthPort}")`);
  const health = healthPort
    ? await startHealthServer({
        port: Number(healthPort),
        databaseUrl: database.url,
        runner: projector.runner,
        stopping: () => stopping,
      })
    : null;
  if (health) log(`health probes on port ${healthPort}: /health/live, /health/ready`);
  log(
    `projections: ${projector.runner.projectionNames.join(', ')}; active here: ` +
      (projector.runner.activeProjections.join(', ') || 'none (standing by: another projector runs them)'),
  );
  // `--rebuild`: rebuild every read model now (this projector must be the active one), then follow the log
  if (process.argv.includes('--rebuild')) {
    const result = await projector.runner.rebuild('all', (progress) => {
      if (progress.done % 10_000 < 1_000) log(`rebuild: ${progress.done} of ${progress.total} events`);
    });
    log(
      `rebuild ${result.completed ? 'done' : 'interrupted'}: ${result.events} events in ${result.elapsedMs} ms`,
    );
  }

  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping at the next batch boundary`);
    void (async () => {
      try {
        await projector.stop();
        await health?.close();
        await database.embedded?.stop();
        log('stopped');
        process.exit(0);
      } catch (error) {
        console.error(error);
        process.exit(1);
      }
    })();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
