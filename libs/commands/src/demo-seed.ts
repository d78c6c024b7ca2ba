import { randomUUID } from 'node:crypto';
import type { UserRole } from '#domain';
import type { IdentityStore } from '#identity';
import type { CommandService } from './command-service.js';
import { systemContext } from './system-context.js';
import type { UserAdmin } from './user-admin.js';

export const DEMO_TENANT_ID = 'demo';
export const DEMO_PASSWORD = 'demo';

export interface DemoUser {
  email: string;
  name: string;
  role: UserRole;
}

/** API.md "Demo mode": one user per role, all with the password `demo`. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'coordinator@demo.local', name: 'Chris Coördinator', role: 'coordinator' },
  { email: 'member@demo.local', name: 'Mia Werkgroeplid', role: 'member' },
  { email: 'partner@demo.local', name: 'Pieter Partner', role: 'partner' },
  { email: 'viewer@demo.local', name: 'Vera Kijker', role: 'viewer' },
];

export interface DemoSeedResult {
  created: boolean;
  users: { id: string; email: string; role: UserRole }[];
  partnerId: string | null;
}

/**
 * Creates the demo tenant and its users on an empty database (no account yet); does nothing otherwise,
 * so restarts keep whatever the demo users changed. Everything it creates is marked as demo data.
 */
export async function seedDemo(deps: {
  commands: CommandService;
  users: UserAdmin;
  identity: IdentityStore;
  log: (line: string) => void;
}): Promise<DemoSeedResult> {
  if ((await deps.identity.countAccounts()) > 0) return { created: false, users: [], partnerId: null };
  const system = systemContext(DEMO_TENANT_ID);
  await deps.users.createTenant(DEMO_TENANT_ID, 'Demo: Brugge draait om mensen', true, system);
  // the partner user works for an organisation; the importer later adds the plan's own partners
  const partnerId = randomUUID();
  await deps.commands.partner(
    partnerId,
    { type: 'RegisterPartner', data: { partnerId, name: 'CAW Noord-West-Vlaanderen', kind: 'non_profit' } },
    system,
  );
  const users: DemoSeedResult['users'] = [];
  for (const user of DEMO_USERS) {
    const result = await deps.users.register(
      {
        email: user.email,
        name: user.name,
        role: user.role,
        partnerId: user.role === 'partner' ? partnerId : null,
        password: DEMO_PASSWORD,
        demo: true,
      },
      system,
    );
    users.push({ id: result.id, email: user.email, role: user.role });
  }
  deps.log(
    `demo tenant created: log in as ${DEMO_USERS.map((u) => u.email).join(', ')} with the password "demo"`,
  );
  return { created: true, users, partnerId };
}
