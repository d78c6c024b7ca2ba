// The response types the api answers and the web app reads (type-only: nothing here exists at run time).
export type * from './position.js';
export type * from './actions.js';
export type * from './plans.js';
export type * from './public-plan.js';
export type * from './dashboard.js';
export type * from './history.js';
export type * from './partners.js';
export type * from './users.js';
export type * from './tenants.js';
export type * from './working-groups.js';
export type * from './security-events.js';
export type * from './signals.js';
export type * from './meetings.js';
export type * from './indicators.js';
export type * from './periods.js';
