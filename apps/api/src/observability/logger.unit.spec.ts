import { Writable } from 'node:stream';
import { createLogger, maskSecrets } from './logger.js';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJlLXZhbHVl';

describe('structured logs', () => {
  it('never writes a password, a token, an authorization header or a cookie', () => {
    const out = capture();
    const logger = createLogger({ logLevel: 'info', logFormat: 'json' }, out.stream);
    logger.info(
      {
        body: { email: 'a@b.be', password: 'hunter2-secret', newPassword: 'other-secret' },
        headers: { authorization: `Bearer ${JWT}`, cookie: 'session=abc123' },
        accessToken: JWT,
        refreshToken: 'refresh-secret-value',
      },
      `login failed for a request with Authorization: Bearer ${JWT}`,
    );
    const text = out.text();
    for (const secret of ['hunter2-secret', 'other-secret', JWT, 'session=abc123', 'refresh-secret-value']) {
      expect(text).not.toContain(secret);
    }
    const entry = JSON.parse(text) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'info', body: { email: 'a@b.be', password: '[redacted]' } });
    expect(entry.msg).toBe('login failed for a request with Authorization: Bearer [redacted]');
  });

  it('writes one readable line in the pretty format', () => {
    const out = capture();
    const logger = createLogger({ logLevel: 'info', logFormat: 'pretty' }, out.stream);
    logger.child({ context: 'http' }).info({ status: 200 }, 'request');
    expect(out.text()).toMatch(/^\S+ INFO +\[http\] request \{"status":200\}\n$/);
  });

  it('masks bearer tokens and JWTs in free text', () => {
    expect(maskSecrets(`token ${JWT} and bearer abc.def`)).toBe('token [redacted-jwt] and Bearer [redacted]');
  });

  it('respects the level', () => {
    const out = capture();
    const logger = createLogger({ logLevel: 'warn', logFormat: 'json' }, out.stream);
    logger.info('hidden');
    logger.warn('shown');
    expect(out.text()).not.toContain('hidden');
    expect(out.text()).toContain('shown');
  });
});
