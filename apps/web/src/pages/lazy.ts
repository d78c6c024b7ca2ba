import { lazy } from 'react';
import { loadTexts, type Area } from '../i18n';

/**
 * A page's module and the text areas it shows (apps/web/src/i18n/nl/<area>.ts), fetched side by side: the page
 * renders once both are in, so it never shows a raw key. The dictionaries unit test checks that every key a page
 * (and what it imports) uses is in the core texts or in one of its areas.
 */
function withTexts<M>(areas: readonly Area[], page: Promise<M>): Promise<M> {
  return Promise.all([page, loadTexts(areas)]).then(([module]) => module);
}

/**
 * The signed-in pages, each in its own chunk (React.lazy): the login screen loads only the app shell, and the
 * dashboard's chart library arrives with the dashboard; each page brings its texts (withTexts). The size budget
 * lives in test/e2e/web-weight.e2e.spec.ts.
 */
export const DashboardPage = lazy(() =>
  withTexts(['dashboard', 'asOf', 'public', 'reporting', 'actions'], import('./Dashboard')).then((m) => ({
    default: m.DashboardPage,
  })),
);
export const ActionsPage = lazy(() =>
  withTexts(['actions', 'asOf', 'reporting'], import('./Actions')).then((m) => ({ default: m.ActionsPage })),
);
export const ActionDetailPage = lazy(() =>
  withTexts(['action', 'actions', 'asOf', 'audit', 'reporting', 'signals'], import('./ActionDetail')).then(
    (m) => ({
      default: m.ActionDetailPage,
    }),
  ),
);
export const ChangesPage = lazy(() =>
  withTexts(['changes'], import('./Changes')).then((m) => ({ default: m.ChangesPage })),
);
export const SignalsPage = lazy(() =>
  withTexts(['signals', 'action', 'audit', 'asOf'], import('./Signals')).then((m) => ({
    default: m.SignalsPage,
  })),
);
export const MeetingPage = lazy(() =>
  withTexts(
    ['meeting', 'dashboard', 'asOf', 'audit', 'public', 'reporting', 'actions', 'action', 'signals'],
    import('./Meeting'),
  ).then((m) => ({ default: m.MeetingPage })),
);
export const WorkingGroupsPage = lazy(() =>
  withTexts(['groups', 'actions', 'meeting', 'signals', 'setup'], import('./WorkingGroups')).then((m) => ({
    default: m.WorkingGroupsPage,
  })),
);
export const PublicPlanPage = lazy(() =>
  withTexts(['public'], import('./PublicPlan')).then((m) => ({ default: m.PublicPlanPage })),
);
export const WorkingGroupPage = lazy(() =>
  withTexts(['groups', 'actions', 'meeting', 'signals', 'setup'], import('./WorkingGroups')).then((m) => ({
    default: m.WorkingGroupPage,
  })),
);
export const ImportPlanPage = lazy(() =>
  withTexts(['importWizard'], import('./ImportPlan')).then((m) => ({ default: m.ImportPlanPage })),
);
export const SetupWorkingGroupPage = lazy(() =>
  withTexts(['setup'], import('./SetupWorkingGroup')).then((m) => ({ default: m.SetupWorkingGroupPage })),
);
export const SetupUsersPage = lazy(() =>
  withTexts(['setup'], import('./setup/SetupUsers')).then((m) => ({ default: m.SetupUsersPage })),
);
export const SetupPartnersPage = lazy(() =>
  withTexts(['setup'], import('./setup/SetupPartners')).then((m) => ({ default: m.SetupPartnersPage })),
);
export const EditWorkingGroupPage = lazy(() =>
  withTexts(['setup'], import('./setup/EditWorkingGroup')).then((m) => ({ default: m.EditWorkingGroupPage })),
);
export const PlanTreePage = lazy(() =>
  withTexts(['setup', 'reporting'], import('./setup/PlanTreeEditor')).then((m) => ({
    default: m.PlanTreePage,
  })),
);
export const FirstPlanTreePage = lazy(() =>
  withTexts(['setup', 'reporting'], import('./setup/PlanTreeEditor')).then((m) => ({
    default: m.FirstPlanTreePage,
  })),
);
// notifications (issue 17): my list, my mail preference, the outbox for coordinators
export const NotificationsPage = lazy(() =>
  withTexts(['notifications'], import('./Notifications')).then((m) => ({ default: m.NotificationsPage })),
);
export const NotificationPreferencesPage = lazy(() =>
  withTexts(['notifications'], import('./Notifications')).then((m) => ({
    default: m.NotificationPreferencesPage,
  })),
);
export const SentMailsPage = lazy(() =>
  withTexts(['notifications'], import('./Notifications')).then((m) => ({ default: m.SentMailsPage })),
);
export const SentMailPage = lazy(() =>
  withTexts(['notifications'], import('./Notifications')).then((m) => ({ default: m.SentMailPage })),
);
export const AuditPage = lazy(() =>
  withTexts(['audit'], import('./Audit')).then((m) => ({ default: m.AuditPage })),
);
// the plan cycle (issue 16): reporting periods with their report, and a lead's "my updates"
export const PeriodsPage = lazy(() =>
  withTexts(['periods', 'audit'], import('./Periods')).then((m) => ({ default: m.PeriodsPage })),
);
export const MyUpdatesPage = lazy(() =>
  withTexts(['periods', 'audit'], import('./Periods')).then((m) => ({ default: m.MyUpdatesPage })),
);
export const PeriodReportPage = lazy(() =>
  withTexts(['periods', 'audit', 'reporting'], import('./PeriodReport')).then((m) => ({
    default: m.PeriodReportPage,
  })),
);
// the pages before login that few people see: the first run of an empty deployment, an invitation link
export const FirstRunPage = lazy(() =>
  withTexts(['firstRun'], import('./FirstRun')).then((m) => ({ default: m.FirstRunPage })),
);
export const InvitationPage = lazy(() =>
  withTexts(['invitation'], import('./Invitation')).then((m) => ({ default: m.InvitationPage })),
);
