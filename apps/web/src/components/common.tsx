import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../api';
import { localeOf } from '../i18n';
import type { ActionStatus } from '../types';

/** The limits the api reports with a 400 REQUEST.VALIDATION_FAILED, per field (docs/errors.md). */
export interface InvalidField {
  field: string;
  messages?: string[];
  limits?: Record<string, number>;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Tekst: maximaal 10.000 tekens": the field's name and the limit it broke, in the person's language. */
export function fieldErrorText(t: TFunction, language: string, invalid: InvalidField): string {
  const name = capitalise(t(`fieldName.${invalid.field}`, { defaultValue: invalid.field }));
  const number = (value: number) => new Intl.NumberFormat(localeOf(language)).format(value);
  const limits = invalid.limits ?? {};
  for (const rule of ['maxLength', 'minLength', 'max', 'min', 'arrayMaxSize'] as const) {
    const limit = limits[rule];
    if (typeof limit === 'number') return t(`fieldError.${rule}`, { field: name, limit: number(limit) });
  }
  return t('fieldError.invalid', { field: name });
}

/** The text of an error for people: the app's own texts, else the domain's rule texts, by the stable code. */
export function errorText(
  t: TFunction,
  i18nExists: (key: string, options?: { ns: string }) => boolean,
  error: unknown,
  language = 'nl',
): string {
  if (error instanceof ApiError) {
    const details = (error.details && typeof error.details === 'object' ? error.details : {}) as Record<
      string,
      unknown
    >;
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(details))
      values[name] = Array.isArray(value)
        ? value.map((item) => statusOrValue(t, item)).join(', ')
        : statusOrValue(t, value);
    const appKey = `errors.${error.code}`;
    if (i18nExists(appKey)) return t(appKey, values);
    if (i18nExists(error.code, { ns: 'domain' })) return t(error.code, { ns: 'domain', ...values });
    // the api names each invalid field and the limit it broke: "Tekst: maximaal 10.000 tekens."
    if (error.code === 'REQUEST.VALIDATION_FAILED' && Array.isArray(error.details)) {
      const fields = (error.details as InvalidField[]).filter((item) => typeof item?.field === 'string');
      if (fields.length) return fields.map((item) => fieldErrorText(t, language, item)).join(' ');
    }
    if (error.status === 400) return t('errors.invalid');
    return t('errors.generic', { code: error.code });
  }
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.unexpected');
}

function statusOrValue(t: TFunction, value: unknown): string {
  if (
    typeof value === 'string' &&
    (['not_started', 'in_progress', 'realised', 'postponed', 'stopped'] as string[]).includes(value)
  )
    return t(`status.${value}`);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** An error in an alert region: read out by screen readers as soon as it appears. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {errorText(t, (key, options) => i18n.exists(key, options), error, i18n.language)}
    </p>
  );
}

export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => errorText(t, (key, options) => i18n.exists(key, options), error, i18n.language);
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

export function StatusBadge({ status }: { status: ActionStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}

interface Formatters {
  date: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
  number: Intl.NumberFormat;
}

/** per locale, made once: a formatter with a time zone takes about 0.1 ms to build, and lists format every row */
const formattersByLocale = new Map<string, Formatters>();

function formattersOf(locale: string): Formatters {
  let formatters = formattersByLocale.get(locale);
  if (!formatters) {
    const numeric = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;
    formatters = {
      date: new Intl.DateTimeFormat(locale, { ...numeric, timeZone: 'Europe/Brussels' }),
      dateTime: new Intl.DateTimeFormat(locale, {
        ...numeric,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: 'Europe/Brussels',
      }),
      number: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
    };
    formattersByLocale.set(locale, formatters);
  }
  return formatters;
}

/** Belgian dates everywhere (31/12/2025, 31/12/2025 14:05), in Brussels time. */
export function useFormat() {
  const { i18n } = useTranslation();
  const formatters = formattersOf(localeOf(i18n.language));
  return {
    date: (value: string | null | undefined) =>
      !value
        ? ''
        : /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? belgianDate(value)
          : formatters.date.format(new Date(value)),
    dateTime: (value: string | null | undefined) =>
      value ? formatters.dateTime.format(new Date(value)).replace(',', '') : '',
    number: (value: number) => formatters.number.format(value),
  };
}

/** A calendar date (2025-12-31) as 31/12/2025: no time zone involved. */
export function belgianDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

/** Shows a value of a history change (before or after) readably. */
export function ChangeValue({
  field,
  value,
  names,
}: {
  field: string;
  value: unknown;
  names?: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '')
    return <em className="muted">{t('history.empty')}</em>;
  // a status of an action, a meeting or a signal (the audit trail shows all three; their values differ)
  if (field === 'status' && typeof value === 'string')
    return (
      <>
        {t([`status.${value}`, `meetingStatus.${value}`, `signals.status.${value}`], { defaultValue: value })}
      </>
    );
  if (field === 'dueDate' && typeof value === 'string') return <>{belgianDate(value)}</>;
  if (typeof value === 'string' && names?.has(value)) return <>{names.get(value)}</>;
  if (Array.isArray(value))
    return (
      <>
        {value.length
          ? value.map((item) => names?.get(String(item)) ?? String(item)).join(', ')
          : t('history.empty')}
      </>
    );
  if (typeof value === 'object') return <code>{JSON.stringify(value)}</code>;
  return <>{typeof value === 'string' ? value : JSON.stringify(value)}</>;
}
