import { createHash } from 'node:crypto';
import { EMPTY_LOG_DIGEST, canonicalJson, chainHash, contentDigest, foldLogDigest } from './event-hash.js';

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const metadata = { actorId: 'u', tenantId: 't', correlationId: 'c', causationId: null, occurredAt: 'x' };

describe('event hash', () => {
  it('uses RFC 8785 canonical JSON: sorted keys, ES number form, minimal escapes', () => {
    expect(canonicalJson({ b: [1e21, 0.1, -0, 1.5e-7], a: 'é\n"', c: { y: null, x: true } })).toBe(
      '{"a":"é\\n\\"","b":[1e+21,0.1,0,1.5e-7],"c":{"x":true,"y":null}}',
    );
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });

  it('gives the same content digest whatever the key order, another for any change', () => {
    const one = contentDigest('T', { a: 1, b: [1, 2] }, metadata);
    expect(contentDigest('T', { b: [1, 2], a: 1 }, { ...metadata })).toBe(one);
    expect(contentDigest('T', { a: 1, b: [2, 1] }, metadata)).not.toBe(one);
    expect(contentDigest('U', { a: 1, b: [1, 2] }, metadata)).not.toBe(one);
    expect(contentDigest('T', { a: 1, b: [1, 2] }, { ...metadata, actorId: 'v' })).not.toBe(one);
  });

  it('hashes the link fields as the JCS object the database composes', () => {
    const content = 'ab'.repeat(32);
    expect(
      chainHash({
        prev: null,
        position: '00000000000000000007-00000000000000000009',
        stream: 'plan-1',
        version: 1,
        time: '2026-01-01T00:00:00.000Z',
        content,
      }),
    ).toBe(
      sha(
        `{"content":"${content}","position":"00000000000000000007-00000000000000000009","prev":null,"stream":"plan-1","time":"2026-01-01T00:00:00.000Z","version":1}`,
      ),
    );
    const withPrev = chainHash({
      prev: 'f'.repeat(64),
      position: null,
      stream: 'p',
      version: 2,
      time: null,
      content,
    });
    expect(withPrev).toBe(
      sha(
        `{"content":"${content}","position":null,"prev":"${'f'.repeat(64)}","stream":"p","time":null,"version":2}`,
      ),
    );
  });

  it('folds the log digest in order', () => {
    const a = foldLogDigest(foldLogDigest(EMPTY_LOG_DIGEST, 'h1'), 'h2');
    expect(a).toBe(sha(`${sha(`${EMPTY_LOG_DIGEST}:h1`)}:h2`));
    expect(foldLogDigest(foldLogDigest(EMPTY_LOG_DIGEST, 'h2'), 'h1')).not.toBe(a);
  });
});
