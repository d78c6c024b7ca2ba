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
  constructor(
    private readonly db: Db,
    readonly master: MasterKey,
  ) {}

  /** the subject's live key (created when it has none): its id and material */
  async keyFor(tenantId: string, subjectId: string): Promise<{ keyId: string; key: Buffer }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const found = await this.db.query<{ key_id: string; wrapped_key: string }>(
        `select key_id::text, wrapped_key from personal_data_keys
          where tenant_id = $1 and subject = $2 and erased_at is null`,
        [tenantId, subjectId],
      );
      const row = found.rows[0];
      if (row) return { keyId: row.key_id, key: this.master.unwrap(row.key_id, row.wrapped_key) };
      const keyId = randomUUID();
      const key = MasterKey.newDataKey();
      const inserted = await this.db.query(
        `insert into personal_data_keys (key_id, tenant_id, subject, wrapped_key)
         values ($1, $2, $3, $4)
         on conflict (tenant_id, subject) where erased_at is null do nothing`,
        [keyId, tenantId, subjectId, this.master.wrap(keyId, key)],
      );
      if (inserted.rowCount === 1) return { keyId, key };
      // another writer created it first: read theirs
    }
    throw new Error(`could not create a personal data key for ${subjectId}`);
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
      const key = row.wrapped_key === null ? null : this.master.unwrap(row.key_id, row.wrapped_key);
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
