/** The shape of a pure decider from libs/domain, as the write side runs it. */
export interface Decider<Command, State, Event extends { type: string; data: object }> {
  /** 'action' | 'plan' | 'partner': names the aggregate in error codes */
  name: string;
  streamId(id: string): string;
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, context: { now: string; actorId: string }): readonly Event[];
}
