import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useErrorText } from '../components/common';
import { useResource } from '../hooks';
import { ERASURE_SUBJECT_KINDS, type ErasureLegalGround, type ErasureSubjectKind } from '../types';
import { ConfirmErasure, LegalGroundSelect } from './erasure-fields';

interface ErasureAnswer {
  erasureId: string;
  keysErased: number;
  position: string;
}

/**
 * Erasure of a person's data for coordinators (POST /api/erasures, docs/privacy.md): choose the person (a
 * disabled account, a guest by the name she attended under, or the reporter of a signal), the legal ground,
 * confirm that it cannot be undone, erase. Shown on the audit page, where the erasure then appears.
 */
export function ErasureForm({ onErased }: { onErased: (position: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [kind, setKind] = useState<ErasureSubjectKind>('guest');
  const [userId, setUserId] = useState('');
  const [guestName, setGuestName] = useState('');
  const [signalId, setSignalId] = useState('');
  const [ground, setGround] = useState<ErasureLegalGround | ''>('');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<ErasureAnswer | null>(null);
  const users = useResource<{ items: { id: string; name: string; email: string; disabled: boolean }[] }>(
    kind === 'user' ? '/api/users' : null,
  );
  const signals = useResource<{ items: { id: string; source: string | null; text: string }[] }>(
    kind === 'signal-reporter' ? '/api/signals' : null,
    { limit: 500 },
  );
  const disabledUsers = (users.data?.items ?? []).filter((user) => user.disabled);
  const reportedSignals = (signals.data?.items ?? []).filter((signal) => signal.source);

  const subject =
    kind === 'user'
      ? { kind, userId }
      : kind === 'guest'
        ? { kind, guestName: guestName.trim() }
        : { kind, signalId };
  const ready =
    confirmed &&
    ground !== '' &&
    ((kind === 'user' && userId !== '') ||
      (kind === 'guest' && guestName.trim() !== '') ||
      (kind === 'signal-reporter' && signalId !== ''));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const answer = await api.write<ErasureAnswer>('POST', '/api/erasures', {
        ...subject,
        legalGround: ground,
      });
      setDone(answer);
      setConfirmed(false);
      setGuestName('');
      setUserId('');
      setSignalId('');
      onErased(answer.position);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="erasure">
      <summary>{t('erasure.title')}</summary>
      <p className="muted">{t('erasure.intro')}</p>
      <form onSubmit={(event) => void submit(event)} aria-label={t('erasure.title')}>
        <fieldset>
          <legend>{t('erasure.kind')}</legend>
          {/* one text is erased where it is shown (a history entry), not here */}
          {ERASURE_SUBJECT_KINDS.filter((option) => option !== 'text').map((option) => (
            <label key={option} className="radio">
              <input
                type="radio"
                name="erasure-kind"
                value={option}
                checked={kind === option}
                onChange={() => setKind(option)}
              />{' '}
              {t(`erasure.kinds.${option}`)}
            </label>
          ))}
        </fieldset>
        {kind === 'user' && (
          <div className="field">
            <label htmlFor="erasure-user">{t('erasure.user')}</label>
            <select id="erasure-user" value={userId} onChange={(event) => setUserId(event.target.value)}>
              <option value="">{t('erasure.chooseUser')}</option>
              {disabledUsers.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name} ({user.email})
                </option>
              ))}
            </select>
            <p className="hint">{t('erasure.userHint')}</p>
          </div>
        )}
        {kind === 'guest' && (
          <div className="field">
            <label htmlFor="erasure-guest">{t('erasure.guestName')}</label>
            <input
              id="erasure-guest"
              value={guestName}
              maxLength={200}
              onChange={(event) => setGuestName(event.target.value)}
            />
            <p className="hint">{t('erasure.guestHint')}</p>
          </div>
        )}
        {kind === 'signal-reporter' && (
          <div className="field">
            <label htmlFor="erasure-signal">{t('erasure.signal')}</label>
            <select
              id="erasure-signal"
              value={signalId}
              onChange={(event) => setSignalId(event.target.value)}
            >
              <option value="">{t('erasure.chooseSignal')}</option>
              {reportedSignals.map((signal) => (
                <option key={signal.id} value={signal.id}>
                  {signal.source}: {signal.text.slice(0, 60)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <LegalGroundSelect id="erasure-ground" value={ground} onChange={setGround} />
        </div>
        <ConfirmErasure checked={confirmed} onChange={setConfirmed} />
        <div className="buttons">
          <button type="submit" className="danger" disabled={!ready || busy}>
            {t('erasure.submit')}
          </button>
        </div>
        {error !== null && (
          <p role="alert" className="error">
            {errorText(error)}
          </p>
        )}
        {done && (
          <p role="status" className="success">
            {t('erasure.done', { count: done.keysErased })}
          </p>
        )}
      </form>
    </details>
  );
}
