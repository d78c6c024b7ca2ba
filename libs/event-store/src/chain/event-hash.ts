import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventMetadata } from '../event-store.port.js';

/**
 * The tamper-evident hash of an event (docs/audit.md). Two SHA-256 steps over RFC 8785 (JCS) canonical JSON:
 *
 *     content = sha256hex(JCS({ data, metadata, type }))
 *     hash    = sha256hex(JCS({ content, position, prev, stream, time, version }))
 *
 * `prev` is the hash of the previous event of the same stream (null for version 1): the chain is per stream.
 * The writer computes `content` (PostgreSQL cannot produce JCS); the PostgreSQL store composes the second step
 * itself in `append_to_stream` (`event_chain_hash`), at the moment it assigns the position, version and time.
 * KurrentDB assigns position and time only after the write: there both are null in the hash (the same function).
 */

/** the metadata key under which the KurrentDB adapter stores an event's hash (never handed to readers) */
export const CHAIN_HASH_METADATA_KEY = 'chainHash';

/** The fields of the second step. `position` and `time` are null on a store that assigns them after the write. */
export interface ChainLink {
  prev: string | null;
  position: string | null;
  stream: string;
  version: number;
  /** the time the store recorded, ISO-8601 UTC with milliseconds, as readers see it */
  time: string | null;
  content: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JCS (RFC 8785) of a JSON value; throws on what JSON cannot carry (NaN, Infinity, lone surrogates, cycles). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return text;
}

/** The digest of what an event says: its type, data and metadata. */
export function contentDigest(type: string, data: unknown, metadata: EventMetadata): string {
  return sha256Hex(canonicalJson({ data, metadata, type }));
}

/** The event's hash from its link fields. */
export function chainHash(link: ChainLink): string {
  return sha256Hex(
    canonicalJson({
      content: link.content,
      position: link.position,
      prev: link.prev,
      stream: link.stream,
      time: link.time,
      version: link.version,
    }),
  );
}

/** The starting value of a tenant's log digest (no event yet). */
export const EMPTY_LOG_DIGEST = '0'.repeat(64);

/**
 * The tenant's log digest after one more event: sha256hex(previous digest + ":" + event hash). Folded over a
 * tenant's events in log order it commits to every event, its order and the count: what a checkpoint records.
 */
export function foldLogDigest(digest: string, eventHash: string): string {
  return sha256Hex(`${digest}:${eventHash}`);
}
