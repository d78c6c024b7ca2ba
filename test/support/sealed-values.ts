import { isEnvelope } from '#event-store';

/**
 * `value` as JSON with the random parts (`iv`, `ct`, `tag`) of every sealed personal field blanked, for the
 * checks that a text is not stored in plaintext: random base64 can spell a short name by chance ("Maes",
 * "greet"…), so a name is looked for in what is left. The rest of each envelope (`"$pd":1`, its key id) and
 * every other value stay as they are.
 */
export function withSealedValuesBlanked(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isEnvelope(inner) ? { ...inner, iv: '', ct: '', tag: '' } : inner,
  );
}
