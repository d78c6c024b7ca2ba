// Read side (ARCHITECTURE.md "Read side"): projections from the global log, their read models, the queries.
export * from './projection/projection.js';
export * from './projection/projection-runner.js';
export * from './projection/leases.js';
export * from './projection/checkpoints.js';
export * from './projection/event-counter.js';
export * from './projection/wait-for-position.js';
export {
  RowSet,
  upsertRows,
  loadRowsByKeys,
  deleteRowsByKeys,
  type JsonRow,
  type Queryable,
} from './projection/sql.js';
export * from './projections/index.js';
export * from './entities/index.js';
export * from './migrations/index.js';
export * from './queries/snapshot.js';
export * from './queries/plan-queries.js';
export * from './queries/public-queries.js';
export * from './queries/action-queries.js';
export * from './queries/dashboard-queries.js';
export * from './queries/history-queries.js';
export * from './queries/partner-queries.js';
export * from './queries/user-queries.js';
export * from './queries/working-group-queries.js';
export * from './queries/meeting-queries.js';
export * from './queries/signal-queries.js';
export * from './minutes/index.js';
export * from './queries/access-queries.js';
export * from './queries/security-event-queries.js';
export * from './queries/read-model-queries.js';
export * from './create-runner.js';
export * from './audit-trail/index.js';
