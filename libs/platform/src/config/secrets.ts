import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A secret kept under DATA_DIR (`secrets.json`, mode 0600), created once with 48 random bytes: what the
 * embedded mode uses when JWT_SECRET is not given, so tokens survive a restart without configuration.
 */
export async function loadOrCreateSecret(dataDir: string, name: string): Promise<string> {
  const file = join(dataDir, 'secrets.json');
  const secrets: Record<string, string> = existsSync(file)
    ? (JSON.parse(await readFile(file, 'utf8')) as Record<string, string>)
    : {};
  const existing = secrets[name];
  if (existing) return existing;
  secrets[name] = randomBytes(48).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets[name];
}

/**
 * The master secret the data subjects' keys are wrapped with (docs/privacy.md): PERSONAL_DATA_KEY, else one
 * generated once under DATA_DIR. Every process of a deployment must use the same one (set PERSONAL_DATA_KEY
 * when they do not share DATA_DIR); losing it makes every encrypted personal field unreadable.
 */
export function loadPersonalDataSecret(config: {
  personalDataKey: string | null;
  dataDir: string;
}): Promise<string> {
  return config.personalDataKey !== null
    ? Promise.resolve(config.personalDataKey)
    : loadOrCreateSecret(config.dataDir, 'personal-data');
}
