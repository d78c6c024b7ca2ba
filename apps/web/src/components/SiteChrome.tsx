// What every screen shows, the login screen too: the server's info, the demo banner and the language switch.
// Part of the first download; the signed-in header (Layout.tsx) comes with the signed-in shell's chunk.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';
import type { ServerInfo } from '../types';

export function useServerInfo(): ServerInfo | null {
  const [info, setInfo] = useState<ServerInfo | null>(null);
  useEffect(() => {
    fetch('/api/info')
      .then((response) => (response.ok ? (response.json() as Promise<ServerInfo>) : null))
      .then(setInfo, () => setInfo(null));
  }, []);
  return info;
}

export function DemoBanner({ info }: { info: ServerInfo | null }) {
  const { t } = useTranslation();
  if (!info?.demo) return null;
  return (
    // inside a landmark of its own (complementary), so no content of the page sits outside every landmark
    <aside aria-label={t('demo.label')}>
      <div className="demo-banner" role="note" aria-label={t('demo.label')}>
        <strong>{t('demo.title')}</strong> {t('demo.text')}
      </div>
    </aside>
  );
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'nl' : 'en';
  return (
    <button
      type="button"
      className="link-button"
      lang={other === 'nl' ? 'nl-BE' : 'en'}
      onClick={() => void setLanguage(other)}
    >
      {t('language.switch')}
    </button>
  );
}
