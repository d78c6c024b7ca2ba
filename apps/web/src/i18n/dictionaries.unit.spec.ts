import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Tree } from './dictionary';

/**
 * The web app's texts come in areas (i18n/index.ts): nl/core.ts is bundled, every other area is a chunk per
 * language loaded with the pages that name it in pages/lazy.ts (withTexts). These tests hold each area's
 * Dutch and English to the same keys, and every page to the texts it can reach: a key a page uses must be in
 * the core or in one of its areas, else it would show a raw key.
 */
const src = resolve('apps', 'web', 'src');
const i18nDir = resolve(src, 'i18n');

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of leaves(value, path)) out.set(inner, text);
  }
  return out;
}

/** Placeholders such as {{count}} a text fills in. */
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((found) => found[1]).sort();

const areaNames = (language: 'nl' | 'en') =>
  readdirSync(resolve(i18nDir, language))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => name.slice(0, -3))
    .sort();

async function load(language: 'nl' | 'en'): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const area of areaNames(language)) {
    const module = (await import(`./${language}/${area}`)) as Record<string, Tree>;
    out.set(area, leaves(module[language]!));
  }
  return out;
}

/** The areas registered in index.ts (AREAS), each with the Dutch and English file it imports. */
function registeredAreas(): string[] {
  const text = readFileSync(resolve(i18nDir, 'index.ts'), 'utf8');
  const body = text.slice(text.indexOf('export const AREAS = {'), text.indexOf('} satisfies'));
  const entries = [
    ...body.matchAll(
      /(\w+): \{\s*nl: \(\) => import\('\.\/nl\/(\w+)'\)\.then\(\(m\) => m\.nl\),\s*en: \(\) => import\('\.\/en\/(\w+)'\)\.then\(\(m\) => m\.en\),?\s*\}/g,
    ),
  ];
  expect(entries.length).toBe([...body.matchAll(/import\(/g)].length / 2);
  for (const [, name, dutch, english] of entries) expect([dutch, english]).toEqual([name, name]);
  return entries.map((entry) => entry[1]!);
}

/** The app's source files, but the texts themselves. */
const sources = (dir = src): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = resolve(dir, entry.name);
    if (entry.isDirectory()) return path === i18nDir ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });

/** Every module the app loads lazily (`import('./Page')`), with the text areas it loads alongside (withTexts). */
function lazyModules(): { module: string; areas: string[] }[] {
  return sources().flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:withTexts\(\s*\[([^\]]*)\],\s*)?import\('([^']+)'\)/g)].map(
      (found) => ({
        module: resolveModule(file, found[2]!)!,
        areas: [...(found[1] ?? '').matchAll(/'(\w+)'/g)].map((area) => area[1]!),
      }),
    ),
  );
}

function resolveModule(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((path) => existsSync(path)) ?? null;
}

