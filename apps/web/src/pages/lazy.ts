import { lazy } from 'react';

/**
 * The signed-in pages, each in its own chunk (React.lazy): the login screen loads only the app shell, and the
 * dashboard's chart library arrives with the dashboard. The size budget lives in test/e2e/web-weight.e2e.spec.ts.
 */
export const DashboardPage = lazy(() => import('./Dashboard').then((m) => ({ default: m.DashboardPage })));
export const ActionsPage = lazy(() => import('./Actions').then((m) => ({ default: m.ActionsPage })));
export const ActionDetailPage = lazy(() =>
  import('./ActionDetail').then((m) => ({ default: m.ActionDetailPage })),
);
export const ChangesPage = lazy(() => import('./Changes').then((m) => ({ default: m.ChangesPage })));
export const SignalsPage = lazy(() => import('./Signals').then((m) => ({ default: m.SignalsPage })));
export const MeetingPage = lazy(() => import('./Meeting').then((m) => ({ default: m.MeetingPage })));
export const WorkingGroupsPage = lazy(() =>
  import('./WorkingGroups').then((m) => ({ default: m.WorkingGroupsPage })),
);
export const PublicPlanPage = lazy(() => import('./PublicPlan').then((m) => ({ default: m.PublicPlanPage })));
export const WorkingGroupPage = lazy(() =>
  import('./WorkingGroups').then((m) => ({ default: m.WorkingGroupPage })),
);
export const ImportPlanPage = lazy(() => import('./ImportPlan').then((m) => ({ default: m.ImportPlanPage })));
export const SetupWorkingGroupPage = lazy(() =>
  import('./SetupWorkingGroup').then((m) => ({ default: m.SetupWorkingGroupPage })),
);
export const SetupUsersPage = lazy(() =>
  import('./setup/SetupUsers').then((m) => ({ default: m.SetupUsersPage })),
);
export const SetupPartnersPage = lazy(() =>
  import('./setup/SetupPartners').then((m) => ({ default: m.SetupPartnersPage })),
);
export const EditWorkingGroupPage = lazy(() =>
  import('./setup/EditWorkingGroup').then((m) => ({ default: m.EditWorkingGroupPage })),
);
export const PlanTreePage = lazy(() =>
  import('./setup/PlanTreeEditor').then((m) => ({ default: m.PlanTreePage })),
);
export const FirstPlanTreePage = lazy(() =>
  import('./setup/PlanTreeEditor').then((m) => ({ default: m.FirstPlanTreePage })),
);
// notifications (issue 17): my list, my mail preference, the outbox for coordinators
export const NotificationsPage = lazy(() =>
  import('./Notifications').then((m) => ({ default: m.NotificationsPage })),
);
export const NotificationPreferencesPage = lazy(() =>
  import('./Notifications').then((m) => ({ default: m.NotificationPreferencesPage })),
);
export const SentMailsPage = lazy(() =>
  import('./Notifications').then((m) => ({ default: m.SentMailsPage })),
);
export const SentMailPage = lazy(() => import('./Notifications').then((m) => ({ default: m.SentMailPage })));
export const AuditPage = lazy(() => import('./Audit').then((m) => ({ default: m.AuditPage })));
// the plan cycle (issue 16): reporting periods with their report, and a lead's "my updates"
export const PeriodsPage = lazy(() => import('./Periods').then((m) => ({ default: m.PeriodsPage })));
export const MyUpdatesPage = lazy(() => import('./Periods').then((m) => ({ default: m.MyUpdatesPage })));
