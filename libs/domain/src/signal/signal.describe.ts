import { assertNever } from '../shared/event.js';
import { URGENCY_LABELS, type LocalizedText } from '../shared/labels.js';
import { nameOf, withDetail, type FieldChange, type NameLookup } from '../shared/text.js';
import type { SignalEvent, SignalStatus } from './signal.events.js';

export const SIGNAL_STATUS_LABELS: Readonly<Record<SignalStatus, LocalizedText>> = {
  submitted: { nl: 'ingediend', en: 'submitted' },
  acknowledged: { nl: 'ontvangen', en: 'acknowledged' },
  on_agenda: { nl: 'geagendeerd', en: 'on the agenda' },
  answered: { nl: 'beantwoord', en: 'answered' },
  escalated: { nl: 'doorgegeven aan een hogere overheid', en: 'escalated to a higher government' },
  closed: { nl: 'afgesloten', en: 'closed' },
};

/** A one-line summary of a signal event, in Dutch and English. */
export function describeSignalEvent(event: SignalEvent, names?: NameLookup): LocalizedText {
  switch (event.type) {
    case 'SignalSubmitted': {
      const { partnerId, source, text, urgency } = event.data;
      const from = partnerId === null ? (source ?? '?') : nameOf(names, 'partner', partnerId);
      const level = URGENCY_LABELS[urgency];
      return {
        nl: `Signaal van ${from} ingediend (urgentie ${level.nl}): ${text}`,
        en: `Signal from ${from} submitted (urgency ${level.en}): ${text}`,
      };
    }
    case 'SignalAcknowledged':
      return { nl: 'Signaal ontvangen', en: 'Signal acknowledged' };
    case 'SignalPutOnAgenda':
      return {
        nl: `Signaal geagendeerd op vergadering ${event.data.meetingId}`,
        en: `Signal put on the agenda of meeting ${event.data.meetingId}`,
      };
    case 'SignalAnswered':
      return {
        nl: `Signaal beantwoord: ${event.data.response}`,
        en: `Signal answered: ${event.data.response}`,
      };
    case 'SignalEscalated':
      return {
        nl: `Signaal doorgegeven aan ${event.data.to}: ${event.data.text}`,
        en: `Signal escalated to ${event.data.to}: ${event.data.text}`,
      };
    case 'SignalClosed': {
      const { answered, reason } = event.data;
      return {
        nl: withDetail(answered ? 'Signaal afgesloten' : 'Signaal afgesloten zonder antwoord', reason),
        en: withDetail(answered ? 'Signal closed' : 'Signal closed without an answer', reason),
      };
    }
    default:
      return assertNever(event);
  }
}

export function signalChangesOf(event: SignalEvent): FieldChange[] {
  switch (event.type) {
    case 'SignalSubmitted':
      return [
        { field: 'status', from: null, to: 'submitted' },
        { field: 'text', from: null, to: event.data.text },
        { field: 'urgency', from: null, to: event.data.urgency },
      ];
    case 'SignalAcknowledged':
      return [{ field: 'status', from: null, to: 'acknowledged' }];
    case 'SignalPutOnAgenda':
      return [
        { field: 'status', from: null, to: 'on_agenda' },
        { field: 'meetingId', from: null, to: event.data.meetingId },
      ];
    case 'SignalAnswered':
      return [
        { field: 'status', from: null, to: 'answered' },
        { field: 'response', from: null, to: event.data.response },
      ];
    case 'SignalEscalated':
      return [
        { field: 'status', from: null, to: 'escalated' },
        { field: 'escalatedTo', from: null, to: event.data.to },
      ];
    case 'SignalClosed':
      return [{ field: 'status', from: null, to: 'closed' }];
    default:
      return assertNever(event);
  }
}
