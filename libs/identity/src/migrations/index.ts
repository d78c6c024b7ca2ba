import { runMigrations, type MigrationClass } from '#platform';
import { Identity1767225900000 } from './1767225900000-identity.js';
import { RefreshGrace1767226100000 } from './1767226100000-refresh-grace.js';
import { UsedRefreshSecrets1767312000000 } from './1767312000000-used-refresh-secrets.js';
import { DemoSeed1767400000000 } from './1767400000000-demo-seed.js';

export const IDENTITY_MIGRATIONS: readonly MigrationClass[] = [
  Identity1767225900000,
  RefreshGrace1767226100000,
  UsedRefreshSecrets1767312000000,
  DemoSeed1767400000000,
];

export function runIdentityMigrations(url: string): Promise<string[]> {
  return runMigrations(url, IDENTITY_MIGRATIONS);
}
