import type { Dictionary } from '../dictionary';
import type { nl } from '../nl/groups';

/** English: the same keys as nl/groups.ts (checked by the compiler and dictionaries.unit.spec.ts). */
export const en: Dictionary<typeof nl> = {
  groups: {
    none: 'You are not a member of a working group yet.',
    members_one: '{{count}} member',
    members_other: '{{count}} members',
    memberList: 'Members',
    meetings: 'Meetings',
    noMeetings: 'No meetings yet.',
    signals: 'Signals on the group’s actions',
    noSignals: 'No signals.',
    actions_one: '{{count}} action of the group',
    actions_other: '{{count}} actions of the group',
    schedule: 'Schedule a meeting',
    scheduleSubmit: 'Schedule',
  },
};
