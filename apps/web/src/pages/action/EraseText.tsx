import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useErrorText } from '../../components/common';
import type { ErasureLegalGround } from '../../types';
import { ConfirmErasure, LegalGroundSelect } from '../erasure-fields';

/** where a history entry's text lives: the change at `version` of this action's, signal's or meeting's history */
export interface TextTarget {
  aggregate: 'action' | 'signal' | 'meeting';
  aggregateId: string;
  /** the page re-reads at the erasure's position */
  onErased: (position: string) => void;
}

/**
 * "Erase this text" on one history entry (coordinators; POST /api/erasures with kind text, docs/privacy.md): a
 * legal ground and a confirmation, then only this text reads "gewist" / "erased", everywhere it was shown.
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
  const id = `erase-text-${version}`;
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
