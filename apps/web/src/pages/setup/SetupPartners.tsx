// The partner organisations (coordinator): add one with its kind, rename it, merge it into another (its history
// is kept; the merged organisation is listed with the one it continues as).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorMessage, Loading } from '../../components/common';
import { useResource } from '../../hooks';
import type { Partner, WriteResult } from '../../types';
import { Field, WriteForm, useWriteForm } from '../../forms/write-form';
import { SetupNav } from './setup-common';

export const PARTNER_KINDS = [
  'city',
  'public_body',
  'non_profit',
  'private',
  'citizen_group',
  'other',
] as const;

export function SetupPartnersPage() {
  const { t } = useTranslation();
  const partners = useResource<{ items: Partner[]; position: string }>('/api/partners');
  const [selected, setSelected] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const all = partners.data?.items ?? [];
  const active = all.filter((partner) => !partner.mergedInto);
  const merged = all.filter((partner) => partner.mergedInto);
  const nameOf = (id: string) => all.find((partner) => partner.id === id)?.name ?? id;
  const done = (result: WriteResult, text: string) => {
    partners.reload(result.position);
    setAnnounce(text);
  };
  const partner = active.find((item) => item.id === selected) ?? null;

  return (
    <div className="setup-page">
      <h1>{t('setup.partners.title')}</h1>
      <SetupNav current="partners" />
      <p className="muted">{t('setup.partners.intro')}</p>
      <p role="status" className="sr-only" data-testid="setup-announce">
        {announce}
      </p>
      <ErrorMessage error={partners.error} />
      <NewPartnerForm onDone={(result, name) => done(result, t('setup.partners.created', { name }))} />

      <section aria-labelledby="partner-list-heading">
        <h2 id="partner-list-heading">{t('setup.partners.list')}</h2>
        {!partners.data ? (
          <Loading />
        ) : active.length === 0 ? (
          <p className="muted">{t('setup.partners.none')}</p>
        ) : (
          <ul className="setup-list" data-testid="partner-list">
            {active.map((item) => (
              <li key={item.id}>
                <strong>{item.name}</strong>
                <span className="muted">{t(`partnerKind.${item.kind}`, { defaultValue: item.kind })}</span>
                <button
                  type="button"
                  className="secondary"
                  aria-expanded={selected === item.id}
                  aria-controls="partner-editor"
                  onClick={() => setSelected(selected === item.id ? null : item.id)}
                >
                  {t('setup.partners.edit', { name: item.name })}
                </button>
              </li>
            ))}
          </ul>
        )}
        {merged.length > 0 && (
          <>
            <h3>{t('setup.partners.merged')}</h3>
            <ul className="plain" data-testid="merged-partners">
              {merged.map((item) => (
                <li key={item.id}>
                  {t('setup.partners.mergedInto', { name: item.name, into: nameOf(item.mergedInto!) })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <div id="partner-editor">
        {partner && (
          <PartnerEditor
            key={partner.id + partner.name}
            partner={partner}
            others={active.filter((item) => item.id !== partner.id)}
            onDone={(result, text, gone) => {
              if (gone) setSelected(null);
              done(result, text);
            }}
          />
        )}
      </div>
    </div>
  );
}

function NewPartnerForm({ onDone }: { onDone: (result: WriteResult, name: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>('non_profit');
  const form = useWriteForm(
    () => api.write<WriteResult>('POST', '/api/partners', { name, kind }),
    (result) => {
      onDone(result, name);
      setName('');
    },
    { fieldOf: { 'PARTNER.ALREADY_EXISTS': 'name' } },
  );
  return (
    <WriteForm id="new-partner" title={t('setup.partners.new')} form={form} submit={t('setup.partners.add')}>
      <Field label={t('setup.partners.name')} field="name">
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label={t('setup.partners.kind')} field="kind">
        <select value={kind} onChange={(event) => setKind(event.target.value)}>
          {PARTNER_KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`partnerKind.${value}`)}
            </option>
          ))}
        </select>
      </Field>
    </WriteForm>
  );
}

function PartnerEditor({
  partner,
  others,
  onDone,
}: {
  partner: Partner;
  others: Partner[];
  onDone: (result: WriteResult, text: string, gone?: boolean) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(partner.name);
  const rename = useWriteForm(
    () => api.write<WriteResult>('PATCH', `/api/partners/${partner.id}`, { name }),
    (result) => onDone(result, t('setup.partners.renamed', { from: partner.name, to: name })),
    { fieldOf: { 'PARTNER.NO_CHANGE': 'name' } },
  );

  const [into, setInto] = useState('');
  const merge = useWriteForm(
    () => api.write<WriteResult>('POST', `/api/partners/${partner.id}/merge`, { intoPartnerId: into }),
    (result) =>
      onDone(
        result,
        t('setup.partners.mergedInto', {
          name: partner.name,
          into: others.find((item) => item.id === into)?.name ?? into,
        }),
        true,
      ),
    {
      fieldOf: {
        'PARTNER.MERGE_INTO_SELF': 'intoPartnerId',
        'PARTNER.MERGED': 'intoPartnerId',
        'PARTNER.NOT_FOUND': 'intoPartnerId',
      },
    },
  );

  return (
    <section aria-labelledby="partner-editor-heading" className="setup-editor">
      <h2 id="partner-editor-heading">{t('setup.partners.editorTitle', { name: partner.name })}</h2>
      <WriteForm
        id="rename-partner"
        level={3}
        title={t('setup.partners.renameTitle')}
        form={rename}
        submit={t('setup.partners.rename')}
      >
        <Field label={t('setup.partners.newName')} field="name">
          <input value={name} onChange={(event) => setName(event.target.value)} />
        </Field>
      </WriteForm>
      <WriteForm
        id="merge-partner"
        level={3}
        title={t('setup.partners.mergeTitle')}
        form={merge}
        submit={t('setup.partners.merge')}
        submitClass="secondary"
      >
        <p className="muted">{t('setup.partners.mergeHelp', { name: partner.name })}</p>
        <Field label={t('setup.partners.mergeInto')} field="intoPartnerId">
          <select value={into} onChange={(event) => setInto(event.target.value)}>
            <option value="">{t('setup.partners.choose')}</option>
            {others.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </Field>
      </WriteForm>
    </section>
  );
}
