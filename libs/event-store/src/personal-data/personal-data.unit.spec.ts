import { randomUUID } from 'node:crypto';
import type { NewEvent, StoredEvent } from '../event-store.port.js';
import { PersonalDataCodec, UpcasterChainError, upcasterChainProblems } from './codec.js';
import { MasterKey, erasedPseudonym, isEnvelope, open, seal } from './envelope.js';
import type { PersonalDataKeys } from './key-store.js';
import type { PersonalDataPolicy, SubjectRef } from './policy.js';
import { withSealedValuesBlanked } from '../../../../test/support/sealed-values.js';

const SECRET = 'unit-test-master-secret-0123456789abcdef';

describe('the envelope', () => {
  it('round-trips any JSON value and authenticates key id and field', () => {
    const key = MasterKey.newDataKey();
    for (const value of ['An Peeters', '', 42, { a: [1, 'ü'] }, null]) {
      const envelope = seal(key, 'k-1', 'guestName', value);
      expect(isEnvelope(envelope)).toBe(true);
      expect(JSON.stringify(envelope)).not.toContain('Peeters');
      expect(open(key, 'guestName', envelope)).toEqual(value);
    }
    const envelope = seal(key, 'k-1', 'guestName', 'An');
    // another field, another key id, another key, or a changed ciphertext: GCM refuses
    expect(() => open(key, 'organisation', envelope)).toThrow();
    expect(() => open(key, 'guestName', { ...envelope, k: 'k-2' })).toThrow();
    expect(() => open(MasterKey.newDataKey(), 'guestName', envelope)).toThrow();
    const ct = Buffer.from(envelope.ct, 'base64');
    ct[0] = ct[0]! ^ 1;
    expect(() => open(key, 'guestName', { ...envelope, ct: ct.toString('base64') })).toThrow();
    // a fresh IV each time: the same value never gives the same ciphertext
    expect(seal(key, 'k-1', 'guestName', 'An').ct).not.toBe(envelope.ct);
  });

  it('wraps data keys with the master key and pseudonymises guests with a keyed hash', () => {
    const master = new MasterKey(SECRET);
    const key = MasterKey.newDataKey();
    const wrapped = master.wrap('k-1', key);
    expect(master.unwrap('k-1', wrapped).equals(key)).toBe(true);
    expect(() => master.unwrap('k-2', wrapped)).toThrow();
    expect(() => new MasterKey('another-secret-of-at-least-32-characters').unwrap('k-1', wrapped)).toThrow();
    expect(() => new MasterKey('short')).toThrow(/32/);

    expect(master.subjectId({ kind: 'user', id: 'u-1' })).toBe('user:u-1');
    const guest = master.subjectId({ kind: 'guest', id: 'an peeters', pseudonymise: true });
    expect(guest).toMatch(/^guest:[0-9a-f]{32}$/);
    expect(guest).not.toContain('peeters');
    expect(
      new MasterKey('another-secret-of-at-least-32-characters').subjectId({
        kind: 'guest',
        id: 'an peeters',
        pseudonymise: true,
      }),
    ).not.toBe(guest);
    expect(erasedPseudonym(guest)).toMatch(/^guest:erased-[0-9a-f]{12}$/);
  });
});

/** an in-memory key table with the same behaviour as PersonalDataKeys (pure unit test of the codec) */
function memoryKeys(master: MasterKey) {
  const rows: { keyId: string; tenantId: string; subject: string; key: Buffer | null }[] = [];
  const authors = new Set<string>();
  const keys = {
    master,
    rows,
    authors,
    queries: 0,
    async keysFor(
      tenantId: string,
      subjects: readonly string[],
      written: ReadonlyArray<{ subjectId: string; authorId: string }> = [],
    ) {
      keys.queries++;
      for (const a of written) authors.add(`${tenantId}|${a.authorId}|${a.subjectId}`);
      const result = new Map<string, { keyId: string; key: Buffer }>();
      for (const subject of subjects) {
        let row = rows.find((r) => r.tenantId === tenantId && r.subject === subject && r.key !== null);
        if (!row) {
          row = { keyId: randomUUID(), tenantId, subject, key: MasterKey.newDataKey() };
          rows.push(row);
        }
        result.set(subject, { keyId: row.keyId, key: row.key! });
      }
      return result;
    },
    async eraseAuthored(tenantId: string, authorId: string) {
      const live = rows.filter(
        (r) =>
          r.tenantId === tenantId && r.key !== null && authors.has(`${tenantId}|${authorId}|${r.subject}`),
      );
      for (const row of live) row.key = null;
      return live.length;
    },
    async keys(ids: readonly string[]) {
      return new Map(
        rows
          .filter((r) => ids.includes(r.keyId))
          .map((r) => [r.keyId, { subject: r.subject, key: r.key }] as const),
      );
    },
    async erasedSubjects(pairs: ReadonlyArray<readonly [string, string]>) {
      return new Set(
        pairs
          .filter(([t, s]) => rows.some((r) => r.tenantId === t && r.subject === s && r.key === null))
          .map(([t, s]) => `${t}|${s}`),
      );
    },
    async erase(tenantId: string, subject: string) {
      const live = rows.filter((r) => r.tenantId === tenantId && r.subject === subject && r.key !== null);
      for (const row of live) row.key = null;
      if (live.length === 0) rows.push({ keyId: randomUUID(), tenantId, subject, key: null });
      return { subjectId: subject, keysErased: live.length, alreadyErased: false };
    },
  };
  return keys;
}

