import { useTranslation } from 'react-i18next';
import { fieldAria, useFormErrors } from '../../../forms/form-errors';
import { useDraft } from '../../../drafts';
import { MiniForm, type FormContext } from '../form-kit';

export function NoteForm({ context }: { context: FormContext }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft({ text: '' }, action.version, (a, b) => a.text.trim() !== b.text.trim());
  const errors = useFormErrors();
  return (
    <MiniForm
      id="note"
      title={t('form.note')}
      fields={['notes']}
      draft={draft}
      context={context}
      errors={errors}
      afterSave={() => draft.reset()}
      build={({ text }) => ({ method: 'POST', path: `/api/actions/${action.id}/notes`, body: { text } })}
    >
      <label htmlFor="note-text">{t('form.noteText')}</label>
      <textarea
        id="note-text"
        rows={3}
        required
        value={draft.value.text}
        onChange={(event) => draft.set({ text: event.target.value })}
        {...fieldAria(errors, 'note-error', 'text')}
      />
    </MiniForm>
  );
}
