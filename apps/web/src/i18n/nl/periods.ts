/** Dutch (nl-BE) texts of the area "periods": loaded with the pages that use them (apps/web/src/pages/lazy.ts). */
export const nl = {
  periods: {
    intro:
      'De opvolgingsrapportering van de beleids- en beheerscyclus: per periode een rapport voor de gemeenteraad. Een afgesloten periode is vastgelegd; wat nadien nog binnenkomt, staat erbij als "gecorrigeerd na afsluiting".',
    none: 'Nog geen rapporteringsperiodes.',
    open: 'Periode openen',
    openButton: 'Openen',
    kind: 'Soort',
    kinds: {
      half_year: 'Halfjaar',
      year: 'Jaar',
      custom: 'Eigen periode',
    },
    year: 'Jaar',
    half: 'Helft',
    halves: {
      '1': '1 januari - 30 juni',
      '2': '1 juli - 31 december',
    },
    start: 'Van',
    end: 'Tot en met',
    status: {
      open: 'open',
      closed: 'afgesloten',
    },
    closedAt: 'Afgesloten op {{at}} ({{count}} acties vastgelegd)',
    checkpoint: 'controlepunt {{hash}}…',
    scope: 'Acties in het rapport',
    scopes: {
      priority: 'Prioritaire acties',
      all: 'Alle acties',
    },
    language: 'Taal van het rapport',
    download: {
      docx: 'Word (DOCX)',
      html: 'Afdrukbaar (HTML)',
      csv: 'CSV (BBC-codes)',
    },
    close: 'Periode afsluiten',
    closeConfirm: 'De periode afsluiten? Het rapport wordt vastgelegd zoals het nu is.',
    round: {
      title: 'Updateronde',
      progress: '{{percent}}% ingevuld ({{submitted}} van {{requested}}), uiterlijk {{deadline}}',
      late: 'Te laat (de deadline is voorbij):',
      waiting: 'Nog niet ingevuld:',
      noLead: 'geen trekker',
      deadline: 'Deadline voor de updates',
      start: 'Updateronde starten',
    },
  },
  myUpdates: {
    intro:
      'De acties waarvoor je een update voor de rapportering geeft: toelichting, status en voortgang voor de periode.',
    none: 'Er wordt nu geen update van je gevraagd.',
    period: 'Periode {{label}}, uiterlijk {{deadline}}',
    late: 'te laat',
    given: 'update gegeven (je kan ze nog aanpassen)',
    narrative: 'Toelichting voor de periode',
    status: 'Status',
    progress: 'Voortgang (%)',
    submit: 'Update versturen',
    saved: 'Update bewaard.',
  },
};
