// The audit trail read model (issue 18): every event of a tenant, filtered and paged by position.
export * from './row.js';
export * from './projection.js';
export * from './query.js';
