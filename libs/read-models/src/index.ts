// Read side (ARCHITECTURE.md "Read side"): projections from the global log, their read models, the queries.
export * from './projection/projection.js';
export * from './projection/projection-runner.js';
export * from './projection/leases.js';
export * from './projection/checkpoints.js';
export * from './projection/event-counter.js';
export * from './projection/wait-for-position.js';
export { TENANT_REPLAYS_TABLE, TENANT_REPLAY_LOCK_NAMESPACE } from './projection/tenant-replays.js';
export {
  RowSet,
  upsertRows,
  loadRowsByKeys,
  deleteRowsByKeys,
  type JsonRow,
  type Queryable,
} from './projection/sql.js';
export * from './projections.js';
export * from './projection/table.js';
export * from './tables.js';
export * from './migrations/index.js';
export * from './queries/snapshot.js';
export * from './plan-tree/query.js';
export * from './public-plan/query.js';
export * from './action-list/query.js';
export * from './dashboard/query.js';
export * from './action-history/query.js';
export * from './partners/query.js';
export * from './users/query.js';
export * from './tenants/query.js';
export * from './working-groups/query.js';
export * from './meetings/query.js';
export * from './signals/query.js';
export * from './indicators/query.js';
export * from './minutes/index.js';
export * from './access/query.js';
export * from './security-events/query.js';
export * from './queries/read-model-queries.js';
export * from './queries/read-floor.js';
export * from './create-runner.js';
export * from './meeting-feed/meeting-feed.query.js';
export * from './recent-changes/recent-changes.query.js';
export * from './audit-trail/index.js';
export * from './as-of/query.js';
export * from './plan-changes/query.js';
export * from './plan-changes/trend.js';
export * from './as-of/versions.js';
export * from './periods/query.js';
