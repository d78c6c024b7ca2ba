import { isActionStatus } from '../action/action.lifecycle.js';
import { ACTION_STATUS_LABELS, type Language, type LocalizedText } from './labels.js';

/**
 * Every rule a decider can break, with the text a person reads. `{name}` is filled from the error's
 * details, so the UI can show the Dutch text without parsing the English message.
 */
export const ERROR_MESSAGES = {
  'ACTION.NOT_FOUND': { nl: 'Deze actie bestaat niet.', en: 'This action does not exist.' },
  'ACTION.ALREADY_EXISTS': { nl: 'Deze actie bestaat al.', en: 'This action already exists.' },
  'ACTION.ARCHIVED': {
    nl: 'Deze actie is gearchiveerd en kan niet meer gewijzigd worden.',
    en: 'This action is archived and can no longer be changed.',
  },
  'ACTION.INVALID': {
    nl: 'Ongeldige waarde voor {field}: {rule}.',
    en: 'Invalid value for {field}: {rule}.',
  },
  'ACTION.NO_CHANGE': { nl: 'Er is niets gewijzigd.', en: 'Nothing changed.' },
  'ACTION.INVALID_STATUS_TRANSITION': {
    nl: 'De status kan niet van {from} naar {to}. Vanuit {from} kan enkel: {allowed}.',
    en: 'The status cannot change from {from} to {to}. From {from} only these are allowed: {allowed}.',
  },
  'ACTION.NOTE_ALREADY_EXISTS': { nl: 'Deze notitie bestaat al.', en: 'This note already exists.' },
  'ACTION.NOTE_NOT_FOUND': {
    nl: 'De notitie {correctsNoteId} die je wil corrigeren bestaat niet bij deze actie.',
    en: 'The note {correctsNoteId} you want to correct does not exist on this action.',
  },
  'ACTION.PARTNER_ALREADY_ADDED': {
    nl: 'Deze partner is al partner van de actie.',
    en: 'This organisation is already a partner of the action.',
  },
  'ACTION.PARTNER_NOT_ON_ACTION': {
    nl: 'Deze partner is geen partner van de actie.',
    en: 'This organisation is not a partner of the action.',
  },
  'ACTION.SIGNAL_ALREADY_RECORDED': {
    nl: 'Dit signaal is al geregistreerd.',
    en: 'This signal is already recorded.',
  },

  'PLAN.NOT_FOUND': { nl: 'Dit plan bestaat niet.', en: 'This plan does not exist.' },
  'PLAN.ALREADY_EXISTS': { nl: 'Dit plan bestaat al.', en: 'This plan already exists.' },
  'PLAN.INVALID': { nl: 'Ongeldige waarde voor {field}: {rule}.', en: 'Invalid value for {field}: {rule}.' },
  'PLAN.NO_CHANGE': { nl: 'Er is niets gewijzigd.', en: 'Nothing changed.' },
  'PLAN.THEME_NOT_FOUND': {
    nl: 'Dit thema bestaat niet in het plan.',
    en: 'This theme does not exist in the plan.',
  },
  'PLAN.GOAL_NOT_FOUND': {
    nl: 'Dit doel bestaat niet in het plan.',
    en: 'This goal does not exist in the plan.',
  },
  'PLAN.PARENT_NOT_FOUND': {
    nl: 'Het bovenliggende thema of doel bestaat niet in het plan.',
    en: 'The parent theme or goal does not exist in the plan.',
  },
  'PLAN.SECTION_ALREADY_EXISTS': {
    nl: 'Er bestaat al een thema of doel met deze id.',
    en: 'A theme or goal with this id already exists.',
  },
  'PLAN.CODE_TAKEN': {
    nl: 'De code {code} is al in gebruik in dit plan.',
    en: 'The code {code} is already used in this plan.',
  },
  'PLAN.NOT_A_PERMUTATION': {
    nl: 'De nieuwe volgorde moet precies de huidige onderdelen bevatten, elk één keer.',
    en: 'The new order must contain exactly the current items, each once.',
  },
  'PLAN.THEME_HAS_GOALS': {
    nl: 'Een thema met doelen kan niet verwijderd worden.',
    en: 'A theme that has goals cannot be removed.',
  },
  'PLAN.GOAL_HAS_CHILDREN': {
    nl: 'Een doel met onderliggende doelen kan niet verwijderd worden.',
    en: 'A goal that has sub-goals cannot be removed.',
  },
  'PLAN.GOAL_HAS_ACTIONS': {
    nl: 'Een doel met acties kan niet verwijderd worden.',
    en: 'A goal that has actions cannot be removed.',
  },
  'PLAN.ACTION_ALREADY_PLACED': {
    nl: 'Deze actie staat al elders in het plan.',
    en: 'This action is already placed elsewhere in the plan.',
  },
  'PLAN.ACTION_NOT_PLACED': {
    nl: 'Deze actie staat niet in het plan.',
    en: 'This action is not placed in the plan.',
  },

  'PARTNER.NOT_FOUND': { nl: 'Deze partner bestaat niet.', en: 'This partner does not exist.' },
  'PARTNER.ALREADY_EXISTS': { nl: 'Deze partner bestaat al.', en: 'This partner already exists.' },
  'PARTNER.INVALID': {
    nl: 'Ongeldige waarde voor {field}: {rule}.',
    en: 'Invalid value for {field}: {rule}.',
  },
  'PARTNER.NO_CHANGE': { nl: 'Er is niets gewijzigd.', en: 'Nothing changed.' },
  'PARTNER.MERGED': {
    nl: 'Deze partner is samengevoegd met een andere en kan niet meer gewijzigd worden.',
    en: 'This partner was merged into another one and can no longer be changed.',
  },
  'PARTNER.MERGE_INTO_SELF': {
    nl: 'Een partner kan niet met zichzelf samengevoegd worden.',
    en: 'A partner cannot be merged into itself.',
  },

  'TENANT.NOT_FOUND': { nl: 'Deze omgeving bestaat niet.', en: 'This tenant does not exist.' },
  'TENANT.ALREADY_EXISTS': { nl: 'Deze omgeving bestaat al.', en: 'This tenant already exists.' },
  'TENANT.INVALID': {
    nl: 'Ongeldige waarde voor {field}: {rule}.',
    en: 'Invalid value for {field}: {rule}.',
  },
  'TENANT.NO_CHANGE': { nl: 'Er is niets gewijzigd.', en: 'Nothing changed.' },

  'USER.NOT_FOUND': { nl: 'Deze gebruiker bestaat niet.', en: 'This user does not exist.' },
  'USER.ALREADY_EXISTS': { nl: 'Deze gebruiker bestaat al.', en: 'This user already exists.' },
  'USER.INVALID': { nl: 'Ongeldige waarde voor {field}: {rule}.', en: 'Invalid value for {field}: {rule}.' },
  'USER.NO_CHANGE': { nl: 'Er is niets gewijzigd.', en: 'Nothing changed.' },
  'USER.DISABLED': {
    nl: 'Dit account is uitgeschakeld.',
    en: 'This account is disabled.',
  },
  'USER.PARTNER_REQUIRED': {
    nl: 'Een gebruiker met de rol partner moet bij een partnerorganisatie horen.',
    en: 'A user with the role partner must belong to a partner organisation.',
  },
  'USER.EMAIL_TAKEN': {
    nl: 'Er bestaat al een account met het e-mailadres {email}.',
    en: 'An account with the e-mail address {email} already exists.',
  },

  'WORKING_GROUP.NOT_FOUND': { nl: 'Deze werkgroep bestaat niet.', en: 'This working group does not exist.' },
  'WORKING_GROUP.ALREADY_EXISTS': {
    nl: 'Deze werkgroep bestaat al.',
    en: 'This working group already exists.',
  },
  'WORKING_GROUP.INVALID': {
    nl: 'Ongeldige waarde voor {field}: {rule}.',
    en: 'Invalid value for {field}: {rule}.',
  },
  'WORKING_GROUP.NO_CHANGE': { nl: 'Er is niets gewijzigd.', en: 'Nothing changed.' },
  'WORKING_GROUP.ARCHIVED': {
    nl: 'Deze werkgroep is gearchiveerd en kan niet meer gewijzigd worden.',
    en: 'This working group is archived and can no longer be changed.',
  },
  'WORKING_GROUP.MEMBER_ALREADY_ADDED': {
    nl: 'Deze persoon is al lid van de werkgroep.',
    en: 'This person is already a member of the working group.',
  },
  'WORKING_GROUP.NOT_A_MEMBER': {
    nl: 'Deze persoon is geen lid van de werkgroep.',
    en: 'This person is not a member of the working group.',
  },
} as const satisfies Record<string, LocalizedText>;

export type DomainErrorCode = keyof typeof ERROR_MESSAGES;
export type DomainErrorDetails = Readonly<Record<string, unknown>>;

// Status values are shown with their label, so the Dutch text reads "van lopend naar stopgezet".
const renderValue = (value: unknown, lang: Language): string => {
  if (Array.isArray(value)) return value.map((item) => renderValue(item, lang)).join(', ');
  if (isActionStatus(value)) return ACTION_STATUS_LABELS[value][lang];
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
};

export function formatErrorMessage(
  code: DomainErrorCode,
  lang: Language,
  details: DomainErrorDetails = {},
): string {
  return ERROR_MESSAGES[code][lang].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(details, name) ? renderValue(details[name], lang) : placeholder,
  );
}

export const localizeError = (error: DomainError): LocalizedText => ({
  nl: formatErrorMessage(error.code, 'nl', error.details),
  en: formatErrorMessage(error.code, 'en', error.details),
});

/** A broken business rule. `code` is stable (mapped to HTTP and to the catalogue); `message` is English, for logs. */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    readonly details: DomainErrorDetails = {},
    message: string = formatErrorMessage(code, 'en', details),
  ) {
    super(message);
  }
}
