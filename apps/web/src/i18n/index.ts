import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ERROR_MESSAGES } from '../../../../libs/domain/src/shared/domain-error';
import { en } from './en';
import { nl } from './nl';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'spb.lang';

/** The domain's rule texts (one catalogue for the api and the app), as an i18next namespace per language. */
type Tree = { [key: string]: string | Tree };
function domainErrors(lang: Language): Tree {
  const out: Tree = {};
  for (const [code, texts] of Object.entries(ERROR_MESSAGES)) {
    const parts = code.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Tree;
    node[parts.at(-1)!] = texts[lang].replace(/\{(\w+)\}/g, '{{$1}}');
  }
  return out;
}

export function initI18n(): typeof i18next {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  const lng: Language = stored === 'en' ? 'en' : 'nl';
  void i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'nl',
    supportedLngs: [...LANGUAGES],
    defaultNS: 'app',
    ns: ['app', 'domain'],
    resources: {
      nl: { app: nl, domain: domainErrors('nl') },
      en: { app: en, domain: domainErrors('en') },
    },
    interpolation: { escapeValue: false },
    keySeparator: '.',
    nsSeparator: false,
    returnNull: false,
    initAsync: false,
  });
  applyLanguage(lng);
  i18next.on('languageChanged', (language) => applyLanguage(language as Language));
  return i18next;
}

function applyLanguage(lng: Language): void {
  document.documentElement.lang = lng === 'nl' ? 'nl-BE' : 'en';
  globalThis.localStorage?.setItem(STORAGE_KEY, lng);
}

/** Locale for dates and numbers. */
export const localeOf = (lng: string): string => (lng === 'en' ? 'en-GB' : 'nl-BE');
