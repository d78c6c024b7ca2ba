import fc from 'fast-check';
import { backoffMs } from './command-executor.js';
import { createdId, eventIds, requestFingerprint } from './event-ids.js';

const scope = { tenantId: 't', actorId: 'u', idempotencyKey: 'k' };

describe('ids derived from an Idempotency-Key', () => {
  it('derives the created id from tenant, user, key and kind, and only with a key', () => {
    expect(createdId(scope, 'plan')).toBe(createdId(scope, 'plan'));
    expect(createdId(scope, 'plan')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const others = [
      createdId({ ...scope, tenantId: 't2' }, 'plan'),
      createdId({ ...scope, actorId: 'u2' }, 'plan'),
      createdId({ ...scope, idempotencyKey: 'k2' }, 'plan'),
      createdId(scope, 'partner'),
    ];
    expect(new Set([createdId(scope, 'plan'), ...others]).size).toBe(5);
    const noKey = { ...scope, idempotencyKey: null };
    expect(createdId(noKey, 'plan')).not.toBe(createdId(noKey, 'plan'));
  });

  it('derives event ids from the key, and makes time-ordered ones without a key', () => {
    const stream = { ...scope, streamId: 'action-1' };
    expect(eventIds(2, stream)).toEqual(eventIds(2, stream));
    expect(eventIds(1, stream)[0]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const noKey = { ...stream, idempotencyKey: null };
    const before = Date.now();
    const ids = [...eventIds(3, noKey), ...eventIds(3, noKey)];
    const after = Date.now();
    // version 7: the first 48 bits are the milliseconds of their making, so later ids sort after earlier ones
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const made = parseInt(id.replace('-', '').slice(0, 12), 16);
      expect(made).toBeGreaterThanOrEqual(before);
      // at most 1 ms after: uuid 10's v7 counts its ids in a randomly seeded counter (seq_low, 19 bits, and
      // seq_hi, seeded with 15 random bits of which 12 are kept) and, when both overflow, stays monotonic by
      // adding 1 ms to the timestamp (node_modules/uuid/dist/v7.js, `_msecs++`): six ids cross that in about
      // 1 run in 100,000 (6 / 2^19 x 7/8), and only once (the next carry is 2^31 ids further).
      expect(made).toBeLessThanOrEqual(after + 1);
    }
    expect(new Set(ids).size).toBe(6);
    expect([...ids].sort()).toEqual(ids);
  });

  it('fingerprints a request by method, path and body, whatever the order of its keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (body) => {
        const reversed = Object.fromEntries(Object.entries(body).reverse());
        expect(requestFingerprint('post', '/api/plans', reversed)).toBe(
          requestFingerprint('POST', '/api/plans', body),
        );
      }),
      { seed: 3, numRuns: 200 },
    );
    const base = requestFingerprint('POST', '/api/plans', { title: 'a' });
    expect(requestFingerprint('POST', '/api/plans', { title: 'b' })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/partners', { title: 'a' })).not.toBe(base);
    expect(requestFingerprint('PATCH', '/api/plans', { title: 'a' })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/plans', { title: 'a', extra: 1 })).not.toBe(base);
  });
});

describe('back-off between attempts of a write without a version', () => {
  it('pauses a random time that grows with the attempt, at most 120 ms', () => {
    expect(backoffMs(1, () => 0)).toBe(0);
    expect(backoffMs(1, () => 0.999)).toBe(7);
    expect(backoffMs(3, () => 0.999)).toBe(31);
    expect(backoffMs(11, () => 0.999)).toBe(119);
  });
});
