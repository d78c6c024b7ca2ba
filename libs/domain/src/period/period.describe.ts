import { ACTION_STATUS_LABELS, type LocalizedText } from '../shared/labels.js';
import { assertNever } from '../shared/event.js';
import { formatDate, type FieldChange } from '../shared/text.js';
import type { PeriodEvent, PeriodKind, PeriodScope } from './period.events.js';

export const PERIOD_KIND_LABELS: Readonly<Record<PeriodKind, LocalizedText>> = {
  half_year: { nl: 'halfjaar', en: 'half-year' },
  year: { nl: 'jaar', en: 'year' },
  custom: { nl: 'eigen periode', en: 'custom period' },
};

export const PERIOD_SCOPE_LABELS: Readonly<Record<PeriodScope, LocalizedText>> = {
  priority: { nl: 'prioritaire acties', en: 'priority actions' },
  all: { nl: 'alle acties', en: 'all actions' },
};

/** "01/01/2025 - 30/06/2025" in Dutch, "2025-01-01 - 2025-06-30" in English */
export function periodDates(start: string, end: string): LocalizedText {
  const [from, to] = [formatDate(start), formatDate(end)];
  return { nl: `${from.nl} - ${to.nl}`, en: `${from.en} - ${to.en}` };
}

/** A one-line summary of a reporting-period event, in Dutch and English. */
export function describePeriodEvent(event: PeriodEvent): LocalizedText {
  switch (event.type) {
    case 'ReportingPeriodOpened': {
      const { kind, label, start, end } = event.data;
      const dates = periodDates(start, end);
      return {
        nl: `Rapporteringsperiode ${label} geopend (${PERIOD_KIND_LABELS[kind].nl}, ${dates.nl})`,
        en: `Reporting period ${label} opened (${PERIOD_KIND_LABELS[kind].en}, ${dates.en})`,
      };
    }
    case 'ReportingPeriodActionFrozen':
      return {
        nl: `Rapportgegevens van actie ${event.data.action.code} vastgelegd bij de afsluiting`,
        en: `Report data of action ${event.data.action.code} frozen at the close`,
      };
    case 'ReportingPeriodClosed':
      return {
        nl: `Rapporteringsperiode afgesloten (${event.data.actionCount} acties vastgelegd)`,
        en: `Reporting period closed (${event.data.actionCount} actions frozen)`,
      };
    case 'UpdateRoundStarted': {
      const { deadline, requests } = event.data;
      const by = formatDate(deadline);
      return {
        nl: `Updateronde gestart: ${requests.length} acties, uiterlijk ${by.nl}`,
        en: `Update round started: ${requests.length} actions, due ${by.en}`,
      };
    }
    case 'PeriodUpdateSubmitted': {
      const { status, progress, afterClose } = event.data;
      const parts: LocalizedText[] = [];
      if (status !== null) parts.push(ACTION_STATUS_LABELS[status]);
      if (progress !== null) parts.push({ nl: `${progress}%`, en: `${progress}%` });
      const extra = (lang: 'nl' | 'en') => (parts.length ? ` (${parts.map((p) => p[lang]).join(', ')})` : '');
      return {
        nl: `Update voor de periode ingediend${extra('nl')}${afterClose ? ', gecorrigeerd na afsluiting' : ''}`,
        en: `Update for the period submitted${extra('en')}${afterClose ? ', corrected after closing' : ''}`,
      };
    }
    default:
      return assertNever(event);
  }
}

export function periodChangesOf(event: PeriodEvent): FieldChange[] {
  switch (event.type) {
    case 'ReportingPeriodOpened':
      return [
        { field: 'status', from: null, to: 'open' },
        { field: 'start', from: null, to: event.data.start },
        { field: 'end', from: null, to: event.data.end },
      ];
    case 'ReportingPeriodActionFrozen':
      return [{ field: 'frozenAction', from: null, to: event.data.action.actionId }];
    case 'ReportingPeriodClosed':
      return [{ field: 'status', from: 'open', to: 'closed' }];
    case 'UpdateRoundStarted':
      return [{ field: 'deadline', from: null, to: event.data.deadline }];
    case 'PeriodUpdateSubmitted': {
      const changes: FieldChange[] = [{ field: 'narrative', from: null, to: event.data.narrative }];
      if (event.data.status !== null) changes.push({ field: 'status', from: null, to: event.data.status });
      if (event.data.progress !== null)
        changes.push({ field: 'progress', from: null, to: event.data.progress });
      return changes;
    }
    default:
      return assertNever(event);
  }
}
