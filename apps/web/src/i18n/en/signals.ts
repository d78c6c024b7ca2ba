import type { Dictionary } from '../dictionary';
import type { nl } from '../nl/signals';

/** English: the same keys as nl/signals.ts (checked by the compiler and dictionaries.unit.spec.ts). */
export const en: Dictionary<typeof nl> = {
  signals: {
    none: 'No signals.',
    count_one: '{{count}} signal',
    count_other: '{{count}} signals',
    scope: {
      coordinator: 'All signals on the plan’s actions.',
      member: 'The signals on your working groups’ actions and themes.',
      partner: 'The signals on your organisation’s actions.',
      viewer: 'Signals are not visible to viewers.',
    },
    statusLabel: 'Where it stands',
    concerns: 'About:',
    response: 'Answer',
    escalatedTo: 'Escalated to {{to}}',
    escalateTo: 'To which government?',
    escalateText: 'Explanation',
    reason: 'Reason',
    submittedAt: 'submitted {{at}}',
    updatedAt: 'last changed {{at}}',
    acknowledge: 'Acknowledge',
    answer: 'Answer',
    escalate: 'Escalate to a higher government',
    close: 'Close',
  },
  liveText: {
    anAction: 'an action',
    anOrganisation: 'an organisation',
  },
};
