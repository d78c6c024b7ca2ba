export * from './config/config.js';
export * from './database/embedded-postgres.js';
export { embeddedClusterDir } from './database/postgres-user-place.js';
export * from './database/database.js';
export * from './database/migrations.js';
export * from './config/secrets.js';
export * from './database/resilience.js';
