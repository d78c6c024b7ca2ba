import type { Dictionary } from '../dictionary';
import type { nl } from '../nl/dashboard';

/** English: the same keys as nl/dashboard.ts (checked by the compiler and dictionaries.unit.spec.ts). */
export const en: Dictionary<typeof nl> = {
  dashboard: {
    summary: 'Summary',
    total: 'Actions',
    progress: 'Average progress',
    overdue: 'Overdue',
    openSignals: 'Open signals',
    byTheme: 'Actions by theme and status',
    chartLabel:
      'Bar chart: per theme the number of actions by status. The same figures are in the table below.',
    tableCaption: 'Number of actions by theme and status',
    theme: 'Theme',
    overdueActions: 'Overdue actions',
    noneOverdue: 'No overdue actions.',
    allOverdue_one: 'See the overdue action',
    allOverdue_other: 'See all {{count}} overdue actions',
    recent: 'Recent changes',
    updated: 'Updated: {{summary}}',
  },
  dashboardPlan: {
    period: 'period {{start}} – {{end}}',
  },
  trend: {
    title: 'Status over time',
    chartLabel:
      'Bar chart: for each month of the plan period, the number of actions per status at the end of that month. The same figures are in the table below.',
    tableToggle: 'Figures per month as a table',
    tableCaption: 'Number of actions per status at the end of each month',
    month: 'Month',
    total: 'Total',
    empty: 'The plan period has not started yet.',
  },
};
