import type { AppConfig } from '../config/config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  /** the embedded server this process started (null with an external DATABASE_URL) */
  embedded: EmbeddedDatabase | null;
}

/** DATABASE_URL when configured, otherwise the embedded PostgreSQL under DATA_DIR. */
export async function resolveDatabase(
  config: AppConfig,
  log: (line: string) => void,
): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null };
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, database: 'backbone', log });
  log(
    `${embedded.created ? 'created' : 'started'} the embedded PostgreSQL in ${config.dataDir} on port ${embedded.port}`,
  );
  return { url: embedded.url, embedded };
}
