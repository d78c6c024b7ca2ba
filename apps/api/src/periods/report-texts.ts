import {
  ACTION_STATUS_LABELS,
  PERIOD_KIND_LABELS,
  PERIOD_SCOPE_LABELS,
  belgianDateTime,
  formatDate,
  localiseErasedIn,
  periodDates,
  type Language,
  type PeriodIndicatorSnapshot,
} from '#domain';
import type { PeriodCorrection, PeriodReport, PeriodReportAction, PeriodReportStep } from '#read-models';

/** Everything the report's three formats print, in Dutch first and English second. */
export const REPORT_TEXT = {
  nl: {
    title: 'Opvolgingsrapportering',
    period: 'Periode',
    scope: 'Acties',
    state: 'Stand',
    frozen: 'Afgesloten op {closedAt}; stand van {asOf}, vastgelegd bij de afsluiting',
    live: 'Periode open: stand van {asOf} (kan nog wijzigen)',
    checkpoint:
      'Controlepunt van de gebeurtenissenlog bij de afsluiting: positie {position}, {count} gebeurtenissen, hash {hash}',
    generated: 'Aangemaakt op {at}',
    noActions: 'Geen acties in dit rapport.',
    code: 'Code',
    bbcCode: 'BBC-code',
    action: 'Actie',
    theme: 'Beleidsdoelstelling / thema',
    goal: 'Actieplan / doel',
    priority: 'Prioritair',
    status: 'Status',
    progress: 'Voortgang',
    lead: 'Trekker',
    partners: 'Partners',
    indicators: 'Indicatoren (doel / gemeten)',
    themeIndicators: 'Indicatoren beleidsdoelstelling / thema (doel / gemeten)',
    goalIndicators: 'Indicatoren actieplan / doel (doel / gemeten)',
    narrative: 'Toelichting',
    changes: 'Wijzigingen in de periode',
    moreChanges: '… en {count} eerdere',
    openSignals: 'Open signalen',
    corrected: 'Gecorrigeerd na afsluiting',
    correctedLine: '{field}: {frozen} → {value} (op {at})',
    page: 'Pagina',
    of: 'van',
    yes: 'ja',
    no: 'nee',
    none: '-',
    fields: { narrative: 'toelichting', status: 'status', progress: 'voortgang', indicator: 'indicator' },
  },
  en: {
    title: 'Follow-up report',
    period: 'Period',
    scope: 'Actions',
    state: 'As of',
    frozen: 'Closed on {closedAt}; as of {asOf}, frozen at the close',
    live: 'Period open: as of {asOf} (may still change)',
    checkpoint: 'Event log checkpoint at the close: position {position}, {count} events, hash {hash}',
    generated: 'Generated on {at}',
    noActions: 'No actions in this report.',
    code: 'Code',
    bbcCode: 'BBC code',
    action: 'Action',
    theme: 'Policy objective / theme',
    goal: 'Action plan / goal',
    priority: 'Priority',
    status: 'Status',
    progress: 'Progress',
    lead: 'Lead',
    partners: 'Partners',
    indicators: 'Indicators (target / measured)',
    themeIndicators: 'Indicators of the policy objective / theme (target / measured)',
    goalIndicators: 'Indicators of the action plan / goal (target / measured)',
    narrative: 'Narrative',
    changes: 'Changes in the period',
    moreChanges: '… and {count} earlier',
    openSignals: 'Open signals',
    corrected: 'Corrected after closing',
    correctedLine: '{field}: {frozen} → {value} (on {at})',
    page: 'Page',
    of: 'of',
    yes: 'yes',
    no: 'no',
    none: '-',
    fields: { narrative: 'narrative', status: 'status', progress: 'progress', indicator: 'indicator' },
  },
} as const;

export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

/** an instant as a Belgian date and time (31/12/2025 14:05) or, in English, 2025-12-31 14:05 */
export function instant(iso: string, lang: Language): string {
  const { date, time } = belgianDateTime(new Date(iso));
  const [year, month, day] = date.split('-');
  return lang === 'nl' ? `${day}/${month}/${year} ${time}` : `${date} ${time}`;
}

export const statusLabel = (status: string, lang: Language): string =>
  (ACTION_STATUS_LABELS as Record<string, { nl: string; en: string }>)[status]?.[lang] ?? status;

export const progressText = (progress: number | null, lang: Language): string =>
  progress === null ? REPORT_TEXT[lang].none : `${progress}%`;

export function reportTitle(report: PeriodReport, lang: Language): string {
  return `${REPORT_TEXT[lang].title} ${report.period.label}: ${report.plan.title}`;
}

