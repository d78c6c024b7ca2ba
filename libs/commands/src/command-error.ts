/**
 * A command refused by the application (not by a decider): an unknown or foreign aggregate, a version
 * conflict, a reference to something that does not exist. Stable `code`, like DomainError's; the api maps
 * both to HTTP statuses by the code's form (docs/errors.md).
 */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const aggregateNotFound = (aggregate: string, id: string): CommandError =>
  new CommandError(`${aggregate.toUpperCase()}.NOT_FOUND`, `no ${aggregate} with id ${id}`);
