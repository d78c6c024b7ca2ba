import type { Event } from '../shared/event.js';
import type { SignalUrgency } from '../shared/labels.js';

/** Where a signal stands (docs/signals.md); the moves between them are in signal.lifecycle.ts. */
export const SIGNAL_STATUSES = [
  'submitted',
  'acknowledged',
  'on_agenda',
  'answered',
  'escalated',
  'closed',
] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

export const isSignalStatus = (value: unknown): value is SignalStatus =>
  typeof value === 'string' && (SIGNAL_STATUSES as readonly string[]).includes(value);

/**
 * A signal from the field. It comes from a partner organisation (`partnerId`; submitted by one of its users
 * or recorded for it by a coordinator) or from someone named in `source` (a citizen, an advisory council);
 * who typed it is the event's actor. It may concern themes and actions of the plan.
 */
export type SignalSubmitted = Event<
  'SignalSubmitted',
  {
    signalId: string;
    partnerId: string | null;
    source: string | null;
    text: string;
    urgency: SignalUrgency;
    themeIds: readonly string[];
    actionIds: readonly string[];
  }
>;
export type SignalAcknowledged = Event<'SignalAcknowledged', { signalId: string }>;
/** the signal is an item on a working-group meeting's agenda */
export type SignalPutOnAgenda = Event<'SignalPutOnAgenda', { signalId: string; meetingId: string }>;
export type SignalAnswered = Event<'SignalAnswered', { signalId: string; response: string }>;
/** passed on to a higher government (`to`: the Flemish government, a federal minister, ...) */
export type SignalEscalated = Event<'SignalEscalated', { signalId: string; to: string; text: string }>;
/** closed for good; `answered` says whether it ever got an answer, `reason` why it closes (required without one) */
export type SignalClosed = Event<
  'SignalClosed',
  { signalId: string; answered: boolean; reason: string | null }
>;

export type SignalEvent =
  SignalSubmitted | SignalAcknowledged | SignalPutOnAgenda | SignalAnswered | SignalEscalated | SignalClosed;

export const SIGNAL_EVENT_TYPES = [
  'SignalSubmitted',
  'SignalAcknowledged',
  'SignalPutOnAgenda',
  'SignalAnswered',
  'SignalEscalated',
  'SignalClosed',
] as const satisfies readonly SignalEvent['type'][];

export const signalStreamId = (signalId: string): string => `signal-${signalId}`;
