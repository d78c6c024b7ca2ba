import { readFileSync } from 'node:fs';
import { ERROR_MESSAGES } from '#domain';
import { statusOfDomainCode } from './error.filter.js';

const doc = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');

describe('docs/errors.md', () => {
  it.each(Object.keys(ERROR_MESSAGES))('documents %s with the status the API answers', (code) => {
    const row = new RegExp(`\\| \`${code.replace('.', '\\.')}\` \\| (\\d{3}) \\|`).exec(doc);
    expect(row).not.toBeNull();
    expect(Number(row![1])).toBe(statusOfDomainCode(code));
  });

  it('gives every domain code a Dutch and an English message', () => {
    for (const [code, message] of Object.entries(ERROR_MESSAGES)) {
      expect({ code, nl: message.nl.length > 0, en: message.en.length > 0 }).toEqual({
        code,
        nl: true,
        en: true,
      });
    }
  });
});
