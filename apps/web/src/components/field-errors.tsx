import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { fieldErrorText, useErrorText, type InvalidField } from './common';

/** The errors of one form: one text per field (next to its control) and a summary for the form's live region. */
export interface FieldErrors {
  byField: ReadonlyMap<string, string>;
  summary: string | null;
  show: (error: unknown) => void;
  clear: () => void;
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

/**
 * An error next to the control it is about, in a live region that is always in the page (a region that
 * appears together with its text is not read out by every screen reader).
 */
export function InlineError({ id, error }: { id: string; error: unknown }) {
  // the field and its limit when the api names them (errorText)
  const text = useErrorText();
  return (
    <div id={id} className="form-error" aria-live="assertive" data-testid={id}>
      {error ? <p className="error">{text(error)}</p> : null}
    </div>
  );
}

/** The api's field path (`scores.0.points`, `attendees[1].guestName`) is about this control's field. */
export const namesField = (path: string, field: string): boolean =>
  path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);

/**
 * aria attributes of a control whose field may carry an error: `aria-invalid` while the api names one of its
 * fields, and `aria-describedby` pointing at the form's error region (FormErrors) that says why.
 */
export function fieldAria(errors: FieldErrors, errorId: string, ...fields: string[]) {
  const has = [...errors.byField.keys()].some((named) => fields.some((field) => namesField(named, field)));
  return {
    'aria-invalid': has || undefined,
    'aria-describedby': has ? errorId : undefined,
  } as const;
}

/**
 * A form's error region, inside the form next to its controls: always in the page and `aria-live`, it shows
 * the api's texts (a field error names the field and its limit, "maximaal 10.000 tekens").
 */
export function FormErrors({ id, errors }: { id: string; errors: FieldErrors }) {
  return (
    <div id={id} className="form-error" aria-live="assertive" data-testid={id}>
      {errors.summary ? <p className="error">{errors.summary}</p> : null}
    </div>
  );
}
