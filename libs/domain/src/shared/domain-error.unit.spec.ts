import {
  DomainError,
  ERROR_MESSAGES,
  formatErrorMessage,
  localizeError,
  type DomainErrorCode,
} from './domain-error.js';
import { ALL_EVENT_TYPES } from './domain-event.js';

const CODES = Object.keys(ERROR_MESSAGES) as DomainErrorCode[];

describe('error catalogue', () => {
  it.each(CODES)('%s has a Dutch and an English text', (code) => {
    const { nl, en } = ERROR_MESSAGES[code];
    expect(nl.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
  });

  it('fills placeholders from the details, with status labels', () => {
    expect(formatErrorMessage('ACTION.INVALID', 'nl', { field: 'percent', rule: '0 tot 100' })).toBe(
      'Ongeldige waarde voor percent: 0 tot 100.',
    );
    const error = new DomainError('ACTION.INVALID_STATUS_TRANSITION', {
      from: 'stopped',
      to: 'realised',
      allowed: ['not_started', 'in_progress'],
    });
    expect(localizeError(error)).toEqual({
      nl: 'De status kan niet van stopgezet naar gerealiseerd. Vanuit stopgezet kan enkel: niet gestart, lopend.',
      en: 'The status cannot change from stopped to realised. From stopped only these are allowed: not started, in progress.',
    });
  });

  it('leaves a placeholder without a detail visible rather than guessing', () => {
    expect(formatErrorMessage('PLAN.CODE_TAKEN', 'en')).toBe('The code {code} is already used in this plan.');
  });

  it('is an Error with a stable code and details', () => {
    const error = new DomainError('PLAN.CODE_TAKEN', { code: '1.1' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DomainError');
    expect(error.message).toBe('The code 1.1 is already used in this plan.');
  });
});

describe('ALL_EVENT_TYPES', () => {
  it('holds each event type once', () => {
    expect(new Set(ALL_EVENT_TYPES).size).toBe(ALL_EVENT_TYPES.length);
    // + 18 meeting events, + 6 signal events, + 4 plan-tree restructuring events, + ActionGoalChanged,
    // + 2 invitation events, + AuditTrailRead
    // + NodeReportingChanged and 6 indicator events (issue 16, codes), + 5 reporting-period events (issue 16, periods)
    expect(ALL_EVENT_TYPES).toHaveLength(50 + 18 + 6 + 4 + 1 + 2 + 1 + 7 + 5);
  });
});
