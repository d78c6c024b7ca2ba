import type { Dictionary } from '../dictionary';
import type { nl } from '../nl/firstRun';

/** English: the same keys as nl/firstRun.ts (checked by the compiler and dictionaries.unit.spec.ts). */
export const en: Dictionary<typeof nl> = {
  firstRun: {
    title: 'First start',
    intro:
      'This installation has no city or users yet. Create the city and its first coordinator with the one-time code from the server log.',
    code: 'One-time code (from the server log)',
    tenantName: 'Name of the city or municipality',
    tenantId: 'Short name (lowercase letters, digits and dashes)',
    name: 'Your name',
    email: 'Email address',
    password: 'Password (at least 10 characters)',
    submit: 'Create the city',
  },
};
