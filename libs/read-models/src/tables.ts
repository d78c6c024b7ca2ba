import { actionHistorySignalsTable, actionHistoryTable, historyNamesTable } from './action-history/row.js';
import { actionSectionsTable, actionsTable } from './action-list/row.js';
import { rowVersionKeysTable, rowVersionsTable } from './as-of/row.js';
import { actionChangesTable } from './plan-changes/row.js';
import { auditTrailClockTable, auditTrailSectionsTable, auditTrailTable } from './audit-trail/row.js';
import { indicatorMeasurementsTable, indicatorsTable } from './indicators/row.js';
import { meetingMinutesTable, meetingsTable } from './meetings/row.js';
import { partnersTable } from './partners/row.js';
import { planActionsTable, planSectionsTable, plansTable } from './plan-tree/row.js';
import { checkpointsTable } from './projection/checkpoints.js';
import { tenantReplaysTable } from './projection/tenant-replays.js';
import type { Table } from './projection/table.js';
import { securityEventsTable } from './security-events/row.js';
import { signalHistoryTable, signalsTable } from './signals/row.js';
import {
  periodFrozenActionsTable,
  periodRoundRequestsTable,
  periodsTable,
  periodUpdatesTable,
} from './periods/row.js';
import { tenantsTable } from './tenants/row.js';
import { usersTable } from './users/row.js';
import { workingGroupMembersTable, workingGroupsTable } from './working-groups/row.js';

/**
 * Every table of the read side as its slice declares it (the row types derive from these declarations);
 * `test/schema.int.spec.ts` holds them equal to what the migrations create.
 */
export const READ_MODEL_TABLES: readonly Table[] = [
  checkpointsTable,
  tenantReplaysTable,
  partnersTable,
  plansTable,
  planSectionsTable,
  planActionsTable,
  actionSectionsTable,
  actionsTable,
  actionHistoryTable,
  historyNamesTable,
  actionHistorySignalsTable,
  tenantsTable,
  usersTable,
  workingGroupsTable,
  workingGroupMembersTable,
  securityEventsTable,
  meetingsTable,
  meetingMinutesTable,
  signalsTable,
  signalHistoryTable,
  auditTrailTable,
  auditTrailClockTable,
  auditTrailSectionsTable,
  rowVersionsTable,
  rowVersionKeysTable,
  actionChangesTable,
  indicatorsTable,
  indicatorMeasurementsTable,
  periodsTable,
  periodFrozenActionsTable,
  periodRoundRequestsTable,
  periodUpdatesTable,
];