/** the lines under the title: period, scope, frozen or live, checkpoint */
export function reportHeader(report: PeriodReport, lang: Language): string[] {
  const t = REPORT_TEXT[lang];
  const { period } = report;
  const lines = [
    `${t.period}: ${PERIOD_KIND_LABELS[period.kind][lang]} ${periodDates(period.start, period.end)[lang]}`,
    `${t.scope}: ${PERIOD_SCOPE_LABELS[report.scope][lang]} (${report.actionCount})`,
    report.frozen
      ? fill(t.frozen, { closedAt: instant(period.closedAt!, lang), asOf: instant(report.asOf, lang) })
      : fill(t.live, { asOf: instant(report.asOf, lang) }),
  ];
  if (period.checkpoint) {
    lines.push(
      fill(t.checkpoint, {
        position: period.checkpoint.position,
        count: period.checkpoint.eventCount,
        hash: period.checkpoint.headHash,
      }),
    );
  }
  lines.push(fill(t.generated, { at: instant(report.generatedAt, lang) }));
  return lines;
}

const correctionValue = (
  correction: PeriodCorrection,
  value: string | number | null,
  lang: Language,
): string => {
  if (value === null) return REPORT_TEXT[lang].none;
  if (correction.field === 'status') return statusLabel(String(value), lang);
  if (correction.field === 'progress') return `${value}%`;
  return String(value);
};

/**
 * "Gecorrigeerd na afsluiting: voortgang: 40% → 60% (op 12/09/2025 10:00)"; with `indicators`, an indicator's
 * correction is named by the indicator ("Gezinnen bereikt: 46 → 52 …")
 */
export function correctionLine(
  correction: PeriodCorrection,
  lang: Language,
  indicators: readonly PeriodIndicatorSnapshot[] = [],
): string {
  const t = REPORT_TEXT[lang];
  const named = indicators.find((indicator) => indicator.indicatorId === correction.indicatorId)?.name;
  return `${t.corrected}: ${fill(t.correctedLine, {
    field: correction.field === 'indicator' && named ? named : t.fields[correction.field],
    frozen: correctionValue(correction, correction.frozen, lang),
    value: correctionValue(correction, correction.value, lang),
    at: instant(correction.at, lang),
  })}`;
}

/**
 * The report with every erased free text (a narrative, a signal's text, a narrative's correction) as "gewist" /
 * "erased" in the report's language: the JSON report keeps the language-neutral marker (docs/privacy.md)
 */
export function localiseReportErased(report: PeriodReport, lang: Language): PeriodReport {
  const text = (value: string): string => localiseErasedIn(value, lang);
  const maybe = <T>(value: T): T => (typeof value === 'string' ? (text(value) as T) : value);
  return {
    ...report,
    groups: report.groups.map((group) => ({
      ...group,
      actions: group.actions.map((action) => ({
        ...action,
        narrative: action.narrative === null ? null : text(action.narrative),
        openSignals: action.openSignals.map((signal) => ({ ...signal, text: text(signal.text) })),
        changes: action.changes.map((change) => ({
          ...change,
          summary: {
            nl: localiseErasedIn(change.summary.nl, 'nl'),
            en: localiseErasedIn(change.summary.en, 'en'),
          },
        })),
        corrections: action.corrections.map((correction) => ({
          ...correction,
          frozen: maybe(correction.frozen),
          value: maybe(correction.value),
        })),
      })),
    })),
  };
}

export const codeOf = (item: { code: string; bbcCode: string | null }): string =>
  item.bbcCode ? `${item.bbcCode} (${item.code})` : item.code;

/** "Woningen in gebruik: 50 / 46 (01/01/2026) woningen [attention]", one line per indicator of an action or step */
export function indicatorLines(
  node: { indicators: readonly PeriodIndicatorSnapshot[] },
  lang: Language,
): string[] {
  const none = REPORT_TEXT[lang].none;
  return node.indicators.map((indicator) => {
    const target = indicator.target === null ? none : `${indicator.target}`;
    const measured =
      indicator.measured === null
        ? none
        : `${indicator.measured}${indicator.measuredOn ? ` (${formatDate(indicator.measuredOn)[lang]})` : ''}`;
    const unit = indicator.unit ? ` ${indicator.unit}` : '';
    return `${indicator.name}: ${target} / ${measured}${unit}${indicator.status ? ` [${indicator.status}]` : ''}`;
  });
}

export function changeLines(action: PeriodReportAction, lang: Language): string[] {
  const lines = action.changes.map(
    (change) => `${instant(change.at, lang).slice(0, 10)} ${change.summary[lang]}`,
  );
  const earlier = action.changeCount - action.changes.length;
  if (earlier > 0) lines.unshift(fill(REPORT_TEXT[lang].moreChanges, { count: earlier }));
  return lines;
}

/** a theme's or goal's indicators and their corrections after the close (named by the indicator) */
export function stepIndicatorLines(step: PeriodReportStep, lang: Language): string[] {
  return [
    ...indicatorLines(step, lang),
    ...step.corrections.map((correction) => correctionLine(correction, lang, step.indicators)),
  ];
}

export const signalLines = (action: PeriodReportAction): string[] =>
  action.openSignals.map((signal) => signal.text);
