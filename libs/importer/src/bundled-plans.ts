import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The plan documents this product ships (the demo's Bruges plan), under libs/importer/plans/. */
export const BRUGES_PLAN_FILE = 'brugge-samenwerkplan-lsb-2021-2025.txt';

/**
 * Reads a shipped plan document. The same code runs from the sources (tests) and from dist/ (the built
 * product), at different depths, so it looks upwards for the folder that holds libs/importer/plans.
 */
export async function readBundledPlan(file: string = BRUGES_PLAN_FILE): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    const candidate = join(dir, 'libs', 'importer', 'plans', file);
    if (existsSync(candidate)) return readFile(candidate, 'utf8');
    dir = dirname(dir);
  }
  throw new Error(`the bundled plan ${file} is missing (expected under libs/importer/plans/)`);
}