/** The app's modules a module imports at run time (no `import type`), transitively; texts are not followed. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const found of text.matchAll(
      /^\s*(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?'(\.[^']+)'/gm,
    )) {
      const target = resolveModule(file, found[1]!);
      if (target && target.startsWith(src) && !target.startsWith(i18nDir)) todo.push(target);
    }
  }
  return seen;
}

/** Keys a module names: literal keys ('actions.title') and the prefix of built ones (`status.${value}`). */
function keysUsed(file: string, groups: Set<string>): { exact: string[]; prefixes: string[] } {
  const text = readFileSync(file, 'utf8');
  const key = /([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+)/.source;
  const exact = [...text.matchAll(new RegExp(`['\`]${key}['\`]`, 'g'))].map((found) => found[1]!);
  const prefixes = [...text.matchAll(/`([a-z][A-Za-z0-9]*\.(?:[A-Za-z0-9_]+\.)*[A-Za-z0-9_]*)\$\{/g)].map(
    (found) => found[1]!,
  );
  const known = (path: string) => groups.has(path.split('.')[0]!);
  return { exact: exact.filter(known), prefixes: prefixes.filter(known) };
}

describe('the web app dictionaries', () => {
  let dutch: Map<string, Map<string, string>>;
  let english: Map<string, Map<string, string>>;
  /** every key, with the area that holds it */
  const areaOf = new Map<string, string>();

  beforeAll(async () => {
    dutch = await load('nl');
    english = await load('en');
    for (const [area, texts] of dutch) for (const key of texts.keys()) areaOf.set(key, area);
  });

  it('have the same areas in Dutch and English, each registered in index.ts and loaded by some page', () => {
    expect(areaNames('en')).toEqual(areaNames('nl'));
    expect(areaNames('nl')).toContain('core');
    const registered = registeredAreas();
    expect([...registered, 'core'].sort()).toEqual(areaNames('nl'));
    const loaded = new Set(lazyModules().flatMap((entry) => entry.areas));
    expect(registered.filter((area) => !loaded.has(area))).toEqual([]);
    expect([...loaded].filter((area) => !registered.includes(area))).toEqual([]);
  });

  it('have the same keys in Dutch and English, area by area', () => {
    for (const [area, texts] of dutch) {
      expect({ area, keys: [...english.get(area)!.keys()].sort() }).toEqual({
        area,
        keys: [...texts.keys()].sort(),
      });
    }
    expect([...dutch.values()].reduce((sum, texts) => sum + texts.size, 0)).toBeGreaterThan(100);
  });

  it('hold every key in one area only (an area adds to a group of the core, never replaces a text)', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [area, texts] of dutch)
      for (const key of texts.keys()) {
        if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${area}`);
        seen.set(key, area);
      }
    expect(twice).toEqual([]);
  });

  it('have no empty texts', () => {
    const empty = [...dutch.values(), ...english.values()]
      .flatMap((texts) => [...texts])
      .filter(([, text]) => text.trim() === '')
      .map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const different = [...dutch].flatMap(([area, texts]) =>
      [...texts]
        .filter(
          ([key, text]) =>
            JSON.stringify(placeholders(text)) !==
            JSON.stringify(placeholders(english.get(area)!.get(key) ?? '')),
        )
        .map(([key]) => key),
    );
    expect(different).toEqual([]);
  });

  describe('every key a screen uses is loaded before it renders', () => {
    const groups = () => new Set([...areaOf.keys()].map((key) => key.split('.')[0]!));
    /** the keys of these modules that none of the areas holds: literal ones, and any a built key could be */
    function unreachable(files: Iterable<string>, areas: string[]): string[] {
      const missing: string[] = [];
      for (const file of files) {
        const { exact, prefixes } = keysUsed(file, groups());
        const where = relative(src, file);
        for (const key of exact)
          if (areaOf.has(key) && !areas.includes(areaOf.get(key)!)) missing.push(`${where}: ${key}`);
        for (const prefix of prefixes) {
          const matching = [...areaOf].filter(([key]) => key.startsWith(prefix));
          if (matching.length === 0) missing.push(`${where}: ${prefix}… (no such key)`);
          for (const [key, area] of matching)
            if (!areas.includes(area)) missing.push(`${where}: ${key} (built as ${prefix}…)`);
        }
      }
      return missing;
    }
    const entry = () => staticClosure(resolve(src, 'main.tsx'));

    it('the first download (main.tsx and what it imports) uses core texts only', () => {
      expect(entry().size).toBeGreaterThan(5);
      expect(unreachable(entry(), ['core'])).toEqual([]);
    });

    it('each lazily loaded module uses only the core and the areas it loads with it (pages/lazy.ts)', () => {
      const first = entry();
      const modules = lazyModules();
      expect(modules.length).toBeGreaterThan(15);
      // the signed-in shell is one of them, with no areas of its own: its texts are core
      expect(modules.map(({ module }) => relative(src, module))).toContain('SignedIn.tsx');
      for (const { module, areas } of modules) {
        const files = [...staticClosure(module)].filter((file) => !first.has(file));
        expect({ module: relative(src, module), missing: unreachable(files, ['core', ...areas]) }).toEqual({
          module: relative(src, module),
          missing: [],
        });
      }
    });
  });
});
