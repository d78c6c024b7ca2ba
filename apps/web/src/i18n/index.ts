import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ERROR_MESSAGES } from '../../../../libs/domain/src/shared/domain-error';
import type { Tree } from './dictionary';
import { nl } from './nl/core';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'spb.lang';
/** how the console says a key had no text (test/browser/browser-support.ts looks for it) */
export const MISSING_TEXT = 'i18n: no text for';

/** The domain's rule texts (one catalogue for the api and the app), as an i18next namespace per language. */
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
 * The texts come in areas. `nl/core.ts` is bundled: the shell (navigation, page titles, login, errors) and the
 * words every page shares. Every other area is a file per language (`nl/<area>.ts`, `en/<area>.ts`), its own
 * chunk, loaded with the pages that use it (`withTexts` in pages/lazy.ts) and merged into the one namespace
 * `app`, so a key reads the same wherever its text lives. English core is its own chunk too, fetched the first
 * time someone chooses English. So a page's texts cost the first download nothing
 * (test/e2e/web-weight.e2e.spec.ts); where a new text goes: apps/web/README.md ("Texts").
 */
export const AREAS = {
  dashboard: {
    nl: () => import('./nl/dashboard').then((m) => m.nl),
    en: () => import('./en/dashboard').then((m) => m.en),
  },
  public: {
    nl: () => import('./nl/public').then((m) => m.nl),
    en: () => import('./en/public').then((m) => m.en),
  },
  asOf: { nl: () => import('./nl/asOf').then((m) => m.nl), en: () => import('./en/asOf').then((m) => m.en) },
  actions: {
    nl: () => import('./nl/actions').then((m) => m.nl),
    en: () => import('./en/actions').then((m) => m.en),
  },
  action: {
    nl: () => import('./nl/action').then((m) => m.nl),
    en: () => import('./en/action').then((m) => m.en),
  },
  changes: {
    nl: () => import('./nl/changes').then((m) => m.nl),
    en: () => import('./en/changes').then((m) => m.en),
  },
  reporting: {
    nl: () => import('./nl/reporting').then((m) => m.nl),
    en: () => import('./en/reporting').then((m) => m.en),
  },
  signals: {
    nl: () => import('./nl/signals').then((m) => m.nl),
    en: () => import('./en/signals').then((m) => m.en),
  },
  groups: {
    nl: () => import('./nl/groups').then((m) => m.nl),
    en: () => import('./en/groups').then((m) => m.en),
  },
  meeting: {
    nl: () => import('./nl/meeting').then((m) => m.nl),
    en: () => import('./en/meeting').then((m) => m.en),
  },
  importWizard: {
    nl: () => import('./nl/importWizard').then((m) => m.nl),
    en: () => import('./en/importWizard').then((m) => m.en),
  },
  setup: {
    nl: () => import('./nl/setup').then((m) => m.nl),
    en: () => import('./en/setup').then((m) => m.en),
  },
  invitation: {
    nl: () => import('./nl/invitation').then((m) => m.nl),
    en: () => import('./en/invitation').then((m) => m.en),
  },
  firstRun: {
    nl: () => import('./nl/firstRun').then((m) => m.nl),
    en: () => import('./en/firstRun').then((m) => m.en),
  },
  notifications: {
    nl: () => import('./nl/notifications').then((m) => m.nl),
    en: () => import('./en/notifications').then((m) => m.en),
  },
  audit: {
    nl: () => import('./nl/audit').then((m) => m.nl),
    en: () => import('./en/audit').then((m) => m.en),
  },
  periods: {
    nl: () => import('./nl/periods').then((m) => m.nl),
    en: () => import('./en/periods').then((m) => m.en),
  },
} satisfies Record<string, Record<Language, () => Promise<Tree>>>;
export type Area = keyof typeof AREAS;

/** the core texts and the areas in i18next, per language */
const present: Record<Language, { core: boolean; areas: Set<Area> }> = {
  nl: { core: true, areas: new Set() },
  en: { core: false, areas: new Set() },
};
/** every area a page has asked for: a language switch brings their texts in the new language first */
const wanted = new Set<Area>();
/** the language a switch is fetching texts for, until it is done */
let switching: Language | null = null;

async function ensureCore(lng: Language): Promise<void> {
  if (present[lng].core) return;
  const { en } = await import('./en/core');
  i18next.addResourceBundle(lng, 'app', structuredClone(en), true, false);
  i18next.addResourceBundle(lng, 'domain', domainErrors(lng));
  present[lng].core = true;
}

async function ensureArea(lng: Language, area: Area): Promise<void> {
  if (present[lng].areas.has(area)) return;
  const texts = await AREAS[area][lng]();
  // deep: an area adds its keys next to the core's in the same groups (dashboard.title is core, the rest not);
  // a copy, since i18next merges into the objects it holds and the modules' own stay as written
  i18next.addResourceBundle(lng, 'app', structuredClone(texts), true, false);
  present[lng].areas.add(area);
}

const current = (): Language => (i18next.language === 'en' ? 'en' : 'nl');

/**
 * Brings the texts of these areas in, in the language shown (and in the one a switch under way goes to);
 * resolves when they are there, so a page that waits for it never shows a key or another language.
 */
export async function loadTexts(areas: readonly Area[]): Promise<void> {
  for (const area of areas) wanted.add(area);
  const languages = new Set<Language>([current(), ...(switching ? [switching] : [])]);
  await Promise.all([...languages].flatMap((lng) => areas.map((area) => ensureArea(lng, area))));
}

/** Switches the language, fetching its texts (core and every area a page asked for) first. */
export async function setLanguage(lng: Language): Promise<void> {
  switching = lng;
  try {
    await ensureCore(lng);
    await Promise.all([...wanted].map((area) => ensureArea(lng, area)));
  } finally {
    if (switching === lng) switching = null;
  }
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
      nl: { app: structuredClone(nl), domain: domainErrors('nl') },
    },
    interpolation: { escapeValue: false },
    keySeparator: '.',
    nsSeparator: false,
    returnNull: false,
    initAsync: false,
    // a key with no text shows as the key: say so on the console (the browser tests fail on it,
    // test/browser/browser-support.ts); a text with its own default (an unknown field's name) is no fault
    parseMissingKeyHandler: (key: string, defaultValue?: string) => {
      if (defaultValue !== undefined) return defaultValue;
      console.error(`${MISSING_TEXT} "${key}" (${i18next.language})`);
      return key;
    },
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
