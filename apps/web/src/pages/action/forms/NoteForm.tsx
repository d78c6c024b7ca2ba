import { useTranslation } from 'react-i18next';
import { useFieldErrors } from '../../../components/field-errors';
import { useDraft } from '../../../drafts';
import { MiniForm, invalid, type FormContext } from '../form-kit';

export function NoteForm({ context }: { context: FormContext }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft({ text: '' }, action.version, (a, b) => a.text.trim() !== b.text.trim());
  const errors = useFieldErrors();
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
        {...invalid(errors, 'note', 'text')}
      />
    </MiniForm>
  );
}
