import type { ActionSignalRecorded, ActionStatus } from '../action/action.events.js';
import type { PartnerKind } from '../partner/partner.events.js';

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
