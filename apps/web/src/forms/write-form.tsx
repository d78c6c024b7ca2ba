// The one way a form of the web app sends a write: busy while it runs (a second press does nothing), the last
// refusal cleared before and shown after, `onDone` after success. WriteForm and Field are the coordinator's
// setup forms' shape: a heading, labelled controls with their error under them, the error region, one button.
import {
  cloneElement,
  createContext,
  useContext,
  useState,
  type FormEvent,
  type ReactElement,
  type ReactNode,
} from 'react';
import { fieldAria, FormErrorRegion, namesField, useFormErrors, type FormErrors } from './form-errors';

/** Where a write's refusal goes: a form's errors by field (useFormErrors), or one message (useFormError). */
export interface ErrorSink {
  show: (error: unknown) => void;
  clear: () => void;
}

export interface Writing {
  busy: boolean;
  /** runs `write` unless one runs already; `onDone` with its answer, or the refusal to the errors */
  run: <T>(write: () => Promise<T>, onDone: (result: T) => void | Promise<void>) => void;
}

export function useWrite(errors: ErrorSink): Writing {
  const [busy, setBusy] = useState(false);
  return {
    busy,
    run: (write, onDone) => {
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

/** A form whose refusal is one message (an ErrorMessage, role alert): the error, and its sink for useWrite. */
export function useFormError(): ErrorSink & { error: unknown } {
  const [error, setError] = useState<unknown>(null);
  return { error, show: setError, clear: () => setError(null) };
}

export interface WriteFormState {
  errors: FormErrors;
  busy: boolean;
  onSubmit: (event: FormEvent) => void;
}

/**
 * A form that sends one write: its errors (useFormErrors with `fieldOf` and `aliases`), busy, and the submit
 * handler of its <form>.
 */
export function useWriteForm<T>(
  write: () => Promise<T>,
  onDone: (result: T) => void | Promise<void>,
  options: { fieldOf?: Record<string, string>; aliases?: Record<string, string> } = {},
): WriteFormState {
  const errors = useFormErrors(options.fieldOf, options.aliases);
  const writing = useWrite(errors);
  return {
    errors,
    busy: writing.busy,
    onSubmit: (event) => {
      event.preventDefault();
      writing.run(write, onDone);
    },
  };
}

const FormContext = createContext<{ formId: string; errors: FormErrors } | null>(null);

function useFormContext(): { formId: string; errors: FormErrors } {
  const context = useContext(FormContext);
  if (!context) throw new Error('Field and FieldError belong inside a WriteForm');
  return context;
}

/**
 * A write form: its heading names it, its Fields, its error region (`<id>-error`, aria-live) and its one
 * submit button, disabled while the write runs.
 */
export function WriteForm({
  id,
  title,
  level = 2,
  form,
  submit,
  submitClass = 'primary',
  submitDisabled = false,
  children,
}: {
  id: string;
  title: string;
  /** h2 for a form of the page, h3 for one inside an editor section, h4 for one inside a panel of that */
  level?: 2 | 3 | 4;
  form: WriteFormState;
  submit: string;
  submitClass?: 'primary' | 'secondary';
  submitDisabled?: boolean;
  children?: ReactNode;
}) {
  const Heading = level === 2 ? 'h2' : level === 3 ? 'h3' : 'h4';
  return (
    <form aria-labelledby={`${id}-heading`} className="setup-form" onSubmit={form.onSubmit} noValidate>
      <Heading id={`${id}-heading`}>{title}</Heading>
      <FormContext.Provider value={{ formId: id, errors: form.errors }}>{children}</FormContext.Provider>
      <FormErrorRegion id={`${id}-error`} errors={form.errors} />
      <div className="buttons">
        <button type="submit" className={submitClass} disabled={form.busy || submitDisabled}>
          {submit}
        </button>
      </div>
    </form>
  );
}

/** The error text of one field, right under its control (the id its `aria-describedby` points at). */
export function FieldError({ field }: { field: string }) {
  const { formId, errors } = useFormContext();
  const text = [...errors.byField]
    .filter(([path]) => namesField(path, field))
    .map(([, message]) => message)
    .join(' ');
  if (!text) return null;
  return (
    <span id={`${formId}-${field}-error`} className="error field-error">
      {text}
    </span>
  );
}

/** aria attributes of a control (or group) of the WriteForm around it whose field may carry an error */
export function useFieldAria(field: string) {
  const { formId, errors } = useFormContext();
  return fieldAria(errors, `${formId}-${field}-error`, field);
}

/**
 * A labelled control of a WriteForm with its error under it: the control gets its id (`<form>-<field>`),
 * `aria-invalid` while the refusal names its field and `aria-describedby` pointing at the error. The label names
 * the control by `for` (a label wrapped around a select would add the chosen option to the control's name).
 */
export function Field({
  label,
  field,
  children,
}: {
  label: string;
  field: string;
  children: ReactElement<{ id?: string; 'aria-invalid'?: true; 'aria-describedby'?: string }>;
}) {
  const { formId } = useFormContext();
  const aria = useFieldAria(field);
  const id = `${formId}-${field}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, ...aria })}
      <FieldError field={field} />
    </div>
  );
}