const guest = (data: Readonly<Record<string, unknown>>): SubjectRef | null =>
  typeof data.guestName === 'string'
    ? { kind: 'guest', id: data.guestName.toLowerCase(), pseudonymise: true }
    : null;

const note = (data: Readonly<Record<string, unknown>>): SubjectRef | null =>
  typeof data.noteId === 'string' ? { kind: 'text', id: `note/${data.noteId}` } : null;

const frozenNote = (data: Readonly<Record<string, unknown>>): SubjectRef | null =>
  note((data.copy ?? {}) as Record<string, unknown>);

const POLICY: PersonalDataPolicy = {
  erasedText: '[erased]',
  types: {
    Noted: { version: 2, personal: [{ field: 'text', subject: note, erasedAs: 'text', authored: true }] },
    Attended: {
      version: 2,
      personal: [
        { field: 'guestName', subject: guest, erasedAs: 'text' },
        { field: 'attendeeId', subject: guest, erasedAs: 'pseudonym' },
      ],
    },
    Other: { version: 1, personal: [] },
    // a field inside an object of the data (a frozen report's copy of a note)
    Frozen: {
      version: 2,
      personal: [{ field: 'text', within: 'copy', subject: frozenNote, erasedAs: 'text' }],
    },
  },
  upcasters: [
    {
      type: 'Noted',
      from: 1,
      up: (data, event) => {
        const subject = note(data);
        return subject && typeof data.text === 'string'
          ? { ...data, text: { $pd: 'plain', subject, value: data.text, author: event.actorId } }
          : data;
      },
    },
    {
      type: 'Attended',
      from: 1,
      up: (data) => {
        const subject = guest(data);
        if (!subject) return data;
        return {
          ...data,
          guestName: { $pd: 'plain', subject, value: data.guestName },
          attendeeId: { $pd: 'plain', subject, value: data.attendeeId },
        };
      },
    },
    {
      type: 'Frozen',
      from: 1,
      up: (data) => {
        const copy = data.copy as Record<string, unknown>;
        const subject = frozenNote(data);
        return subject && typeof copy.text === 'string'
          ? { ...data, copy: { ...copy, text: { $pd: 'plain', subject, value: copy.text } } }
          : data;
      },
    },
  ],
};

let position = 0;
const stored = (event: NewEvent): StoredEvent => ({
  ...event,
  streamId: 'meeting-1',
  version: ++position,
  position: String(position).padStart(20, '0'),
  recordedAt: new Date().toISOString(),
});
const newEvent = (type: string, data: Record<string, unknown>, actorId = 'u-1'): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: {
    actorId,
    tenantId: 't-1',
    correlationId: 'c',
    causationId: null,
    occurredAt: new Date().toISOString(),
  },
});

