import type { Decider } from '#domain';
import {
  WrongExpectedVersionError,
  type EventMetadata,
  type EventStore,
  type StoredEvent,
} from '#event-store';
import { CommandError } from './command-error.js';
import type { CommandContext, WriteResult } from './command-context.js';
import { eventIds } from './event-ids.js';
import { toHistoryEntry } from './history-entry.js';
import { loadAggregate } from './load-aggregate.js';
import { streamQueueOf } from './stream-queue.js';

/** attempts of a write without a client version before it answers a conflict (each on a fresh read) */
const MAX_ATTEMPTS = 12;
/** the longest pause between two attempts; the pauses are random (full jitter) so racing writers spread */
const MAX_BACKOFF_MS = 120;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** full-jitter exponential back-off: a random pause up to 4, 8, 16… ms, at most MAX_BACKOFF_MS */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(MAX_BACKOFF_MS, 4 * 2 ** attempt));
}

/** The events a domain decider produces: a literal type and an object of data. */
type DomainEventShape = { type: string; data: object };

/**
 * Runs one command against one aggregate: `loadAggregate` (read its stream in the caller's tenant, fold it
 * with `evolve`), `decide`, append with the version that was read. Without a client-sent expected version a
 * write is "last writer wins on this field": a concurrent write is retried on a fresh read after a jittered back-off (a bounded number of
 * times); with one, a mismatch is a 409 carrying what the client missed. Writes to one stream from this
 * process take turns (`StreamQueue`): only writers in other processes can conflict.
 */
export class CommandExecutor {
  constructor(private readonly store: EventStore) {}

  async execute<S, C, E extends DomainEventShape>(
    decider: Decider<S, C, E>,
    aggregateId: string,
    command: C,
    context: CommandContext,
    expectedVersion?: number,
    /**
     * Checks of references to other aggregates, run once the aggregate is known to be the caller's (so a
     * foreign id answers 404 before anything about its references). May return the command completed with
     * what it looked up.
     */
    check?: () => Promise<C | void>,
  ): Promise<WriteResult> {
    const streamId = decider.streamId(aggregateId);
    return streamQueueOf(this.store).run(streamId, () =>
      this.executeInTurn(decider, aggregateId, streamId, command, context, expectedVersion, check),
    );
  }

