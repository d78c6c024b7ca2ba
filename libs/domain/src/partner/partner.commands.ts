import type { Command } from '../shared/event.js';
import type { PartnerKind } from './partner.events.js';

export type RegisterPartner = Command<
  'RegisterPartner',
  { partnerId: string; name: string; kind: PartnerKind }
>;
export type RenamePartner = Command<'RenamePartner', { partnerId: string; name: string }>;
/**
 * The partner continues as `intoPartnerId`. Whether that partner exists is checked by the application, which can
 * read its stream; this decider sees only the partner being merged.
 */
export type MergePartner = Command<'MergePartner', { partnerId: string; intoPartnerId: string }>;

export type PartnerCommand = RegisterPartner | RenamePartner | MergePartner;

export const PARTNER_COMMAND_TYPES = [
  'RegisterPartner',
  'RenamePartner',
  'MergePartner',
] as const satisfies readonly PartnerCommand['type'][];
