/** Dutch (nl-BE) texts of the area "dashboard": loaded with the pages that use them (apps/web/src/pages/lazy.ts). */
export const nl = {
  dashboard: {
    summary: 'Overzicht',
    total: 'Acties',
    progress: 'Gemiddelde voortgang',
    overdue: 'Over deadline',
    openSignals: 'Open signalen',
    byTheme: 'Acties per thema en status',
    chartLabel:
      'Staafdiagram: per thema het aantal acties per status. Dezelfde cijfers staan in de tabel hieronder.',
    tableCaption: 'Aantal acties per thema en status',
    theme: 'Thema',
    overdueActions: 'Acties over hun deadline',
    noneOverdue: 'Geen acties over hun deadline.',
    allOverdue_one: 'De actie over deadline bekijken',
    allOverdue_other: 'Alle {{count}} acties over deadline bekijken',
    recent: 'Recente wijzigingen',
    updated: 'Bijgewerkt: {{summary}}',
  },
  dashboardPlan: {
    period: 'looptijd {{start}} – {{end}}',
  },
  trend: {
    title: 'Verloop van de statussen',
    chartLabel:
      'Staafdiagram: per maand van de looptijd het aantal acties per status aan het einde van die maand. Dezelfde cijfers staan in de tabel eronder.',
    tableToggle: 'Cijfers per maand als tabel',
    tableCaption: 'Aantal acties per status aan het einde van elke maand',
    month: 'Maand',
    total: 'Totaal',
    empty: 'De looptijd van het plan is nog niet begonnen.',
  },
};
