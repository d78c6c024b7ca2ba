import type { Dictionary } from '../dictionary';
import type { nl } from '../nl/periods';

/** English: the same keys as nl/periods.ts (checked by the compiler and dictionaries.unit.spec.ts). */
export const en: Dictionary<typeof nl> = {
  periods: {
    intro:
      'The plan cycle\'s follow-up reports: one report per period for the council. A closed period is frozen; what arrives later is shown beside it as "corrected after closing".',
    none: 'No reporting periods yet.',
    open: 'Open a period',
    openButton: 'Open',
    kind: 'Kind',
    kinds: {
      half_year: 'Half-year',
      year: 'Year',
      custom: 'Custom period',
    },
    year: 'Year',
    half: 'Half',
    halves: {
      '1': '1 January - 30 June',
      '2': '1 July - 31 December',
    },
    start: 'From',
    end: 'Until (included)',
    status: {
      open: 'open',
      closed: 'closed',
    },
    closedAt: 'Closed on {{at}} ({{count}} actions frozen)',
    checkpoint: 'checkpoint {{hash}}…',
    scope: 'Actions in the report',
    scopes: {
      priority: 'Priority actions',
      all: 'All actions',
    },
    language: 'Language of the report',
    download: {
      docx: 'Word (DOCX)',
      html: 'Printable (HTML)',
      csv: 'CSV (BBC codes)',
    },
    close: 'Close the period',
    closeConfirm: 'Close the period? Its report is frozen as it is now.',
    round: {
      title: 'Update round',
      progress: '{{percent}}% done ({{submitted}} of {{requested}}), due {{deadline}}',
      late: 'Late (the deadline has passed):',
      waiting: 'Not yet given:',
      noLead: 'no lead',
      deadline: 'Deadline for the updates',
      start: 'Start the update round',
    },
  },
  myUpdates: {
    intro: 'The actions you give a reporting update for: the narrative, status and progress for the period.',
    none: 'No update is asked of you right now.',
    period: 'Period {{label}}, due {{deadline}}',
    late: 'late',
    given: 'update given (you can still change it)',
    narrative: 'Narrative for the period',
    status: 'Status',
    progress: 'Progress (%)',
    submit: 'Send the update',
    saved: 'Update saved.',
  },
  periodReport: {
    view: 'View the report',
    title: 'Report {{label}}',
    frozen: 'Closed on {{closedAt}}; as of {{asOf}}, frozen at the close.',
    live: 'Period open: as of {{asOf}} (may still change).',
    eraseHint:
      'Erasing a narrative erases every version of it: also the one frozen at the close and a correction after the close.',
    noActions: 'No actions in this report.',
    progress: 'Progress',
    lead: 'Lead',
    narrative: 'Narrative',
    none: '-',
    corrected: 'Corrected after closing',
    correctedLine: '{{field}}: {{frozen}} → {{value}} (on {{at}})',
    fields: {
      narrative: 'narrative',
      status: 'status',
      progress: 'progress',
      indicator: 'indicator',
    },
  },
};