  private async executeInTurn<S, C, E extends DomainEventShape>(
    decider: Decider<S, C, E>,
    aggregateId: string,
    streamId: string,
    command: C,
    context: CommandContext,
    expectedVersion: number | undefined,
    check: (() => Promise<C | void>) | undefined,
  ): Promise<WriteResult> {
    for (let attempt = 1; ; attempt++) {
      // another tenant's aggregate is not found for this caller (never 403: that would confirm it exists)
      const { state, version, events: history } = await this.load(decider, aggregateId, context);
      if (attempt === 1 && check) command = (await check()) ?? command;
      const earlier = this.earlierResult(history, streamId, aggregateId, context);
      if (earlier) return earlier;

      if (expectedVersion !== undefined && expectedVersion !== version) {
        throw versionConflict(decider.name, aggregateId, expectedVersion, version, history);
      }
      const decided = decider.decide(command, state, { now: context.now, actorId: context.actorId });
      if (decided.length === 0) {
        return {
          id: aggregateId,
          version,
          position: history.at(-1)?.position ?? (await this.store.headPosition()),
          duplicate: false,
        };
      }
      const newIds = eventIds(decided.length, { ...context, streamId });
      try {
        const result = await this.store.appendToStream(
          streamId,
          decided.map((event, index) => ({
            id: newIds[index]!,
            type: event.type,
            data: event.data,
            metadata: metadataOf(context),
          })),
          version === 0 ? 'no_stream' : version,
        );
        if (result.duplicate) {
          // a concurrent request with the same key wrote first (the store kept its events): answer its
          // result only when it was the same request
          const { events } = await this.load(decider, aggregateId, context);
          const earlier = this.earlierResult(events, streamId, aggregateId, context);
          if (earlier) return earlier;
        }
        return {
          id: aggregateId,
          version: result.version,
          position: result.position,
          duplicate: result.duplicate,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (expectedVersion !== undefined || attempt >= MAX_ATTEMPTS) {
          const { events } = await this.load(decider, aggregateId, context);
          throw versionConflict(decider.name, aggregateId, expectedVersion ?? version, error.actual, events);
        }
        await pause(backoffMs(attempt));
      }
    }
  }

  /**
   * Runs several commands on one aggregate as one write: each is decided on the state the ones before it
   * left (folded with `evolve`), and all their events are appended together with the version that was read
   * (one read, one append). All or nothing: a refusal of any command writes none. For callers that make
   * several changes to one aggregate at one moment (the demo clock's rounds); a concurrent write is retried
   * on a fresh read like `execute`. No client version and no Idempotency-Key: a batch is not a request.
   */
  async executeAll<S, C, E extends DomainEventShape>(
    decider: Decider<S, C, E>,
    aggregateId: string,
    commands: readonly C[],
    context: CommandContext,
  ): Promise<WriteResult> {
    if (context.idempotencyKey !== null) throw new Error('executeAll takes no Idempotency-Key');
    const streamId = decider.streamId(aggregateId);
    return streamQueueOf(this.store).run(streamId, () =>
      this.executeAllInTurn(decider, aggregateId, streamId, commands, context),
    );
  }

  private async executeAllInTurn<S, C, E extends DomainEventShape>(
    decider: Decider<S, C, E>,
    aggregateId: string,
    streamId: string,
    commands: readonly C[],
    context: CommandContext,
  ): Promise<WriteResult> {
    for (let attempt = 1; ; attempt++) {
      const { state, version, events: history } = await this.load(decider, aggregateId, context);
      let current = state;
      const decided: E[] = [];
      for (const command of commands) {
        for (const event of decider.decide(command, current, {
          now: context.now,
          actorId: context.actorId,
        })) {
          current = decider.evolve(current, event);
          decided.push(event);
        }
      }
      if (decided.length === 0) {
        const position = history.at(-1)?.position ?? (await this.store.headPosition());
        return { id: aggregateId, version, position, duplicate: false };
      }
      const newIds = eventIds(decided.length, { ...context, streamId });
      try {
        const result = await this.store.appendToStream(
          streamId,
          decided.map((event, index) => ({
            id: newIds[index]!,
            type: event.type,
            data: event.data,
            metadata: metadataOf(context),
          })),
          version === 0 ? 'no_stream' : version,
        );
        return { id: aggregateId, version: result.version, position: result.position, duplicate: false };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
        await pause(backoffMs(attempt));
      }
    }
  }

  /**
   * Decides the command on the aggregate as it is now, without writing: throws what `execute` would refuse
   * with (a foreign aggregate's 404, the decider's rule, a reused Idempotency-Key), or answers the first
   * result when the request is a retry that wrote already. For use cases writing to several streams, so
   * that a refusal of the last step happens before the first one wrote anything.
   */
  async decideOnly<S, C, E extends DomainEventShape>(
    decider: Decider<S, C, E>,
    aggregateId: string,
    command: C,
    context: CommandContext,
  ): Promise<WriteResult | null> {
    const { state, events } = await this.load(decider, aggregateId, context);
    const earlier = this.earlierResult(events, decider.streamId(aggregateId), aggregateId, context);
    if (earlier) return earlier;
    decider.decide(command, state, { now: context.now, actorId: context.actorId });
    return null;
  }

  /**
   * The first result of this request when it is a retry (its Idempotency-Key already wrote to the
   * aggregate's stream), without writing; null when it is not. A 404 for another tenant's aggregate, and
   * IDEMPOTENCY.KEY_REUSED when the key was used for another request. For use cases that must know before
   * they write to a second stream.
   */
  async previousResult<S, C, E extends DomainEventShape>(
    decider: Decider<S, C, E>,
    aggregateId: string,
    context: CommandContext,
  ): Promise<WriteResult | null> {
    if (!context.idempotencyKey) return null;
    const { events } = await this.load(decider, aggregateId, context);
    return this.earlierResult(events, decider.streamId(aggregateId), aggregateId, context);
  }

  private load<S, C, E>(decider: Decider<S, C, E>, aggregateId: string, context: CommandContext) {
    return loadAggregate(this.store, decider, aggregateId, context.tenantId);
  }

  private earlierResult(
    history: readonly StoredEvent[],
    streamId: string,
    aggregateId: string,
    context: CommandContext,
  ): WriteResult | null {
    if (!context.idempotencyKey) return null;
    const firstId = eventIds(1, { ...context, streamId })[0]!;
    const first = history.find((event) => event.id === firstId);
    if (!first) return null;
    const recorded = first.metadata.requestHash;
    if (typeof recorded === 'string' && context.requestHash && recorded !== context.requestHash)
      throw keyReused(context.idempotencyKey);
    const earlier = firstWriteOf(history, firstId)!;
    return { id: aggregateId, version: earlier.version, position: earlier.position, duplicate: true };
  }
}

/** The metadata every event of a write carries: who, when, why (and the demo clock's mark on demo history). */
function metadataOf(context: CommandContext): EventMetadata {
  return {
    actorId: context.actorId,
    tenantId: context.tenantId,
    correlationId: context.correlationId,
    causationId: context.causationId,
    occurredAt: context.now,
    meetingId: context.meetingId,
    idempotencyKey: context.idempotencyKey,
    ...(context.idempotencyKey && context.requestHash ? { requestHash: context.requestHash } : {}),
    ...(context.demoClock ? { demoClock: true } : {}),
  };
}

export function keyReused(key: string): CommandError {
  return new CommandError(
    'IDEMPOTENCY.KEY_REUSED',
    `Idempotency-Key ${key} was already used for another request (another route or body); use a new key`,
    { header: 'idempotency-key' },
  );
}

/** The result of the first write of a retried request: its first event id is in the stream already. */
function firstWriteOf(
  history: readonly StoredEvent[],
  firstId: string,
): { version: number; position: string } | null {
  const index = history.findIndex((event) => event.id === firstId);
  if (index < 0) return null;
  const key = history[index]!.metadata.idempotencyKey;
  let last = history[index]!;
  for (const event of history.slice(index + 1)) {
    if (event.metadata.idempotencyKey !== key || event.metadata.correlationId !== last.metadata.correlationId)
      break;
    last = event;
  }
  return { version: last.version, position: last.position };
}

function versionConflict(
  aggregate: string,
  id: string,
  expected: number,
  currentVersion: number,
  history: readonly StoredEvent[],
): CommandError {
  return new CommandError(
    `${aggregate.toUpperCase()}.VERSION_CONFLICT`,
    `${aggregate} ${id} is at version ${currentVersion}, not ${expected}: it was changed meanwhile`,
    {
      expectedVersion: expected,
      currentVersion,
      missedEvents: history.filter((e) => e.version > expected).map(toHistoryEntry),
    },
  );
}
