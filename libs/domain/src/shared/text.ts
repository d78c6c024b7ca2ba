import type { LocalizedText } from './labels.js';

/** Resolves an id to a display name (a read model knows names; events carry ids). */
export type NameLookup = (kind: 'partner' | 'user' | 'goal' | 'theme', id: string) => string | undefined;

/** One changed field of an event, for history tables: "status: lopend -> uitgesteld". */
export type FieldChange = Readonly<{ field: string; from: unknown; to: unknown }>;

export const nameOf = (names: NameLookup | undefined, kind: Parameters<NameLookup>[0], id: string): string =>
  names?.(kind, id) ?? id;

export const quoted = (text: string): string => `"${text}"`;

/** nl-BE writes dates as 30/06/2024; English keeps the unambiguous ISO form */
export const formatDate = (isoDate: string): LocalizedText => {
  const [year, month, day] = isoDate.split('-');
  return { nl: `${day}/${month}/${year}`, en: isoDate };
};

/** appends ": detail" when there is one */
export const withDetail = (text: string, detail: string | null | undefined): string =>
  detail ? `${text}: ${detail}` : text;

export const same = (text: string): LocalizedText => ({ nl: text, en: text });
