import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ERROR_MESSAGES } from '../../../../libs/domain/src/shared/domain-error';
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

/**
 * Dutch is bundled (most people read it, and it is the fallback); English is its own chunk, fetched the first
 * time someone chooses it, so the first download stays small (test/e2e/web-weight.e2e.spec.ts).
 */
async function ensureLanguage(lng: Language): Promise<void> {
  if (i18next.hasResourceBundle(lng, 'app')) return;
  const { en } = await import('./en');
  i18next.addResourceBundle(lng, 'app', en);
  i18next.addResourceBundle(lng, 'domain', domainErrors(lng));
}

/** Switches the language, fetching its texts first when they are not loaded yet. */
export async function setLanguage(lng: Language): Promise<void> {
  await ensureLanguage(lng);
  await i18next.changeLanguage(lng);
}

/** Starts i18next in the stored language (Dutch unless the person chose English); resolves when its texts are in. */
export async function initI18n(): Promise<typeof i18next> {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  const lng: Language = stored === 'en' ? 'en' : 'nl';
  void i18next.use(initReactI18next).init({
    lng: 'nl',
    fallbackLng: 'nl',
    supportedLngs: [...LANGUAGES],
    defaultNS: 'app',
    ns: ['app', 'domain'],
    resources: {
      nl: { app: nl, domain: domainErrors('nl') },
    },
    interpolation: { escapeValue: false },
    keySeparator: '.',
    nsSeparator: false,
    returnNull: false,
    initAsync: false,
  });
  i18next.on('languageChanged', (language) => applyLanguage(language as Language));
  if (lng === 'en') {
    try {
      await setLanguage('en');
    } catch {
      // the English chunk could not be fetched (offline, a new deployment): the app works in Dutch
      applyLanguage('nl');
    }
  } else {
    applyLanguage('nl');
  }
  return i18next;
}

function applyLanguage(lng: Language): void {
  document.documentElement.lang = lng === 'nl' ? 'nl-BE' : 'en';
  globalThis.localStorage?.setItem(STORAGE_KEY, lng);
}

/** Locale for dates and numbers. */
export const localeOf = (lng: string): string => (lng === 'en' ? 'en-GB' : 'nl-BE');
