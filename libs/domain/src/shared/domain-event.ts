import { ACTION_EVENT_TYPES, type ActionEvent } from '../action/action.events.js';
import { PARTNER_EVENT_TYPES, type PartnerEvent } from '../partner/partner.events.js';
import { PLAN_EVENT_TYPES, type PlanEvent } from '../plan/plan.events.js';
import { TENANT_EVENT_TYPES, type TenantEvent } from '../tenant/tenant.events.js';
import { USER_EVENT_TYPES, type UserEvent } from '../user/user.events.js';
import { WORKING_GROUP_EVENT_TYPES, type WorkingGroupEvent } from '../working-group/working-group.events.js';
import { MEETING_EVENT_TYPES, type MeetingEvent } from '../meeting/meeting.events.js';
import { SIGNAL_EVENT_TYPES, type SignalEvent } from '../signal/signal.events.js';
import { INDICATOR_EVENT_TYPES, type IndicatorEvent } from '../indicator/indicator.events.js';
import { PERIOD_EVENT_TYPES, type PeriodEvent } from '../period/period.events.js';

export type DomainEvent =
  | PlanEvent
  | ActionEvent
  | PartnerEvent
  | TenantEvent
  | UserEvent
  | WorkingGroupEvent
  | MeetingEvent
  | SignalEvent
  | IndicatorEvent
  | PeriodEvent;
export type DomainEventType = DomainEvent['type'];

export const ALL_EVENT_TYPES = [
  ...PLAN_EVENT_TYPES,
  ...ACTION_EVENT_TYPES,
  ...PARTNER_EVENT_TYPES,
  ...TENANT_EVENT_TYPES,
  ...USER_EVENT_TYPES,
  ...WORKING_GROUP_EVENT_TYPES,
  ...MEETING_EVENT_TYPES,
  ...SIGNAL_EVENT_TYPES,
  ...INDICATOR_EVENT_TYPES,
  ...PERIOD_EVENT_TYPES,
] as const satisfies readonly DomainEventType[];

const isOneOf = (types: readonly string[], event: DomainEvent): boolean => types.includes(event.type);

export const isPlanEvent = (event: DomainEvent): event is PlanEvent => isOneOf(PLAN_EVENT_TYPES, event);
export const isActionEvent = (event: DomainEvent): event is ActionEvent => isOneOf(ACTION_EVENT_TYPES, event);
export const isPartnerEvent = (event: DomainEvent): event is PartnerEvent =>
  isOneOf(PARTNER_EVENT_TYPES, event);
export const isTenantEvent = (event: DomainEvent): event is TenantEvent => isOneOf(TENANT_EVENT_TYPES, event);
export const isUserEvent = (event: DomainEvent): event is UserEvent => isOneOf(USER_EVENT_TYPES, event);
export const isWorkingGroupEvent = (event: DomainEvent): event is WorkingGroupEvent =>
  isOneOf(WORKING_GROUP_EVENT_TYPES, event);
export const isMeetingEvent = (event: DomainEvent): event is MeetingEvent =>
  isOneOf(MEETING_EVENT_TYPES, event);
export const isSignalEvent = (event: DomainEvent): event is SignalEvent => isOneOf(SIGNAL_EVENT_TYPES, event);
export const isIndicatorEvent = (event: DomainEvent): event is IndicatorEvent =>
  isOneOf(INDICATOR_EVENT_TYPES, event);
export const isPeriodEvent = (event: DomainEvent): event is PeriodEvent => isOneOf(PERIOD_EVENT_TYPES, event);

/** true for any string an event store may hand back, so stored rows can be checked before use */
export const isDomainEventType = (type: string): type is DomainEventType =>
  (ALL_EVENT_TYPES as readonly string[]).includes(type);
