/** Dutch (nl-BE) texts of the area "signals": loaded with the pages that use them (apps/web/src/pages/lazy.ts). */
export const nl = {
  signals: {
    none: 'Geen signalen.',
    count_one: '{{count}} signaal',
    count_other: '{{count}} signalen',
    scope: {
      coordinator: 'Alle signalen bij de acties van het plan.',
      member: "De signalen over de acties en thema's van jouw werkgroepen.",
      partner: 'De signalen bij de acties van jouw organisatie.',
      viewer: 'Signalen zijn niet zichtbaar voor kijkers.',
    },
    statusLabel: 'Stand van zaken',
    concerns: 'Over:',
    response: 'Antwoord',
    escalatedTo: 'Doorgegeven aan {{to}}',
    escalateTo: 'Aan welke overheid?',
    escalateText: 'Toelichting',
    reason: 'Reden',
    submittedAt: 'ingediend {{at}}',
    updatedAt: 'laatst gewijzigd {{at}}',
    acknowledge: 'Ontvangst bevestigen',
    answer: 'Beantwoorden',
    escalate: 'Doorgeven aan een hogere overheid',
    close: 'Afsluiten',
  },
  liveText: {
    anAction: 'een actie',
    anOrganisation: 'een organisatie',
  },
};
