import type { Projection } from './projection/projection.js';
import { actionHistoryProjection, type ActionHistoryOptions } from './action-history/projection.js';
import { actionListProjection } from './action-list/projection.js';
import { partnersProjection } from './partners/projection.js';
import { planTreeProjection } from './plan-tree/projection.js';
import { securityEventsProjection } from './security-events/projection.js';
import { tenantsProjection } from './tenants/projection.js';
import { usersProjection } from './users/projection.js';
import { workingGroupsProjection } from './working-groups/projection.js';
import { meetingsProjection } from './meetings/projection.js';
import { signalsProjection } from './signals/projection.js';
import { auditTrailProjection } from './audit-trail/projection.js';
import { indicatorsProjection } from './indicators/projection.js';
import { periodsProjection } from './periods/projection.js';

export * from './action-history/projection.js';
export * from './action-list/projection.js';
export * from './partners/projection.js';
export * from './plan-tree/projection.js';
export * from './security-events/projection.js';
export * from './tenants/projection.js';
export * from './users/projection.js';
export * from './working-groups/projection.js';
export * from './meetings/projection.js';
export * from './signals/projection.js';
export * from './indicators/projection.js';
export * from './periods/projection.js';

export interface ReadModelProjectionOptions {
  history?: ActionHistoryOptions;
}

/** Every projection of this library, in the order a rebuild applies them. */
export function createReadModelProjections(options: ReadModelProjectionOptions = {}): Projection[] {
  return [
    partnersProjection(),
    planTreeProjection(),
    actionListProjection(),
    actionHistoryProjection(options.history),
    tenantsProjection(),
    usersProjection(),
    workingGroupsProjection(),
    securityEventsProjection(),
    meetingsProjection(),
    signalsProjection(),
    auditTrailProjection(),
    indicatorsProjection(),
    periodsProjection(),
  ];
}
