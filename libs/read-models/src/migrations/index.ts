import type { MigrationInterface } from 'typeorm';
import { runMigrations } from '#platform';
import { ReadModels1767225700000 } from './1767225700000-read-models.js';
import { AccessReadModels1767225800000 } from './1767225800000-access-read-models.js';
import { MeetingReadModels1767225900000 } from './1767225900000-meeting-read-models.js';
import { SignalReadModels1767226000000 } from './1767226000000-signal-read-models.js';
import { PlanPublication1767226100000 } from './1767226100000-plan-publication.js';
import { AuditTrail1767226370000 } from './1767226370000-audit-trail.js';
import { RowVersions1767227000000 } from './1767227000000-row-versions.js';
import { PlanReporting1767227100000 } from './1767227100000-plan-reporting.js';
import { ReportingPeriods1767227200000 } from './1767227200000-reporting-periods.js';
import { ActionChanges1767227300000 } from './1767227300000-action-changes.js';
import { PeriodUpdateVersions1767227800000 } from './1767227800000-period-update-versions.js';
import { TenantReplays1767227900000 } from './1767227900000-tenant-replays.js';

export { ReadModels1767225700000 } from './1767225700000-read-models.js';
export { AccessReadModels1767225800000 } from './1767225800000-access-read-models.js';
export { MeetingReadModels1767225900000 } from './1767225900000-meeting-read-models.js';
export { SignalReadModels1767226000000 } from './1767226000000-signal-read-models.js';
export { PlanPublication1767226100000 } from './1767226100000-plan-publication.js';
export { AuditTrail1767226370000 } from './1767226370000-audit-trail.js';
export { RowVersions1767227000000 } from './1767227000000-row-versions.js';
export { PlanReporting1767227100000 } from './1767227100000-plan-reporting.js';
export { ReportingPeriods1767227200000 } from './1767227200000-reporting-periods.js';
export { ActionChanges1767227300000 } from './1767227300000-action-changes.js';
export { PeriodUpdateVersions1767227800000 } from './1767227800000-period-update-versions.js';
export { TenantReplays1767227900000 } from './1767227900000-tenant-replays.js';

/** The read models' schema, oldest first; add them to any TypeORM DataSource that owns the database. */
export const READ_MODEL_MIGRATIONS: ReadonlyArray<new () => MigrationInterface> = [
  ReadModels1767225700000,
  AccessReadModels1767225800000,
  MeetingReadModels1767225900000,
  SignalReadModels1767226000000,
  PlanPublication1767226100000,
  AuditTrail1767226370000,
  RowVersions1767227000000,
  PlanReporting1767227100000,
  ReportingPeriods1767227200000,
  ActionChanges1767227300000,
  PeriodUpdateVersions1767227800000,
  TenantReplays1767227900000,
];

export interface ReadModelMigrationOptions {
  /** TypeORM's bookkeeping table (default `migrations`, shared with the event store's migrations) */
  migrationsTableName?: string;
}

/**
 * Runs the pending read-model migrations against `url` (start-up, CLI, tests), each in its own
 * transaction, under the shared migration lock. Returns the names of the migrations it ran.
 */
export function runReadModelMigrations(
  url: string,
  options: ReadModelMigrationOptions = {},
): Promise<string[]> {
  return runMigrations(url, READ_MODEL_MIGRATIONS, options);
}
