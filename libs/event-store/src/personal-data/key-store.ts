import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { MasterKey } from './envelope.js';

/** Where a subject's keys stand. */
export interface SubjectKeyState {
  /** keys of the subject that still decrypt */
  live: number;
  /** keys deleted by erasures (and tombstones of subjects erased with no key) */
  erased: number;
}

/** What an erasure did to the key table. */
export interface ErasedKeys {
  subjectId: string;
  /** keys deleted now (0: the subject had no key, only a tombstone was written) */
  keysErased: number;
  /** true when the subject had been erased before and had no key written since */
  alreadyErased: boolean;
}

type Db = Pick<pg.Pool, 'query'>;

/**
 * The data subjects' keys (table `personal_data_keys`, PostgreSQL whichever store keeps the events). Mutable by
 * design: an erasure deletes key material, which is what makes the ciphertext in the immutable log unreadable.
 * Keys are stored wrapped (AES-256-GCM) with the master key; an erased row keeps its id, subject and time only.
 * A subject erased with no key gets a tombstone row: the redaction list that masks its legacy plaintext.
 */
export class PersonalDataKeys {
  /**
   * Keys unwrapped before, by key id with the wrapped form they came from (bounded, oldest out first). Only the
   * unwrapping is remembered, never whether a key exists: every read still asks the table, so an erased key
   * (no wrapped form any more) is seen at once, and a remembered key is used only for the same wrapped form.
   */
  private readonly unwrapped = new Map<string, { wrapped: string; key: Buffer }>();

  constructor(
    private readonly db: Db,
    readonly master: MasterKey,
    private readonly rememberAtMost = 10_000,
  ) {}

  /** the data key of a live row (`MasterKey.unwrap`, an AES-GCM decryption, done once per key and form) */
  private unwrap(keyId: string, wrapped: string): Buffer {
    const known = this.unwrapped.get(keyId);
    if (known && known.wrapped === wrapped) return known.key;
    const key = this.master.unwrap(keyId, wrapped);
    this.remember(keyId, wrapped, key);
    return key;
  }

  private remember(keyId: string, wrapped: string, key: Buffer): void {
    if (this.rememberAtMost <= 0) return;
    this.unwrapped.delete(keyId);
    this.unwrapped.set(keyId, { wrapped, key });
    if (this.unwrapped.size > this.rememberAtMost) {
      const oldest = this.unwrapped.keys().next().value;
      if (oldest !== undefined) this.unwrapped.delete(oldest);
    }
  }

  /**
   * The live keys of these subjects of one tenant, created for those that have none, and the authors of the
   * free-text items among them recorded (`authors`: who wrote into which item; known pairs are skipped): one
   * statement whatever the number, so an append with personal data costs one round trip here. A subject another
   * writer created meanwhile is read by a second statement.
   */
  async keysFor(
    tenantId: string,
    subjectIds: readonly string[],
    authors: ReadonlyArray<{ subjectId: string; authorId: string }> = [],
  ): Promise<Map<string, { keyId: string; key: Buffer }>> {
    const result = new Map<string, { keyId: string; key: Buffer }>();
    const wanted = [...new Set(subjectIds)];
    for (let attempt = 0; attempt < 3 && result.size < wanted.length; attempt++) {
      const missing = wanted.filter((subject) => !result.has(subject));
      // a fresh key for each: kept only for the subjects that have none (wrapping one is microseconds)
      const fresh = new Map(
        missing.map((subject) => {
          const keyId = randomUUID();
          const key = MasterKey.newDataKey();
          return [subject, { keyId, key, wrapped: this.master.wrap(keyId, key) }] as const;
        }),
      );
      const written = attempt === 0 ? authors : [];
      // the main select reads the table as it was before the insert: existing keys come from it, new ones from
      // the insert's `returning`; one inserted meanwhile by another writer is in neither (read next round)
      const { rows } = await this.db.query<{
        key_id: string;
        subject: string;
        wrapped_key: string;
        created: boolean;
      }>(
        `with existing as (
           select key_id, subject, wrapped_key from personal_data_keys
            where tenant_id = $1::text and subject = any($3::text[]) and erased_at is null
         ), authors as (
           insert into personal_data_text_authors (tenant_id, author_id, subject)
           select distinct $1::text, a.author_id, a.subject from unnest($5::text[], $6::text[]) as a(author_id, subject)
           on conflict do nothing
         ), created as (
           insert into personal_data_keys (key_id, tenant_id, subject, wrapped_key)
           select k.key_id, $1::text, k.subject, k.wrapped_key
             from unnest($2::uuid[], $3::text[], $4::text[]) as k(key_id, subject, wrapped_key)
            where not exists (select 1 from existing e where e.subject = k.subject)
           on conflict (tenant_id, subject) where erased_at is null do nothing
           returning key_id, subject, wrapped_key
         )
         select key_id::text, subject, wrapped_key, false as created from existing
         union all
         select key_id::text, subject, wrapped_key, true as created from created`,
        [
          tenantId,
          missing.map((subject) => fresh.get(subject)!.keyId),
          missing,
          missing.map((subject) => fresh.get(subject)!.wrapped),
          written.map((author) => author.authorId),
          written.map((author) => author.subjectId),
        ],
      );
      for (const row of rows) {
        const mine = fresh.get(row.subject)!;
        if (row.created) this.remember(mine.keyId, mine.wrapped, mine.key);
        result.set(
          row.subject,
          row.created
            ? { keyId: mine.keyId, key: mine.key }
            : { keyId: row.key_id, key: this.unwrap(row.key_id, row.wrapped_key) },
        );
      }
    }
    if (result.size < wanted.length)
      throw new Error(`could not create personal data keys for ${wanted.length - result.size} subject(s)`);
    return result;
  }