describe('PersonalDataCodec', () => {
  it('encrypts the declared fields on append, reveals them on read, and masks them once the key is erased', async () => {
    const keys = memoryKeys(new MasterKey(SECRET));
    const codec = new PersonalDataCodec(POLICY, keys as unknown as PersonalDataKeys);
    const [written] = await codec.protect([
      newEvent('Attended', { guestName: 'An', attendeeId: 'guest:an', at: 1 }),
    ]);
    // both fields are sealed envelopes, and neither name nor id is left in plaintext (looked for with the
    // envelopes' random base64 blanked: an iv ending in "aN" matched /an"/ once and failed CI)
    const sealed = written!.data as Record<string, unknown>;
    expect(isEnvelope(sealed.guestName) && isEnvelope(sealed.attendeeId)).toBe(true);
    expect(withSealedValuesBlanked(written!.data)).not.toMatch(/an"/i);
    expect(written!.metadata.schemaVersion).toBe(2);
    expect(written!.data).toMatchObject({ at: 1 });
    const [read] = await codec.reveal([stored(written!)]);
    expect(read!.data).toEqual({ guestName: 'An', attendeeId: 'guest:an', at: 1 });

    // an event type without personal fields, and a null value, pass through unchanged
    const [other] = await codec.protect([newEvent('Other', { guestName: 'An' })]);
    expect(other!.data).toEqual({ guestName: 'An' });
    const [user] = await codec.protect([newEvent('Attended', { guestName: null, attendeeId: 'u-9' })]);
    expect(user!.data).toEqual({ guestName: null, attendeeId: 'u-9' });

    await keys.erase('t-1', codec.subjectId({ kind: 'guest', id: 'an', pseudonymise: true }));
    const [after] = await codec.reveal([stored(written!)]);
    expect(after!.data).toMatchObject({ guestName: '[erased]', at: 1 });
    expect((after!.data as { attendeeId: string }).attendeeId).toMatch(/^guest:erased-[0-9a-f]{12}$/);

    // a new event of the same guest after the erasure gets a new key and reads
    const [again] = await codec.protect([newEvent('Attended', { guestName: 'An', attendeeId: 'guest:an' })]);
    expect((await codec.reveal([stored(again!)]))[0]!.data).toMatchObject({ guestName: 'An' });
    expect((await codec.reveal([stored(written!)]))[0]!.data).toMatchObject({ guestName: '[erased]' });
  });

  it('upcasts version 1 plaintext and masks it once its subject is erased (the redaction list)', async () => {
    const keys = memoryKeys(new MasterKey(SECRET));
    const codec = new PersonalDataCodec(POLICY, keys as unknown as PersonalDataKeys);
    const legacy = stored(newEvent('Attended', { guestName: 'Bo', attendeeId: 'guest:bo' }));
    expect((await codec.reveal([legacy]))[0]!.data).toEqual({ guestName: 'Bo', attendeeId: 'guest:bo' });
    await keys.erase('t-1', codec.subjectId({ kind: 'guest', id: 'bo', pseudonymise: true }));
    const [masked] = await codec.reveal([legacy]);
    expect(masked!.data).toMatchObject({ guestName: '[erased]' });
    // the stored event object itself is never changed
    expect(legacy.data).toEqual({ guestName: 'Bo', attendeeId: 'guest:bo' });
    // another tenant's guest of the same name is another subject
    const foreign = stored({ ...newEvent('Attended', { guestName: 'Bo', attendeeId: 'guest:bo' }) });
    foreign.metadata = { ...foreign.metadata, tenantId: 't-2' };
    expect((await codec.reveal([foreign]))[0]!.data).toMatchObject({ guestName: 'Bo' });
  });

  it('erases one free-text item alone, and every item a user wrote with her; one key batch per append', async () => {
    const keys = memoryKeys(new MasterKey(SECRET));
    const codec = new PersonalDataCodec(POLICY, keys as unknown as PersonalDataKeys);
    const written = await codec.protect([
      newEvent('Noted', { noteId: 'n-1', text: 'Jan belde over Piet' }, 'u-1'),
      newEvent('Noted', { noteId: 'n-2', text: 'Tweede notitie' }, 'u-1'),
      newEvent('Noted', { noteId: 'n-3', text: 'Van iemand anders' }, 'u-2'),
    ]);
    // one batch of keys for the three items of one append, each item its own key
    expect(keys.queries).toBe(1);
    expect(new Set(written.map((e) => (e.data as { text: { k: string } }).text.k)).size).toBe(3);
    // no plaintext left (the envelopes' random base64 blanked: it could spell "Piet" by chance)
    expect(written.every((e) => isEnvelope((e.data as { text: unknown }).text))).toBe(true);
    expect(withSealedValuesBlanked(written)).not.toContain('Piet');
    const text = async () =>
      (await codec.reveal(written.map(stored))).map((e) => (e.data as { text: string }).text);
    expect(await text()).toEqual(['Jan belde over Piet', 'Tweede notitie', 'Van iemand anders']);

    await keys.erase('t-1', codec.subjectId({ kind: 'text', id: 'note/n-1' }));
    expect(await text()).toEqual(['[erased]', 'Tweede notitie', 'Van iemand anders']);
    // the erasure of user u-1 takes her other note, not u-2's
    expect(await keys.eraseAuthored('t-1', 'u-1')).toBe(1);
    expect(await text()).toEqual(['[erased]', '[erased]', 'Van iemand anders']);
  });

  it('encrypts a field inside an object of the data under the same item, and masks it with the item', async () => {
    const keys = memoryKeys(new MasterKey(SECRET));
    const codec = new PersonalDataCodec(POLICY, keys as unknown as PersonalDataKeys);
    const data = { copy: { noteId: 'n-5', text: 'Kopie over Piet', code: '1.1' }, at: 2 };
    const written = await codec.protect([
      newEvent('Noted', { noteId: 'n-5', text: 'Over Piet' }),
      newEvent('Frozen', data),
    ]);
    expect(isEnvelope((written[0]!.data as { text: unknown }).text)).toBe(true);
    expect(withSealedValuesBlanked(written)).not.toContain('Piet');
    // the caller's data is not changed; the envelope sits where the text was, its siblings stay
    expect(data.copy.text).toBe('Kopie over Piet');
    const copy = (written[1]!.data as { copy: Record<string, unknown> }).copy;
    expect(isEnvelope(copy.text)).toBe(true);
    expect(copy.code).toBe('1.1');
    // one item: the note and its copy share the key
    expect((copy.text as { k: string }).k).toBe((written[0]!.data as { text: { k: string } }).text.k);
    const legacy = stored(newEvent('Frozen', { copy: { noteId: 'n-5', text: 'Oude kopie over Piet' } }));
    const read = async () => (await codec.reveal([...written.map(stored), legacy])).map((e) => e.data);
    expect(await read()).toEqual([
      { noteId: 'n-5', text: 'Over Piet' },
      data,
      { copy: { noteId: 'n-5', text: 'Oude kopie over Piet' } },
    ]);
    await keys.erase('t-1', codec.subjectId({ kind: 'text', id: 'note/n-5' }));
    expect(await read()).toEqual([
      { noteId: 'n-5', text: '[erased]' },
      { copy: { noteId: 'n-5', text: '[erased]', code: '1.1' }, at: 2 },
      { copy: { noteId: 'n-5', text: '[erased]' } },
    ]);
  });

  it('masks legacy free text once its item or its author is erased', async () => {
    const keys = memoryKeys(new MasterKey(SECRET));
    const codec = new PersonalDataCodec(POLICY, keys as unknown as PersonalDataKeys);
    const legacy = [
      stored(newEvent('Noted', { noteId: 'n-8', text: 'Oud: over Piet' }, 'u-1')),
      stored(newEvent('Noted', { noteId: 'n-9', text: 'Oud: over Mia' }, 'u-2')),
    ];
    const text = async () => (await codec.reveal(legacy)).map((e) => (e.data as { text: string }).text);
    expect(await text()).toEqual(['Oud: over Piet', 'Oud: over Mia']);
    await keys.erase('t-1', codec.subjectId({ kind: 'text', id: 'note/n-8' }));
    expect(await text()).toEqual(['[erased]', 'Oud: over Mia']);
    await keys.erase('t-1', codec.subjectId({ kind: 'user', id: 'u-2' }));
    expect(await text()).toEqual(['[erased]', '[erased]']);
  });

  it('refuses to start with a gap, a duplicate or a stray step in the upcaster chain', () => {
    const keys = memoryKeys(new MasterKey(SECRET)) as unknown as PersonalDataKeys;
    expect(upcasterChainProblems(POLICY)).toEqual([]);
    const gap: PersonalDataPolicy = {
      ...POLICY,
      types: { ...POLICY.types, Other: { version: 3, personal: [] } },
    };
    expect(upcasterChainProblems(gap)).toEqual([
      'Other: no upcaster from version 1 to 2',
      'Other: no upcaster from version 2 to 3',
    ]);
    expect(() => new PersonalDataCodec(gap, keys)).toThrow(UpcasterChainError);
    const twice: PersonalDataPolicy = { ...POLICY, upcasters: [...POLICY.upcasters, POLICY.upcasters[0]!] };
    expect(upcasterChainProblems(twice)).toEqual(['Noted: 2 upcasters from version 1']);
    const stray: PersonalDataPolicy = {
      ...POLICY,
      upcasters: [
        ...POLICY.upcasters,
        { type: 'Nope', from: 1, up: (d) => d },
        { type: 'Other', from: 1, up: (d) => d },
      ],
    };
    expect(upcasterChainProblems(stray)).toEqual([
      'Nope: an upcaster for an unknown event type',
      'Other: an upcaster from version 1, outside 1..0',
    ]);
  });
});
