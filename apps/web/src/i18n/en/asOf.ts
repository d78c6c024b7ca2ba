import type { Dictionary } from '../dictionary';
import type { nl } from '../nl/asOf';

/** English: the same keys as nl/asOf.ts (checked by the compiler and dictionaries.unit.spec.ts). */
export const en: Dictionary<typeof nl> = {
  asOf: {
    label: 'As of',
    today: 'Today',
    apply: 'Show',
    banner:
      "You are viewing the plan as it stood on {{date}} (end of the day). Changes can only be made to today's plan.",
    backToToday: 'Back to today',
    actionBanner:
      "You are viewing this action as it stood on {{date}} (end of the day): status, lead, partners, progress, signals and indicators of then. Changes can only be made to today's action.",
    changesSince: 'What changed since then',
    invalid: 'Choose a valid date.',
  },
};
