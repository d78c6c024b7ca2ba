// What the coordinator's setup screens share: the navigation between them, and forms whose errors stand next
// to the control they are about (aria-invalid, aria-describedby) and in the form's own live region.
import { cloneElement, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { fieldErrorText, useErrorText, type InvalidField } from '../../components/common';
import { Link } from '../../router';

export interface FormErrors {
  byField: ReadonlyMap<string, string>;
  summary: string | null;
  show: (error: unknown) => void;
  clear: () => void;
}

/**
 * The errors of one form, by field. The api's 400 names each field and its limit; a domain rule or a command
 * check names its field in `details.field` (USER.EMAIL_TAKEN: email); `fieldOf` places the other codes
 * (PLAN.CODE_TAKEN: code). An error no field is about goes to the summary only.
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
      if (
        error instanceof ApiError &&
        error.code === 'REQUEST.VALIDATION_FAILED' &&
        Array.isArray(error.details)
      ) {
        for (const item of error.details as InvalidField[])
          if (typeof item?.field === 'string')
            byField.set(aliases[item.field] ?? item.field, fieldErrorText(t, i18n.language, item));
      } else if (error instanceof ApiError) {
        const details = error.details as { field?: unknown } | undefined;
        const field = typeof details?.field === 'string' ? details.field : fieldOf[error.code];
        if (field) byField.set(aliases[field] ?? field, errorText(error));
      }
      const summary = byField.size ? [...byField.values()].join(' ') : errorText(error);
      setState({ byField, summary });
    },
    clear: () => setState({ byField: new Map(), summary: null }),
  };
}

/** aria attributes of a control whose field may carry an error of the form `formId` */
export function invalidProps(errors: FormErrors, formId: string, field: string) {
  const has = errors.byField.has(field);
  return {
    'aria-invalid': has || undefined,
    'aria-describedby': has ? `${formId}-${field}-error` : undefined,
  } as const;
}

/** The error text of one field, right under its control (the id `aria-describedby` points at). */
export function FieldError({ errors, formId, field }: { errors: FormErrors; formId: string; field: string }) {
  const text = errors.byField.get(field);
  if (!text) return null;
  return (
    <span id={`${formId}-${field}-error`} className="error field-error">
      {text}
    </span>
  );
}

/** The form's live region: always in the page, so a screen reader reads the text that appears in it. */
export function FormErrorRegion({ errors, formId }: { errors: FormErrors; formId: string }) {
  return (
    <div id={`${formId}-error`} className="form-error" aria-live="assertive" data-testid={`${formId}-error`}>
      {errors.summary && <p className="error">{errors.summary}</p>}
    </div>
  );
}

/**
 * A form that sends one write: errors cleared before, shown after a failure; `onDone` after success.
 * Returns the props of the <form> and whether it is busy.
 */
export function useWriteForm<T>(
  errors: FormErrors,
  write: () => Promise<T>,
  onDone: (result: T) => void | Promise<void>,
): { busy: boolean; onSubmit: (event: FormEvent) => void } {
  const [busy, setBusy] = useState(false);
  return {
    busy,
    onSubmit: (event) => {
      event.preventDefault();
      if (busy) return;
      setBusy(true);
      errors.clear();
      void (async () => {
        try {
          const result = await write();
          await onDone(result);
        } catch (error) {
          errors.show(error);
        } finally {
          setBusy(false);
        }
      })();
    },
  };
}

/** The links between the setup screens (coordinators only). */
export function SetupNav({ current, planId }: { current: string; planId?: string | null }) {
  const { t } = useTranslation();
  const links: { href: string; label: string; id: string }[] = [
    { id: 'users', href: '/setup/users', label: t('setup.nav.users') },
    { id: 'partners', href: '/setup/partners', label: t('setup.nav.partners') },
    { id: 'groups', href: '/working-groups', label: t('setup.nav.groups') },
    { id: 'tree', href: planId ? `/plans/${planId}/tree` : '/setup/plan', label: t('setup.nav.tree') },
    { id: 'import', href: '/import', label: t('setup.nav.import') },
  ];
  return (
    <nav aria-label={t('setup.nav.label')} className="setup-nav">
      <ul>
        {links.map((link) => (
          <li key={link.id}>
            <Link href={link.href} aria-current={current === link.id ? 'page' : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * A labelled control with its error under it. The label names the control by `for` (a label wrapped around a
 * select would add the chosen option to the control's name).
 */
export function Field({
  label,
  errors,
  formId,
  field,
  children,
}: {
  label: string;
  errors: FormErrors;
  formId: string;
  field: string;
  children: ReactElement<{ id?: string }>;
}) {
  const id = `${formId}-${field}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id })}
      <FieldError errors={errors} formId={formId} field={field} />
    </div>
  );
}
