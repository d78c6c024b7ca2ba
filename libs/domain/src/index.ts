// The public surface of the domain: pure types and functions, no framework, no I/O.
export { assertNever, type Command, type DecisionContext, type Event } from './shared/event.js';
export { fold, type Decider } from './shared/decider.js';
export {
  DomainError,
  ERROR_MESSAGES,
  formatErrorMessage,
  localizeError,
  type DomainErrorCode,
  type DomainErrorDetails,
} from './shared/domain-error.js';
export {
  ACTION_STATUS_LABELS,
  LANGUAGES,
  LOGIN_FAILURE_LABELS,
  PARTNER_KIND_LABELS,
  SIGNAL_URGENCIES,
  URGENCY_LABELS,
  USER_ROLE_LABELS,
  WORKING_GROUP_ROLE_LABELS,
  type Language,
  type LocalizedText,
  type SignalUrgency,
} from './shared/labels.js';
export {
  ALL_EVENT_TYPES,
  isActionEvent,
  isDomainEventType,
  isIndicatorEvent,
  isMeetingEvent,
  isPartnerEvent,
  isPeriodEvent,
  isPlanEvent,
  isSignalEvent,
  isTenantEvent,
  isUserEvent,
  isWorkingGroupEvent,
  type DomainEvent,
  type DomainEventType,
} from './shared/domain-event.js';
export { changesOf, describeEvent } from './shared/describe.js';
export * from './shared/personal-data.js';
export * from './shared/free-text.js';
export { formatDate, type FieldChange, type NameLookup } from './shared/text.js';
export { naturalCompare, naturalSortKey } from './shared/natural-order.js';
export {
  BELGIAN_TIME_ZONE,
  belgianDateTime,
  belgianToday,
  endOfBelgianDay,
  parseAsOf,
} from './shared/belgian-date.js';

// action
export * from './action/action.events.js';
export * from './action/action.commands.js';
export * from './action/action.lifecycle.js';
export {
  evolve as evolveAction,
  initialState as initialActionState,
  type AbsentAction,
  type ActionData,
  type ActionState,
  type ActiveAction,
  type ArchivedAction,
} from './action/action.state.js';
export { actionDecider, decide as decideAction } from './action/action.decide.js';
export { actionChangesOf, describeActionEvent } from './action/action.describe.js';

// plan
export * from './plan/plan.events.js';
export * from './plan/plan.commands.js';
export {
  evolve as evolvePlan,
  goalsBelow,
  initialState as initialPlanState,
  type AbsentPlan,
  type ActionPlacement,
  type ActivePlan,
  type CodeOwner,
  type Goal,
  type PlanState,
  type Theme,
  bbcCodeKey,
  reportingOf,
} from './plan/plan.state.js';
export {
  BBC_CODE_PATTERN,
  MAX_NODE_WEIGHT,
  SUB_REPORTING_CODE_PATTERN,
  decide as decidePlan,
  placedActionsOf,
  planDecider,
} from './plan/plan.decide.js';
export { describePlanEvent, planChangesOf } from './plan/plan.describe.js';

// partner
export * from './partner/partner.events.js';
export * from './partner/partner.commands.js';
export {
  evolve as evolvePartner,
  initialState as initialPartnerState,
  type AbsentPartner,
  type ActivePartner,
  type MergedPartner,
  type PartnerData,
  type PartnerState,
} from './partner/partner.state.js';
export { decide as decidePartner, partnerDecider } from './partner/partner.decide.js';
export { describePartnerEvent, partnerChangesOf } from './partner/partner.describe.js';

// tenant
export * from './tenant/tenant.events.js';
export * from './tenant/tenant.commands.js';
export {
  evolve as evolveTenant,
  initialState as initialTenantState,
  type AbsentTenant,
  type ActiveTenant,
  type TenantState,
} from './tenant/tenant.state.js';
export { decide as decideTenant, tenantDecider } from './tenant/tenant.decide.js';
export {
  describeTenantEvent,
  ERASURE_GROUND_LABELS,
  ERASURE_KIND_LABELS,
  tenantChangesOf,
} from './tenant/tenant.describe.js';

