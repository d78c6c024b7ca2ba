import { describe, expect, it } from '@jest/globals';
import { READ_MODEL_TABLES, createReadModelProjections, type Projection } from '#read-models';
import { CheckpointMovedError } from '../src/projection/batch-commit.js';
import { secondaryIndexesOf } from '../src/projection/indexes.js';
import { RetryPolicy } from '../src/projection/retry.js';
import { createWorker, silentLogger } from '../src/projection/worker.js';

const projection = (name: string, tables: string[]): Projection => ({
  name,
  eventTypes: [],
  tables,
  apply: () => Promise.resolve(),
  truncate: () => Promise.resolve(),
});

describe('RetryPolicy', () => {
  const policy = new RetryPolicy({ retryDelayMs: 100, maxRetryDelayMs: 30_000 }, silentLogger);
  const worker = createWorker(projection('p', []));

  it('doubles the pause per failure up to the maximum', () => {
    const delays = [1, 2, 3, 4, 12].map((failures) => {
      worker.failures = failures;
      return policy.delayFor(worker, new Error('boom'));
    });
    expect(delays).toEqual([100, 200, 400, 800, 30_000]);
  });

  it('retries at least every 5 s while the database is unreachable, at once after a moved checkpoint', () => {
    worker.failures = 12;
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(policy.delayFor(worker, refused)).toBe(5_000);
    expect(policy.delayFor(worker, new CheckpointMovedError('p', '0'))).toBe(20);
  });
});

describe('secondaryIndexesOf', () => {
  it('answers only the queriesOnly indexes of the tables the projections write', () => {
    const all = secondaryIndexesOf(READ_MODEL_TABLES, createReadModelProjections());
    expect(all.map((index) => index.name).sort()).toEqual([
      'rm_action_changes_range_idx',
      'rm_action_changes_status_idx',
      'rm_audit_trail_action_idx',
      'rm_audit_trail_actor_idx',
      'rm_audit_trail_kind_idx',
      'rm_audit_trail_meeting_idx',
      'rm_audit_trail_seen_idx',
      'rm_audit_trail_theme_idx',
    ]);
    // the audit trail and the change rows only serve queries: the projections that write them never read them
    expect([...new Set(all.map((index) => index.table))].sort()).toEqual([
      'rm_action_changes',
      'rm_audit_trail',
    ]);
    // the action history reads its own index while it applies: never dropped
    expect(secondaryIndexesOf(READ_MODEL_TABLES, [projection('h', ['rm_action_history'])])).toEqual([]);
    expect(secondaryIndexesOf(READ_MODEL_TABLES, [projection('x', ['rm_actions'])])).toEqual([]);
  });
});
