import type { Dictionary } from '../dictionary';
import type { nl } from '../nl/changes';

/** English: the same keys as nl/changes.ts (checked by the compiler and dictionaries.unit.spec.ts). */
export const en: Dictionary<typeof nl> = {
  changes: {
    title: 'What changed since {{date}}',
    from: 'Since',
    to: 'Up to and including',
    toHint: 'Empty: up to now',
    show: 'Show',
    period: 'From {{from}} to {{to}}',
    none: 'No changes in this period.',
    countsCaption: 'Number of actions per status, before and after',
    before: 'Before',
    after: 'After',
    theme: 'Theme',
    whole: 'The whole plan',
    actionsHeading: 'Changed actions ({{count}})',
    added: 'new',
    field: 'Field',
    by: 'By',
    at: 'On',
    events: '{{count}} changes',
    yes: 'yes',
    no: 'no',
    noFieldChanges: 'Only notes or signals added.',
    fields: {
      code: 'Code',
      title: 'Title',
      description: 'Description',
      status: 'Status',
      owner: 'Lead',
      partners: 'Partners',
      progress: 'Progress',
      dueDate: 'Due date',
      goalId: 'Goal',
      tags: 'Tags',
      archived: 'Archived',
    },
  },
};
