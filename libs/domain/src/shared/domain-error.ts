import { isActionStatus } from '../action/action.lifecycle.js';
import { MEETING_STATUS_LABELS } from '../meeting/meeting.describe.js';
import { isMeetingStatus } from '../meeting/meeting.events.js';
import { SIGNAL_STATUS_LABELS } from '../signal/signal.describe.js';
import { isSignalStatus } from '../signal/signal.events.js';
import { ACTION_STATUS_LABELS, type Language, type LocalizedText } from './labels.js';

/** the texts every aggregate uses for a malformed value and for a change that changes nothing */
const INVALID_VALUE = {
  nl: 'Ongeldige waarde voor {field}: {rule}.',
  en: 'Invalid value for {field}: {rule}.',
};
const NOTHING_CHANGED = { nl: 'Er is niets gewijzigd.', en: 'Nothing changed.' };

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
  'ACTION.INVALID': INVALID_VALUE,
  'ACTION.NO_CHANGE': NOTHING_CHANGED,
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
  'PLAN.INVALID': INVALID_VALUE,
  'PLAN.NO_CHANGE': NOTHING_CHANGED,
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
  'PLAN.GOAL_MOVE_INTO_ITSELF': {
    nl: 'Een doel kan niet onder zichzelf of onder een van zijn onderliggende doelen geplaatst worden.',
    en: 'A goal cannot be moved under itself or under one of its sub-goals.',
  },
  'PLAN.SECTION_ARCHIVED': {
    nl: 'Thema of doel {code} is gearchiveerd: er kan niets meer aan gewijzigd of onder toegevoegd worden.',
    en: 'Theme or goal {code} is archived: it cannot be changed and nothing can be added under it.',
  },
  'PLAN.NODE_NOT_FOUND': {
    nl: 'Er is geen thema, doel of geplaatste actie {nodeId} in dit plan.',
    en: 'There is no theme, goal or placed action {nodeId} in this plan.',
  },
  'PLAN.BBC_CODE_TAKEN': {
    nl: 'De BBC-code {bbcCode} wordt al gebruikt in dit plan.',
    en: 'The BBC code {bbcCode} is already used in this plan.',
  },

  'INDICATOR.NOT_FOUND': { nl: 'Deze indicator bestaat niet.', en: 'This indicator does not exist.' },
  'INDICATOR.ALREADY_EXISTS': { nl: 'Deze indicator bestaat al.', en: 'This indicator already exists.' },
  'INDICATOR.INVALID': INVALID_VALUE,
  'INDICATOR.NO_CHANGE': NOTHING_CHANGED,
  'INDICATOR.ARCHIVED': {
    nl: 'Deze indicator is gearchiveerd en kan niet meer gewijzigd worden.',
    en: 'This indicator is archived and can no longer be changed.',
  },
  'INDICATOR.MEASUREMENT_ALREADY_RECORDED': {
    nl: 'De meting {measurementId} is al geregistreerd met andere waarden. Corrigeer ze in plaats van ze opnieuw te registreren.',
    en: 'The measurement {measurementId} is already recorded with other values. Correct it instead of recording it again.',
  },
  'INDICATOR.MEASUREMENT_NOT_FOUND': {
    nl: 'De meting {measurementId} bestaat niet bij deze indicator.',
    en: 'The measurement {measurementId} does not exist on this indicator.',
  },

  'PARTNER.NOT_FOUND': { nl: 'Deze partner bestaat niet.', en: 'This partner does not exist.' },
  'PARTNER.ALREADY_EXISTS': { nl: 'Deze partner bestaat al.', en: 'This partner already exists.' },
  'PARTNER.INVALID': INVALID_VALUE,
  'PARTNER.NO_CHANGE': NOTHING_CHANGED,
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
  'TENANT.INVALID': INVALID_VALUE,
  'TENANT.NO_CHANGE': NOTHING_CHANGED,
  'ERASURE.USER_ACTIVE': {
    nl: 'Schakel dit account eerst uit: enkel de gegevens van een uitgeschakeld account kunnen gewist worden.',
    en: 'Disable this account first: only the data of a disabled account can be erased.',
  },
  'ERASURE.TEXT_NOT_FOUND': {
    nl: 'Deze wijziging bestaat niet in de geschiedenis.',
    en: 'This change does not exist in the history.',
  },
  'ERASURE.NOT_FREE_TEXT': {
    nl: 'Deze wijziging bevat geen vrije tekst om te wissen.',
    en: 'This change holds no free text to erase.',
  },

  'USER.NOT_FOUND': { nl: 'Deze gebruiker bestaat niet.', en: 'This user does not exist.' },
  'USER.ALREADY_EXISTS': { nl: 'Deze gebruiker bestaat al.', en: 'This user already exists.' },
  'USER.INVALID': INVALID_VALUE,
  'USER.NO_CHANGE': NOTHING_CHANGED,
  'USER.DISABLED': {
    nl: 'Dit account is uitgeschakeld.',
    en: 'This account is disabled.',
  },
  'USER.PARTNER_REQUIRED': {
    nl: 'Een gebruiker met de rol partner moet bij een partnerorganisatie horen.',
    en: 'A user with the role partner must belong to a partner organisation.',
  },
  'USER.INVITATION_USED': {
    nl: 'Deze uitnodiging werd al gebruikt of vervangen door een nieuwere. Vraag de coördinator om een nieuwe uitnodiging.',
    en: 'This invitation was already used or replaced by a newer one. Ask the coordinator for a new invitation.',
  },
  'USER.INVITATION_EXPIRED': {
    nl: 'Deze uitnodiging is verlopen. Vraag de coördinator om een nieuwe uitnodiging.',
    en: 'This invitation has expired. Ask the coordinator for a new invitation.',
  },
  'USER.INVITATION_INVALID': {
    nl: 'Deze uitnodigingslink is niet geldig. Kopieer de volledige link uit de e-mail.',
    en: 'This invitation link is not valid. Copy the complete link from the e-mail.',
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
  'WORKING_GROUP.INVALID': INVALID_VALUE,
  'WORKING_GROUP.NO_CHANGE': NOTHING_CHANGED,
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

  'MEETING.NOT_FOUND': { nl: 'Deze vergadering bestaat niet.', en: 'This meeting does not exist.' },
  'MEETING.ALREADY_EXISTS': { nl: 'Deze vergadering bestaat al.', en: 'This meeting already exists.' },
  'MEETING.INVALID': INVALID_VALUE,
  'MEETING.NO_CHANGE': NOTHING_CHANGED,
  'MEETING.INVALID_STATUS_TRANSITION': {
    nl: 'De vergadering kan niet van {from} naar {to}. Vanuit {from} kan enkel: {allowed}.',
    en: 'The meeting cannot go from {from} to {to}. From {from} only these are allowed: {allowed}.',
  },
  'MEETING.NOT_ALLOWED_IN_STATUS': {
    nl: 'Dit kan niet terwijl de vergadering {status} is; enkel als ze {allowed} is.',
    en: 'This cannot be done while the meeting is {status}; only while it is {allowed}.',
  },
  'MEETING.CLOSED': {
    nl: 'Deze vergadering is {status}: er kan niets meer aan gewijzigd worden.',
    en: 'This meeting is {status}: it can no longer be changed.',
  },
  'MEETING.ROUND_STILL_OPEN': {
    nl: 'Sluit eerst de prioriteringsronde af voor je de vergadering afsluit.',
    en: 'Close the prioritisation round before ending the meeting.',
  },
  'MEETING.AGENDA_ITEM_ALREADY_EXISTS': {
    nl: 'Dit agendapunt bestaat al.',
    en: 'This agenda item already exists.',
  },
  'MEETING.ALREADY_ON_AGENDA': {
    nl: 'Dit staat al op de agenda van deze vergadering.',
    en: 'This is already on the agenda of this meeting.',
  },
  'MEETING.AGENDA_ITEM_NOT_FOUND': {
    nl: 'Dit agendapunt bestaat niet in deze vergadering.',
    en: 'This agenda item does not exist in this meeting.',
  },
  'MEETING.NOT_A_PERMUTATION': {
    nl: 'De nieuwe volgorde moet precies de huidige agendapunten bevatten, elk één keer.',
    en: 'The new order must contain exactly the current agenda items, each once.',
  },
  'MEETING.RECORD_ALREADY_EXISTS': {
    nl: 'Er bestaat al een correctie, beslissing of volgende stap met deze id.',
    en: 'A correction, decision or next step with this id already exists.',
  },
  'MEETING.PROPOSAL_ALREADY_EXISTS': { nl: 'Dit voorstel bestaat al.', en: 'This proposal already exists.' },
  'MEETING.PROPOSAL_NOT_FOUND': {
    nl: 'Dit voorstel bestaat niet in deze vergadering.',
    en: 'This proposal does not exist in this meeting.',
  },
  'MEETING.NO_PROPOSALS': {
    nl: 'Een prioriteringsronde heeft minstens één voorstel nodig.',
    en: 'A prioritisation round needs at least one proposal.',
  },
  'MEETING.ROUND_ALREADY_EXISTS': {
    nl: 'Deze prioriteringsronde bestaat al.',
    en: 'This prioritisation round already exists.',
  },
  'MEETING.ROUND_ALREADY_OPEN': {
    nl: 'Er loopt al een prioriteringsronde ({roundId}); sluit die eerst af.',
    en: 'A prioritisation round ({roundId}) is already open; close it first.',
  },
  'MEETING.ROUND_NOT_FOUND': {
    nl: 'Deze prioriteringsronde bestaat niet in deze vergadering.',
    en: 'This prioritisation round does not exist in this meeting.',
  },
  'MEETING.ROUND_CLOSED': {
    nl: 'Deze prioriteringsronde is afgesloten.',
    en: 'This prioritisation round is closed.',
  },
  'MEETING.NOT_PRESENT': {
    nl: 'Enkel wie als aanwezig genoteerd is, kan een top doorgeven.',
    en: 'Only people recorded as present can submit a top.',
  },
  'MEETING.PROPOSAL_NOT_IN_ROUND': {
    nl: 'Deze voorstellen horen niet bij de ronde: {proposalIds}.',
    en: 'These proposals are not part of the round: {proposalIds}.',
  },
  'MEETING.ROUND_METHOD_CONFLICT': {
    nl: 'Deze ronde loopt al via een andere weg ({method}): stemmen en een telling op papier gaan niet samen.',
    en: 'This round is already held another way ({method}): ballots and a paper tally do not mix.',
  },

  'SIGNAL.NOT_FOUND': { nl: 'Dit signaal bestaat niet.', en: 'This signal does not exist.' },
  'SIGNAL.ALREADY_EXISTS': { nl: 'Dit signaal bestaat al.', en: 'This signal already exists.' },
  'SIGNAL.INVALID': INVALID_VALUE,
  'SIGNAL.INVALID_STATUS_TRANSITION': {
    nl: 'Het signaal kan niet van {from} naar {to}. Vanuit {from} kan enkel: {allowed}.',
    en: 'The signal cannot go from {from} to {to}. From {from} only these are allowed: {allowed}.',
  },
  'SIGNAL.CLOSED': {
    nl: 'Dit signaal is afgesloten: er kan niets meer mee gebeuren.',
    en: 'This signal is closed: nothing more can be done with it.',
  },
  'SIGNAL.REASON_REQUIRED': {
    nl: 'Een signaal dat geen antwoord kreeg, sluit je af met een reden.',
    en: 'A signal that got no answer is closed with a reason.',
  },

  'PERIOD.NOT_FOUND': {
    nl: 'Deze rapporteringsperiode bestaat niet.',
    en: 'This reporting period does not exist.',
  },
  'PERIOD.ALREADY_EXISTS': {
    nl: 'Deze rapporteringsperiode bestaat al.',
    en: 'This reporting period already exists.',
  },
  'PERIOD.INVALID': INVALID_VALUE,
  'PERIOD.ALREADY_CLOSED': {
    nl: 'Deze rapporteringsperiode is al afgesloten.',
    en: 'This reporting period is already closed.',
  },
  'PERIOD.CLOSED': {
    nl: 'Deze rapporteringsperiode is afgesloten: er kan geen updateronde meer starten.',
    en: 'This reporting period is closed: no update round can start any more.',
  },
  'PERIOD.ROUND_ALREADY_STARTED': {
    nl: 'Voor deze periode loopt al een updateronde.',
    en: 'An update round has already started for this period.',
  },

  'AUDIT.NO_CHECKPOINT': {
    nl: 'Er is nog geen controlepunt om vanaf te controleren. Controleer de hele geschiedenis of leg eerst een controlepunt vast.',
    en: 'There is no checkpoint yet to verify from. Verify the whole history, or record a checkpoint first.',
  },

  'IDEMPOTENCY.KEY_REUSED': {
    nl: 'Deze Idempotency-Key werd al gebruikt voor een andere aanvraag. Gebruik een nieuwe sleutel.',
    en: 'This Idempotency-Key was already used for another request. Use a new key.',
  },
} as const satisfies Record<string, LocalizedText>;

export type DomainErrorCode = keyof typeof ERROR_MESSAGES;
export type DomainErrorDetails = Readonly<Record<string, unknown>>;

// Status values are shown with their label, so the Dutch text reads "van lopend naar stopgezet".
const renderValue = (value: unknown, lang: Language): string => {
  if (Array.isArray(value)) return value.map((item) => renderValue(item, lang)).join(', ');
  if (isActionStatus(value)) return ACTION_STATUS_LABELS[value][lang];
  if (isMeetingStatus(value)) return MEETING_STATUS_LABELS[value][lang];
  if (isSignalStatus(value)) return SIGNAL_STATUS_LABELS[value][lang];
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
