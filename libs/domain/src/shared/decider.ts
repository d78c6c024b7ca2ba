import type { DecisionContext } from './event.js';

/**
 * One aggregate's rules as one value: its name (the prefix of its error codes, `ACTION.NOT_FOUND`), the
 * stream its events live in, and the three pure functions. The write side loads, decides and appends with
 * one generic handler for every aggregate (`loadAggregate` and `CommandExecutor` in libs/commands).
 */
export type Decider<State, Command, Event> = Readonly<{
  /** 'action' | 'plan' | 'working_group' …: names the aggregate in error codes (upper-cased) */
  name: string;
  /** the id of the stream that holds the events of the aggregate with this id */
  streamId: (id: string) => string;
  decide: (command: Command, state: State, ctx?: DecisionContext) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
  /**
   * The write side may keep this aggregate's folded state between commands and fold only the events that
   * followed (`loadAggregate`). Only for aggregates whose state holds no personal data: a kept state would
   * outlive an erasure. The plan opts in (its stream grows with every node and placement of the plan).
   */
  keepState?: boolean;
}>;

/** rebuilds a state from a stream's events */
export const fold = <State, Event>(
  decider: Pick<Decider<State, never, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State => events.reduce(decider.evolve, decider.initialState());
