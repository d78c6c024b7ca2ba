/** A domain event as the deciders produce it: a literal type and readonly data. Ids and metadata are added by the application. */
export type Event<Type extends string = string, Data extends object = object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/** A command: a literal type and readonly data. The actor, time and ids come in the data or the context. */
export type Command<Type extends string = string, Data extends object = object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/** What a decider needs from the outside world, passed in explicitly (no globals). */
export interface DecisionContext {
  /** ISO-8601 instant of the decision */
  now: string;
  actorId: string;
}

/** Compile-time exhaustiveness check for `switch` over a union. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
