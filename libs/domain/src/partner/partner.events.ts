import type { Event } from '../shared/event.js';

export const PARTNER_KINDS = [
  'city',
  'public_body',
  'non_profit',
  'private',
  'citizen_group',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export type PartnerRegistered = Event<
  'PartnerRegistered',
  { partnerId: string; name: string; kind: PartnerKind }
>;
export type PartnerRenamed = Event<'PartnerRenamed', { partnerId: string; from: string; to: string }>;
/** the organisation continues as `intoPartnerId` (e.g. after a fusion); its history is kept */
export type PartnerMerged = Event<'PartnerMerged', { partnerId: string; intoPartnerId: string }>;

export type PartnerEvent = PartnerRegistered | PartnerRenamed | PartnerMerged;

export const PARTNER_EVENT_TYPES = [
  'PartnerRegistered',
  'PartnerRenamed',
  'PartnerMerged',
] as const satisfies readonly PartnerEvent['type'][];

export const partnerStreamId = (partnerId: string): string => `partner-${partnerId}`;
