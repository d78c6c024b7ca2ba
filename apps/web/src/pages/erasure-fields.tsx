import { useTranslation } from 'react-i18next';
import { ERASURE_LEGAL_GROUNDS, type ErasureLegalGround } from '../types';

/** The legal ground of an erasure (GDPR art. 17.1), as the person erasure and the text erasure ask it. */
export function LegalGroundSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: ErasureLegalGround | '';
  onChange: (ground: ErasureLegalGround | '') => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={id}>{t('erasure.ground')}</label>{' '}
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value as ErasureLegalGround | '')}
      >
        <option value="">{t('erasure.chooseGround')}</option>
        {ERASURE_LEGAL_GROUNDS.map((option) => (
          <option key={option} value={option}>
            {t(`erasure.grounds.${option}`)}
          </option>
        ))}
      </select>
    </>
  );
}

/** The confirmation an erasure asks before it can be sent: it cannot be undone. */
export function ConfirmErasure({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />{' '}
      {t('erasure.confirm')}
    </label>
  );
}
