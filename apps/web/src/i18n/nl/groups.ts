/** Dutch (nl-BE) texts of the area "groups": loaded with the pages that use them (apps/web/src/pages/lazy.ts). */
export const nl = {
  groups: {
    none: 'Je bent nog geen lid van een werkgroep.',
    members_one: '{{count}} lid',
    members_other: '{{count}} leden',
    memberList: 'Leden',
    meetings: 'Vergaderingen',
    noMeetings: 'Nog geen vergaderingen.',
    signals: 'Signalen bij de acties van de werkgroep',
    noSignals: 'Geen signalen.',
    actions_one: '{{count}} actie van de werkgroep',
    actions_other: '{{count}} acties van de werkgroep',
    schedule: 'Vergadering plannen',
    scheduleSubmit: 'Plannen',
  },
};