  /**
   * Deletes the live keys of every free-text item this user wrote into (her erasure: a shared item, like an
   * agenda item's notes that several people edited, goes whole, since each saved version holds her words too).
   * Answers the number of keys deleted.
   */
  async eraseAuthored(tenantId: string, authorId: string, at: string): Promise<number> {
    const { rowCount } = await this.db.query(
      `update personal_data_keys k set wrapped_key = null, erased_at = $3
         from personal_data_text_authors a
        where a.tenant_id = $1 and a.author_id = $2
          and k.tenant_id = a.tenant_id and k.subject = a.subject and k.erased_at is null`,
      [tenantId, authorId, at],
    );
    return rowCount ?? 0;
  }

  /** these keys' subjects and material (null once erased); an unknown key id is absent from the answer */
  async keys(keyIds: readonly string[]): Promise<Map<string, { subject: string; key: Buffer | null }>> {
    const result = new Map<string, { subject: string; key: Buffer | null }>();
    if (keyIds.length === 0) return result;
    const { rows } = await this.db.query<{ key_id: string; subject: string; wrapped_key: string | null }>(
      `select key_id::text, subject, wrapped_key from personal_data_keys where key_id = any($1::uuid[])`,
      [[...new Set(keyIds)]],
    );
    for (const row of rows) {
      const key = row.wrapped_key === null ? null : this.unwrap(row.key_id, row.wrapped_key);
      result.set(row.key_id, { subject: row.subject, key });
    }
    return result;
  }

  /** which of these `(tenant, subject)` pairs were erased (their legacy plaintext reads as erased) */
  async erasedSubjects(pairs: ReadonlyArray<readonly [string, string]>): Promise<Set<string>> {
    const erased = new Set<string>();
    if (pairs.length === 0) return erased;
    const { rows } = await this.db.query<{ tenant_id: string; subject: string }>(
      `select distinct k.tenant_id, k.subject from personal_data_keys k
         join unnest($1::text[], $2::text[]) as p(tenant_id, subject)
           on k.tenant_id = p.tenant_id and k.subject = p.subject
        where k.erased_at is not null`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    for (const row of rows) erased.add(`${row.tenant_id}|${row.subject}`);
    return erased;
  }

  async state(tenantId: string, subjectId: string): Promise<SubjectKeyState> {
    const { rows } = await this.db.query<{ live: string; erased: string }>(
      `select count(*) filter (where erased_at is null)::text as live,
              count(*) filter (where erased_at is not null)::text as erased
         from personal_data_keys where tenant_id = $1 and subject = $2`,
      [tenantId, subjectId],
    );
    return { live: Number(rows[0]?.live ?? 0), erased: Number(rows[0]?.erased ?? 0) };
  }

  /**
   * Deletes the subject's live key material (the rows stay, without it, marked erased); with no live key a
   * tombstone row is written so legacy plaintext of the subject is masked from now on. One transaction.
   */
  async erase(tenantId: string, subjectId: string, at: string): Promise<ErasedKeys> {
    const { rows } = await this.db.query<{ erased: string; tombstone: boolean; before: string }>(
      `with before as (
         select count(*) filter (where erased_at is not null) as n from personal_data_keys
          where tenant_id = $1 and subject = $2
       ), erased as (
         update personal_data_keys set wrapped_key = null, erased_at = $3
          where tenant_id = $1 and subject = $2 and erased_at is null
         returning key_id
       ), tombstone as (
         insert into personal_data_keys (key_id, tenant_id, subject, wrapped_key, erased_at)
         select gen_random_uuid(), $1, $2, null, $3
          where not exists (select 1 from erased)
         returning key_id
       )
       select (select count(*) from erased)::text as erased,
              exists (select 1 from tombstone) as tombstone,
              (select n from before)::text as before`,
      [tenantId, subjectId, at],
    );
    const row = rows[0]!;
    const keysErased = Number(row.erased);
    return { subjectId, keysErased, alreadyErased: keysErased === 0 && Number(row.before) > 0 };
  }
}
