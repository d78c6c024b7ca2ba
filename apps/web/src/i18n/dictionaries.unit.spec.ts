import { en } from './en';
import { nl } from './nl';

type Tree = { [key: string]: string | Tree };

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

describe('the web app dictionaries', () => {
  const dutch = leaves(nl);
  const english = leaves(en);

  it('have the same keys in Dutch and English', () => {
    expect([...english.keys()].sort()).toEqual([...dutch.keys()].sort());
    expect(dutch.size).toBeGreaterThan(100);
  });

  it('have no empty texts', () => {
    const empty = [...dutch, ...english].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const different = [...dutch]
      .filter(
        ([key, text]) =>
          JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(english.get(key) ?? '')),
      )
      .map(([key]) => key);
    expect(different).toEqual([]);
  });
});
