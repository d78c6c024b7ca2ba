import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A personal field as stored in an event's data: the value (JSON) encrypted with AES-256-GCM under the data
 * subject's key `k` (a row of `personal_data_keys`). Never holds the subject's identity or the key.
 */
export interface Envelope {
  $pd: 1;
  /** key id */
  k: string;
  iv: string;
  ct: string;
  tag: string;
}

/**
 * A personal field of an event written before encryption (schema version 1), as the upcaster hands it on:
 * the plaintext still in the stored row, with the subject it belongs to so an erasure can mask it on read.
 */
export interface LegacyPlain {
  $pd: 'plain';
  subject: { kind: string; id: string; pseudonymise?: boolean };
  value: unknown;
  /** free text: the user who wrote it (the event's actor); her erasure masks it too */
  author?: string;
}

export const isEnvelope = (value: unknown): value is Envelope =>
  typeof value === 'object' &&
  value !== null &&
  (value as Envelope).$pd === 1 &&
  typeof (value as Envelope).k === 'string' &&
  typeof (value as Envelope).iv === 'string' &&
  typeof (value as Envelope).ct === 'string' &&
  typeof (value as Envelope).tag === 'string';

export const isLegacyPlain = (value: unknown): value is LegacyPlain =>
  typeof value === 'object' && value !== null && (value as LegacyPlain).$pd === 'plain';

const ALGORITHM = 'aes-256-gcm';

/** Encrypts one field's value; `aad` binds the ciphertext to its key id and field. */
export function seal(key: Buffer, keyId: string, field: string, value: unknown): Envelope {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(`${keyId}/${field}`, 'utf8'));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value) ?? 'null', 'utf8'), cipher.final()]);
  return {
    $pd: 1,
    k: keyId,
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Decrypts what `seal` made; throws when the key, field or ciphertext do not match (GCM authentication). */
export function open(key: Buffer, field: string, envelope: Envelope): unknown {
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(envelope.iv, 'base64'));
  decipher.setAAD(Buffer.from(`${envelope.k}/${field}`, 'utf8'));
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(envelope.ct, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as unknown;
}

/**
 * The keys derived from the platform's master secret (PERSONAL_DATA_KEY, or `personal-data` in DATA_DIR's
 * secrets): one wraps the subjects' keys in the key table, one turns a guest's name into a subject id.
 */
export class MasterKey {
  private readonly wrapKey: Buffer;
  private readonly subjectKey: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the personal data master secret needs at least 32 characters');
    this.wrapKey = Buffer.from(
      hkdfSync('sha256', secret, 'social-policy-backbone', 'personal-data/wrap', 32),
    );
    this.subjectKey = Buffer.from(
      hkdfSync('sha256', secret, 'social-policy-backbone', 'personal-data/subject', 32),
    );
  }

  /** a fresh random data key for one subject */
  static newDataKey(): Buffer {
    return randomBytes(32);
  }

  wrap(keyId: string, dataKey: Buffer): string {
    return JSON.stringify(seal(this.wrapKey, keyId, 'key', dataKey.toString('base64')));
  }

  unwrap(keyId: string, wrapped: string): Buffer {
    const envelope = JSON.parse(wrapped) as Envelope;
    if (!isEnvelope(envelope) || envelope.k !== keyId) throw new Error(`key ${keyId}: not a wrapped key`);
    return Buffer.from(String(open(this.wrapKey, 'key', envelope)), 'base64');
  }

  /** `user:<id>`, `signal:<id>`; a pseudonymised subject (a guest's name) as `guest:<keyed hash>` */
  subjectId(subject: { kind: string; id: string; pseudonymise?: boolean }): string {
    if (!subject.pseudonymise) return `${subject.kind}:${subject.id}`;
    const digest = createHmac('sha256', this.subjectKey)
      .update(subject.id, 'utf8')
      .digest('hex')
      .slice(0, 32);
    return `${subject.kind}:${digest}`;
  }
}

/** what a `pseudonym` field of an erased subject reads as: `<kind>:erased-<12 hex>`, stable per subject */
export const erasedPseudonym = (subjectId: string): string => {
  const kind = subjectId.slice(0, subjectId.indexOf(':'));
  return `${kind}:erased-${createHash('sha256').update(subjectId, 'utf8').digest('hex').slice(0, 12)}`;
};
