export * from './identity-store.js';
export * from './passwords.js';
export * from './migrations/index.js';
