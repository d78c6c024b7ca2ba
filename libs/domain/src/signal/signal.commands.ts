import type { Command } from '../shared/event.js';
import type { SignalUrgency } from '../shared/labels.js';

/**
 * A partner user submits for her own organisation; a coordinator records for a partner (`partnerId`) or for
 * a citizen or an advisory council (`source`). Whether the partner, themes and actions exist in the tenant
 * is checked by the application, which can read their streams.
 */
export type SubmitSignal = Command<
  'SubmitSignal',
  {
    signalId: string;
    partnerId?: string | null;
    source?: string | null;
    text: string;
    urgency?: SignalUrgency;
    themeIds?: readonly string[];
    actionIds?: readonly string[];
  }
>;
export type AcknowledgeSignal = Command<'AcknowledgeSignal', { signalId: string }>;
export type PutSignalOnAgenda = Command<'PutSignalOnAgenda', { signalId: string; meetingId: string }>;
export type AnswerSignal = Command<'AnswerSignal', { signalId: string; response: string }>;
export type EscalateSignal = Command<'EscalateSignal', { signalId: string; to: string; text: string }>;
export type CloseSignal = Command<'CloseSignal', { signalId: string; reason?: string | null }>;

export type SignalCommand =
  SubmitSignal | AcknowledgeSignal | PutSignalOnAgenda | AnswerSignal | EscalateSignal | CloseSignal;

export const SIGNAL_COMMAND_TYPES = [
  'SubmitSignal',
  'AcknowledgeSignal',
  'PutSignalOnAgenda',
  'AnswerSignal',
  'EscalateSignal',
  'CloseSignal',
] as const satisfies readonly SignalCommand['type'][];
