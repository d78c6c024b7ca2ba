import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../api';
import { localeOf } from '../i18n';
import { useErrorText } from './common';

/** The limits the api reports with a 400 REQUEST.VALIDATION_FAILED, per field (docs/errors.md). */
interface InvalidField {
  field: string;
  messages?: string[];
  limits?: Record<string, number>;
}

/** The errors of one form: one text per field (next to its control) and a summary for the form's live region. */
export interface FieldErrors {
  byField: ReadonlyMap<string, string>;
  summary: string | null;
  show: (error: unknown) => void;
  clear: () => void;
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

/** The fields an error is about: the api's 400 details, or a domain rule's `details.field`. */
export function invalidFields(error: unknown): InvalidField[] {
  if (!(error instanceof ApiError)) return [];
  if (error.code === 'REQUEST.VALIDATION_FAILED' && Array.isArray(error.details))
    return (error.details as InvalidField[]).filter((item) => typeof item?.field === 'string');
  const details = error.details as { field?: unknown } | undefined;
  if (error.code.endsWith('.INVALID') && typeof details?.field === 'string')
    return [{ field: details.field }];
  return [];
}

export function useFieldErrors(): FieldErrors {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [state, setState] = useState<{ byField: Map<string, string>; summary: string | null }>({
    byField: new Map(),
    summary: null,
  });
  return {
    ...state,
    show: (error) => {
      const fields = invalidFields(error);
      const byField = new Map<string, string>();
      const fromApi = error instanceof ApiError && error.code === 'REQUEST.VALIDATION_FAILED';
      // the api's input checks name a field and its limit; a domain rule has its own sentence
      for (const item of fields)
        byField.set(item.field, fromApi ? fieldErrorText(t, i18n.language, item) : errorText(error));
      const summary = fromApi && byField.size ? [...byField.values()].join(' ') : errorText(error);
      setState({ byField, summary });
    },
    clear: () => setState({ byField: new Map(), summary: null }),
  };
}

/** The text of an error for the live region next to a control: field and limit when the api names them. */
export function useInlineErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  return (error) => {
    const fields =
      error instanceof ApiError && error.code === 'REQUEST.VALIDATION_FAILED' ? invalidFields(error) : [];
    return fields.length
      ? fields.map((item) => fieldErrorText(t, i18n.language, item)).join(' ')
      : errorText(error);
  };
}

/**
 * An error next to the control it is about, in a live region that is always in the page (a region that
 * appears together with its text is not read out by every screen reader).
 */
export function InlineError({ id, error }: { id: string; error: unknown }) {
  const text = useInlineErrorText();
  return (
    <div id={id} className="form-error" aria-live="assertive" data-testid={id}>
      {error ? <p className="error">{text(error)}</p> : null}
    </div>
  );
}
