import type { DecisionContext } from './event.js';

/**
 * The three pure functions of an aggregate, as one value, so the application can load, decide and append
 * with one generic handler for plans, actions and partners.
 */
export type Decider<State, Command, Event> = Readonly<{
  decide: (command: Command, state: State, ctx?: DecisionContext) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}>;

/** rebuilds a state from a stream's events */
export const fold = <State, Event>(
  decider: Pick<Decider<State, never, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State => events.reduce(decider.evolve, decider.initialState());
