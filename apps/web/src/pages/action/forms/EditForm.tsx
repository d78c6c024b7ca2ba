import { useTranslation } from 'react-i18next';
import { fieldAria, useFormErrors } from '../../../forms/form-errors';
import { useDraft } from '../../../drafts';
import { MiniForm, type FormContext } from '../form-kit';

const splitTags = (tags: string) =>
  tags
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

export function EditForm({ context }: { context: FormContext }) {
  const { t } = useTranslation();
  const { action } = context;
  const draft = useDraft(
    { title: action.title, description: action.description, tags: action.tags.join(', ') },
    action.version,
    (a, b) =>
      a.title !== b.title ||
      a.description !== b.description ||
      splitTags(a.tags).join(',') !== splitTags(b.tags).join(','),
  );
  const errors = useFormErrors();
  return (
    <MiniForm
      id="edit"
      title={t('form.edit')}
      fields={['title', 'description', 'tags']}
      draft={draft}
      context={context}
      errors={errors}
      build={({ title, description, tags }) => {
        const nextTags = splitTags(tags);
        return {
          method: 'PATCH',
          path: `/api/actions/${action.id}`,
          body: {
            ...(title !== action.title ? { title } : {}),
            ...(description !== action.description ? { description } : {}),
            ...(nextTags.join(',') !== action.tags.join(',') ? { tags: nextTags } : {}),
          },
        };
      }}
    >
      <label htmlFor="edit-title">{t('form.title')}</label>
      <input
        id="edit-title"
        value={draft.value.title}
        onChange={(event) => draft.set({ title: event.target.value })}
        {...fieldAria(errors, 'edit-error', 'title')}
      />
      <label htmlFor="edit-description">{t('form.description')}</label>
      <textarea
        id="edit-description"
        rows={3}
        value={draft.value.description}
        onChange={(event) => draft.set({ description: event.target.value })}
        {...fieldAria(errors, 'edit-error', 'description')}
      />
      <label htmlFor="edit-tags">{t('form.tags')}</label>
      <input
        id="edit-tags"
        value={draft.value.tags}
        onChange={(event) => draft.set({ tags: event.target.value })}
        {...fieldAria(errors, 'edit-error', 'tags')}
      />
    </MiniForm>
  );
}