// user
export * from './user/user.events.js';
export * from './user/user.commands.js';
export {
  evolve as evolveUser,
  initialState as initialUserState,
  type AbsentUser,
  type DisabledUser,
  type EnabledUser,
  type UserData,
  type UserState,
} from './user/user.state.js';
export { decide as decideUser, normalizeEmail, userDecider } from './user/user.decide.js';
export { describeUserEvent, userChangesOf } from './user/user.describe.js';

// working group
export * from './working-group/working-group.events.js';
export * from './working-group/working-group.commands.js';
export {
  evolve as evolveWorkingGroup,
  initialState as initialWorkingGroupState,
  type AbsentWorkingGroup,
  type ActiveWorkingGroup,
  type ArchivedWorkingGroup,
  type WorkingGroupData,
  type WorkingGroupMember,
  type WorkingGroupState,
} from './working-group/working-group.state.js';
export { decide as decideWorkingGroup, workingGroupDecider } from './working-group/working-group.decide.js';
export { describeWorkingGroupEvent, workingGroupChangesOf } from './working-group/working-group.describe.js';
export { isActionInScope, type ScopedAction } from './working-group/working-group.scope.js';

// meeting
export * from './meeting/meeting.events.js';
export * from './meeting/meeting.commands.js';
export {
  evolve as evolveMeeting,
  initialState as initialMeetingState,
  type AbsentMeeting,
  type KnownMeeting,
  type MeetingAgendaItem,
  type MeetingAttendee,
  type MeetingData,
  type MeetingProposal,
  type MeetingRound,
  type MeetingState,
} from './meeting/meeting.state.js';
export {
  decide as decideMeeting,
  isDateOnly,
  isoInstant,
  meetingStart,
  meetingDecider,
  MEETING_TRANSITIONS,
} from './meeting/meeting.decide.js';
export { pointsOf, rankScores, tally, type RoundRules } from './meeting/meeting.tally.js';
export {
  AGENDA_ITEM_KIND_LABELS,
  ATTENDANCE_LABELS,
  MEETING_STATUS_LABELS,
  describeMeetingEvent,
  formatMeetingTime,
  meetingChangesOf,
} from './meeting/meeting.describe.js';

// signal
export * from './signal/signal.events.js';
export * from './signal/signal.commands.js';
export * from './signal/signal.lifecycle.js';
export {
  evolve as evolveSignal,
  initialState as initialSignalState,
  type AbsentSignal,
  type KnownSignal,
  type SignalData,
  type SignalState,
} from './signal/signal.state.js';
export { decide as decideSignal, signalDecider } from './signal/signal.decide.js';
export { SIGNAL_STATUS_LABELS, describeSignalEvent, signalChangesOf } from './signal/signal.describe.js';

// indicator
export * from './indicator/indicator.events.js';
export * from './indicator/indicator.commands.js';
export * from './indicator/indicator.status.js';
export {
  evolve as evolveIndicator,
  initialState as initialIndicatorState,
  type AbsentIndicator,
  type IndicatorData,
  type IndicatorState,
  type KnownIndicator,
} from './indicator/indicator.state.js';
export { decide as decideIndicator, indicatorDecider } from './indicator/indicator.decide.js';
export {
  INDICATOR_DIRECTION_LABELS,
  describeIndicatorEvent,
  formatNumber,
  indicatorChangesOf,
} from './indicator/indicator.describe.js';
// reporting period (the plan cycle: docs/plan-cycle.md)
export * from './period/period.events.js';
export * from './period/period.commands.js';
export {
  evolve as evolvePeriod,
  initialState as initialPeriodState,
  type AbsentPeriod,
  type KnownPeriod,
  type PeriodRound,
  type PeriodState,
  type PeriodUpdate,
} from './period/period.state.js';
export { decide as decidePeriod, periodDecider } from './period/period.decide.js';
export {
  PERIOD_KIND_LABELS,
  PERIOD_SCOPE_LABELS,
  describePeriodEvent,
  periodChangesOf,
  periodDates,
} from './period/period.describe.js';
export { belgianDayEnd, belgianDayStart } from './period/period.dates.js';
