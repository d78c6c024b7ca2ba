import { expect } from '@jest/globals';
import type { Decider } from './decider.js';
import { DomainError, type DomainErrorCode, type DomainErrorDetails } from './domain-error.js';
import type { DecisionContext } from './event.js';

/** the context used by specs; deciders must not depend on it for their outcome unless a rule says so */
export const TEST_CONTEXT: DecisionContext = { now: '2024-03-01T09:00:00.000Z', actorId: 'user-coordinator' };

export type Spec<Command, Event> = (events: readonly Event[]) => {
  when: (command: Command) => {
    then: (expected: readonly Event[]) => void;
    thenThrows: (code: DomainErrorCode, details?: DomainErrorDetails) => DomainError;
  };
};

/**
 * given/when/then on events for one decider:
 * `given([ActionAdded]).when(ChangeActionStatus).then([ActionStatusChanged])`.
 * Only events are asserted; the state is an implementation detail of the decider.
 */
export function specFor<State, Command, Event>(
  decider: Decider<State, Command, Event>,
): Spec<Command, Event> {
  return (events) => ({
    when: (command) => {
      const run = (): Event[] => {
        const state = events.reduce(decider.evolve, decider.initialState());
        const produced = decider.decide(command, state, TEST_CONTEXT);
        // new events must also replay: a decider emitting an event its evolve cannot take is a defect
        produced.reduce(decider.evolve, state);
        return produced;
      };
      return {
        then: (expected) => {
          expect(run()).toEqual(expected);
        },
        thenThrows: (code, details) => {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(DomainError);
          const error = caught as DomainError;
          expect(error.code).toBe(code);
          if (details !== undefined) expect(error.details).toEqual(details);
          return error;
        },
      };
    },
  });
}
