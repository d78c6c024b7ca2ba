// The one way a form of the web app shows the api's refusal: one text per field the refusal is about (so its
// control gets aria-invalid) and a summary in the form's own aria-live region.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { fieldErrorText, useErrorText, type InvalidField } from '../components/common';

/** The errors of one form: one text per field (the api's path, `scores.0.points`) and a summary. */
export interface FormErrors {
  byField: ReadonlyMap<string, string>;
  summary: string | null;
  show: (error: unknown) => void;
  clear: () => void;
}

/**
 * The fields an error is about: each field of the api's 400 REQUEST.VALIDATION_FAILED (with its limits), or
 * the field a domain rule or command check names in `details.field` (USER.EMAIL_TAKEN: email), else the one
 * `fieldOf` gives its code (PLAN.CODE_TAKEN: code). An error no field is about names none.
 */
export function invalidFields(error: unknown, fieldOf: Record<string, string> = {}): InvalidField[] {
  if (!(error instanceof ApiError)) return [];
  if (error.code === 'REQUEST.VALIDATION_FAILED' && Array.isArray(error.details))
    return (error.details as InvalidField[]).filter((item) => typeof item?.field === 'string');
  const details = error.details as { field?: unknown } | undefined;
  const field = typeof details?.field === 'string' ? details.field : fieldOf[error.code];
  return field ? [{ field }] : [];
}

/**
 * The errors of one form, by field (invalidFields). The api's 400 names each field and its limit
 * ("Tekst: maximaal 10.000 tekens"); another error keeps its own sentence, on its field when it names one.
 */
export function useFormErrors(
  fieldOf: Record<string, string> = {},
  /** a field the api names otherwise than the form (the password reset's `password`: newPassword) */
  aliases: Record<string, string> = {},
): FormErrors {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [state, setState] = useState<{ byField: Map<string, string>; summary: string | null }>({
    byField: new Map(),
    summary: null,
  });
  return {
    ...state,
    show: (error) => {
      const byField = new Map<string, string>();
      const fromApi = error instanceof ApiError && error.code === 'REQUEST.VALIDATION_FAILED';
      for (const item of invalidFields(error, fieldOf))
        byField.set(
          aliases[item.field] ?? item.field,
          fromApi ? fieldErrorText(t, i18n.language, item) : errorText(error),
        );
      const summary = byField.size ? [...byField.values()].join(' ') : errorText(error);
      setState({ byField, summary });
    },
    clear: () => setState({ byField: new Map(), summary: null }),
  };
}

/** The api's field path (`scores.0.points`, `attendees[1].guestName`) is about this control's field. */
export const namesField = (path: string, field: string): boolean =>
  path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);

/**
 * aria attributes of a control whose field may carry an error: `aria-invalid` while the error names one of
 * `fields`, and `aria-describedby` pointing at the element that says why (`describedBy`: the form's error
 * region, or the text under the control).
 */
export function fieldAria(errors: Pick<FormErrors, 'byField'>, describedBy: string, ...fields: string[]) {
  const has = [...errors.byField.keys()].some((named) => fields.some((field) => namesField(named, field)));
  return {
    'aria-invalid': has || undefined,
    'aria-describedby': has ? describedBy : undefined,
  } as const;
}

/**
 * A form's error region, inside the form next to its controls: always in the page and `aria-live` (a region
 * that appears together with its text is not read out by every screen reader), with the error's summary.
 */
export function FormErrorRegion({ id, errors }: { id: string; errors: Pick<FormErrors, 'summary'> }) {
  return (
    <div id={id} className="form-error" aria-live="assertive" data-testid={id}>
      {errors.summary ? <p className="error">{errors.summary}</p> : null}
    </div>
  );
}

/** An error next to the control it is about, in a live region that is always in the page. */
export function InlineError({ id, error }: { id: string; error: unknown }) {
  // the field and its limit when the api names them (errorText)
  const text = useErrorText();
  return (
    <div id={id} className="form-error" aria-live="assertive" data-testid={id}>
      {error ? <p className="error">{text(error)}</p> : null}
    </div>
  );
}
