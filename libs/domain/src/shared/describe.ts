import { actionChangesOf, describeActionEvent } from '../action/action.describe.js';
import { describePartnerEvent, partnerChangesOf } from '../partner/partner.describe.js';
import { describePlanEvent, planChangesOf } from '../plan/plan.describe.js';
import { describeTenantEvent, tenantChangesOf } from '../tenant/tenant.describe.js';
import { describeUserEvent, userChangesOf } from '../user/user.describe.js';
import { describeWorkingGroupEvent, workingGroupChangesOf } from '../working-group/working-group.describe.js';
import { describeMeetingEvent, meetingChangesOf } from '../meeting/meeting.describe.js';
import { describeSignalEvent, signalChangesOf } from '../signal/signal.describe.js';
import { describeIndicatorEvent, indicatorChangesOf } from '../indicator/indicator.describe.js';
import { describePeriodEvent, periodChangesOf } from '../period/period.describe.js';
import {
  isActionEvent,
  isIndicatorEvent,
  isMeetingEvent,
  isPartnerEvent,
  isPeriodEvent,
  isPlanEvent,
  isSignalEvent,
  isTenantEvent,
  isUserEvent,
  type DomainEvent,
} from './domain-event.js';
import type { LocalizedText } from './labels.js';
import type { FieldChange, NameLookup } from './text.js';

/**
 * A readable one-line summary of any domain event, in Dutch and English. Names come from `names` (a read
 * model); an id without a known name is shown as is, so a summary never fails.
 */
export function describeEvent(event: DomainEvent, names?: NameLookup): LocalizedText {
  if (isPlanEvent(event)) return describePlanEvent(event, names);
  if (isActionEvent(event)) return describeActionEvent(event, names);
  if (isPartnerEvent(event)) return describePartnerEvent(event, names);
  if (isTenantEvent(event)) return describeTenantEvent(event);
  if (isUserEvent(event)) return describeUserEvent(event, names);
  if (isMeetingEvent(event)) return describeMeetingEvent(event, names);
  if (isSignalEvent(event)) return describeSignalEvent(event, names);
  if (isIndicatorEvent(event)) return describeIndicatorEvent(event);
  if (isPeriodEvent(event)) return describePeriodEvent(event);
  return describeWorkingGroupEvent(event, names);
}

/** The fields an event changed, with the value before (null when new) and after. */
export function changesOf(event: DomainEvent): FieldChange[] {
  if (isPlanEvent(event)) return planChangesOf(event);
  if (isActionEvent(event)) return actionChangesOf(event);
  if (isPartnerEvent(event)) return partnerChangesOf(event);
  if (isTenantEvent(event)) return tenantChangesOf(event);
  if (isUserEvent(event)) return userChangesOf(event);
  if (isMeetingEvent(event)) return meetingChangesOf(event);
  if (isSignalEvent(event)) return signalChangesOf(event);
  if (isIndicatorEvent(event)) return indicatorChangesOf(event);
  if (isPeriodEvent(event)) return periodChangesOf(event);
  return workingGroupChangesOf(event);
}
