import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useErrorText } from '../components/common';
import type { ErasureLegalGround } from '../types';
import { ConfirmErasure, LegalGroundSelect } from './erasure-fields';

/**
 * where a text lives: the change at `version` of this action's, signal's, meeting's, period's, indicator's, plan's or
 * working group's history (the action's history entries, a signal's texts in the inbox, a meeting's notes,
 * decisions, next steps, proposals and corrections, a lead's narrative in a period's report or "Mijn updates", and
 * any entry of the audit trail that holds one: a measurement's source, comment or correction reason, an archive,
 * cancellation or unplacing reason too)
 */
export interface TextTarget {
  aggregate: 'action' | 'signal' | 'meeting' | 'period' | 'indicator' | 'plan' | 'working-group';
  aggregateId: string;
  /** the page re-reads at the erasure's position */
  onErased: (position: string) => void;
}

/**
 * "Erase this text" next to one free text (coordinators; POST /api/erasures with kind text, docs/privacy.md): a
 * legal ground and a confirmation, then only this text reads "gewist" / "erased", everywhere it was shown.
 * Used by the action's history, the signals inbox, the meeting page, the period report, "Mijn updates" and the
 * coordinators' audit trail (the only place for the texts of indicators, plans, working groups and a meeting's
 * cancellation reason).
 */
export function EraseText({ target, version }: { target: TextTarget; version: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [ground, setGround] = useState<ErasureLegalGround | ''>('');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ready = ground !== '' && confirmed && !busy;
  const label = t('erasure.eraseText');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api.write<{ position: string }>('POST', '/api/erasures', {
        kind: 'text',
        aggregate: target.aggregate,
        aggregateId: target.aggregateId,
        version,
        legalGround: ground,
      });
      setOpen(false);
      target.onErased(answer.position);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <button type="button" className="link-button erase-text" onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  // unique on a page listing several aggregates (the signals inbox: every signal's text is its version 1)
  const id = `erase-text-${target.aggregateId}-${version}`;
  return (
    <form className="erase-text" aria-label={label} onSubmit={(event) => void submit(event)}>
      <p className="hint">{t('erasure.eraseTextHint')}</p>
      <LegalGroundSelect id={`${id}-ground`} value={ground} onChange={setGround} />
      <ConfirmErasure checked={confirmed} onChange={setConfirmed} />
      <div className="buttons">
        <button type="submit" className="danger" disabled={!ready}>
          {t('erasure.submit')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('erasure.cancel')}
        </button>
      </div>
      {error !== null && (
        <p role="alert" className="error">
          {errorText(error)}
        </p>
      )}
    </form>
  );
}

/**
 * `EraseText` next to a free text a page shows, when there is one to offer: a target (the page gives one to
 * coordinators only), the version of the change that wrote the text, and a text that is not erased already.
 */
export function EraseShownText({
  target,
  version,
  text,
}: {
  target: TextTarget | undefined;
  version: number | null | undefined;
  text: string | null | undefined;
}) {
  const { t } = useTranslation();
  // the api client reads an erased text as "gewist" / "erased" already
  if (!target || typeof version !== 'number' || !text || text === t('erasure.erased')) return null;
  return <EraseText target={target} version={version} />;
}
