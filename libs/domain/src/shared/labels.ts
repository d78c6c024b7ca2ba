import type { ActionSignalRecorded, ActionStatus } from '../action/action.events.js';
import type { PartnerKind } from '../partner/partner.events.js';
import type { LoginFailureReason, UserRole } from '../user/user.events.js';
import type { WorkingGroupRole } from '../working-group/working-group.events.js';

/** A text a person reads: Dutch (nl-BE) first, English second. */
export type LocalizedText = Readonly<{ nl: string; en: string }>;
export type Language = keyof LocalizedText;
export const LANGUAGES = ['nl', 'en'] as const satisfies readonly Language[];

export type SignalUrgency = ActionSignalRecorded['data']['urgency'];
export const SIGNAL_URGENCIES = ['low', 'normal', 'high'] as const satisfies readonly SignalUrgency[];

export const ACTION_STATUS_LABELS: Readonly<Record<ActionStatus, LocalizedText>> = {
  not_started: { nl: 'niet gestart', en: 'not started' },
  in_progress: { nl: 'lopend', en: 'in progress' },
  realised: { nl: 'gerealiseerd', en: 'realised' },
  postponed: { nl: 'uitgesteld', en: 'postponed' },
  stopped: { nl: 'stopgezet', en: 'stopped' },
};

export const PARTNER_KIND_LABELS: Readonly<Record<PartnerKind, LocalizedText>> = {
  city: { nl: 'stad of gemeente', en: 'city or municipality' },
  public_body: { nl: 'openbare instelling', en: 'public body' },
  non_profit: { nl: 'vzw of middenveldorganisatie', en: 'non-profit organisation' },
  private: { nl: 'privébedrijf', en: 'private company' },
  citizen_group: { nl: 'bewonersgroep', en: 'citizen group' },
  other: { nl: 'andere', en: 'other' },
};

export const URGENCY_LABELS: Readonly<Record<SignalUrgency, LocalizedText>> = {
  low: { nl: 'laag', en: 'low' },
  normal: { nl: 'normaal', en: 'normal' },
  high: { nl: 'hoog', en: 'high' },
};

export const USER_ROLE_LABELS: Readonly<Record<UserRole, LocalizedText>> = {
  coordinator: { nl: 'coördinator', en: 'coordinator' },
  member: { nl: 'werkgroeplid', en: 'working-group member' },
  partner: { nl: 'partner', en: 'partner' },
  viewer: { nl: 'kijker', en: 'viewer' },
};

export const WORKING_GROUP_ROLE_LABELS: Readonly<Record<WorkingGroupRole, LocalizedText>> = {
  chair: { nl: 'voorzitter', en: 'chair' },
  secretary: { nl: 'secretaris', en: 'secretary' },
  member: { nl: 'lid', en: 'member' },
};

export const LOGIN_FAILURE_LABELS: Readonly<Record<LoginFailureReason, LocalizedText>> = {
  bad_password: { nl: 'verkeerd wachtwoord', en: 'wrong password' },
  disabled: { nl: 'account uitgeschakeld', en: 'account disabled' },
};
