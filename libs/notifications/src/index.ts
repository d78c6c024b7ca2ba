// The notification outbox (docs/notifications.md): what is sent to whom, and the sender that delivers it.
export * from './events.js';
export * from './migration.js';
export * from './outbox.projection.js';
export * from './templates.js';
export * from './ics.js';
export * from './unsubscribe-token.js';
export * from './invitation-token.js';
export * from './sender.js';
export * from './jobs.js';
export * from './queries.js';
export * from './update-rounds.js';
