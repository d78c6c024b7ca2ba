// The signed-in shell: the header with navigation, live connection and notification bell (components/Layout.tsx)
// around the page of the path. A chunk of its own (pages/lazy.ts), with the live client and socket.io: the login
// screen and the public pages do without them.
import { Suspense, useEffect } from 'react';
import { asOfFrom } from './as-of-url';
import { Layout } from './components/Layout';
import type { useServerInfo } from './components/SiteChrome';
import { ErrorMessage, Loading } from './components/common';
import { useResource } from './hooks';
import { useReloadOnErasure } from './live';
import {
  ActionDetailPage,
  AuditPage,
  ActionsPage,
  ChangesPage,
  DashboardPage,
  EditWorkingGroupPage,
  FirstPlanTreePage,
  ImportPlanPage,
  MeetingPage,
  MyUpdatesPage,
  NotificationPreferencesPage,
  NotificationsPage,
  PeriodReportPage,
  PeriodsPage,
  PlanTreePage,
  SentMailPage,
  SentMailsPage,
  SetupPartnersPage,
  SetupUsersPage,
  SetupWorkingGroupPage,
  SignalsPage,
  WorkingGroupPage,
  WorkingGroupsPage,
} from './pages/lazy';
import { match, navigate } from './router';
import type { PlanSummary } from './types';

export function SignedIn({
  path,
  search,
  info,
  t,
}: {
  path: string;
  search: URLSearchParams;
  info: ReturnType<typeof useServerInfo>;
  t: (key: string) => string;
}) {
  const plans = useResource<{ items: PlanSummary[] }>('/api/plans');
  // an erasure anywhere in the tenant: the page on screen re-reads what it shows (docs/realtime.md, `erased`)
  useReloadOnErasure();
  const planParams =
    match('/plans/:planId', path) ??
    match('/plans/:planId/actions', path) ??
    match('/plans/:planId/signals', path) ??
    match('/plans/:planId/changes', path) ??
    match('/plans/:planId/periods', path) ??
    match('/plans/:planId/periods/:periodId', path) ??
    match('/plans/:planId/tree', path);
  const firstPlan = plans.data?.items[0]?.id ?? null;
  const planId = planParams?.planId ?? firstPlan;

  useEffect(() => {
    if (path === '/' && firstPlan) navigate(`/plans/${firstPlan}`);
  }, [path, firstPlan]);
  useEffect(() => {
    const title = pageTitle(path, t);
    document.title = `${title} – ${t('app.title')}`;
  }, [path, t]);

  let page;
  let params: Record<string, string> | null;
  if ((params = match('/plans/:planId', path)))
    page = <DashboardPage key={params.planId} planId={params.planId!} search={search} />;
  else if ((params = match('/plans/:planId/changes', path)))
    page = <ChangesPage key={params.planId} planId={params.planId!} search={search} />;
  else if ((params = match('/plans/:planId/actions', path)))
    page = <ActionsPage planId={params.planId!} search={search} />;
  else if ((params = match('/plans/:planId/signals', path)))
    page = <SignalsPage planId={params.planId!} search={search} />;
  else if ((params = match('/actions/:actionId', path)))
    page = <ActionDetailPage key={params.actionId} actionId={params.actionId!} asOf={asOfFrom(search)} />;
  else if (match('/working-groups', path)) page = <WorkingGroupsPage />;
  else if (match('/audit', path)) page = <AuditPage search={search} planId={planId} />;
  else if (match('/import', path)) page = <ImportPlanPage />;
  else if (match('/setup/working-group', path)) page = <SetupWorkingGroupPage />;
  else if (match('/setup/users', path)) page = <SetupUsersPage />;
  else if (match('/setup/partners', path)) page = <SetupPartnersPage />;
  else if (match('/setup/plan', path)) page = <FirstPlanTreePage />;
  else if ((params = match('/plans/:planId/tree', path)))
    page = <PlanTreePage key={params.planId} planId={params.planId!} />;
  else if ((params = match('/working-groups/:groupId/edit', path)))
    page = <EditWorkingGroupPage key={params.groupId} groupId={params.groupId!} />;
  else if ((params = match('/working-groups/:groupId', path)))
    page = <WorkingGroupPage key={params.groupId} groupId={params.groupId!} />;
  else if ((params = match('/meetings/:meetingId', path)))
    page = <MeetingPage key={params.meetingId} meetingId={params.meetingId!} />;
  // the plan cycle (issue 16): reporting periods and a lead's updates
  else if ((params = match('/plans/:planId/periods', path)))
    page = <PeriodsPage key={params.planId} planId={params.planId!} />;
  else if ((params = match('/plans/:planId/periods/:periodId', path)))
    page = <PeriodReportPage key={params.periodId} planId={params.planId!} periodId={params.periodId!} />;
  else if (match('/my-updates', path)) page = <MyUpdatesPage />;
  // notifications (issue 17)
  else if (match('/notifications', path)) page = <NotificationsPage planId={planId} />;
  else if (match('/notifications/preferences', path)) page = <NotificationPreferencesPage />;
  else if (match('/notifications/mails', path)) page = <SentMailsPage />;
  else if ((params = match('/notifications/mails/:notificationId', path)))
    page = <SentMailPage key={params.notificationId} notificationId={params.notificationId!} />;
  else if (path === '/')
    page = plans.error ? (
      <ErrorMessage error={plans.error} />
    ) : plans.data && !firstPlan ? (
      <p>{t('dashboard.noPlan')}</p>
    ) : (
      <Loading />
    );
  else page = <p role="alert">{t('common.notFound')}</p>;

  return (
    <Layout planId={planId} info={info}>
      <Suspense fallback={<Loading />}>{page}</Suspense>
    </Layout>
  );
}

function pageTitle(path: string, t: (key: string) => string): string {
  if (match('/plans/:planId/actions', path)) return t('actions.title');
  if (match('/plans/:planId/signals', path)) return t('signals.title');
  if (match('/plans/:planId/changes', path)) return t('changes.link');
  if (match('/plans/:planId/periods', path) || match('/plans/:planId/periods/:periodId', path))
    return t('periods.title');
  if (path === '/my-updates') return t('myUpdates.title');
  if (match('/plans/:planId', path)) return t('dashboard.title');
  if (match('/actions/:actionId', path)) return t('action.title');
  if (path.startsWith('/working-groups')) return t('groups.title');
  if (path === '/import') return t('importWizard.title');
  if (path === '/audit') return t('audit.title');
  if (path === '/setup/working-group') return t('setupGroup.title');
  if (path === '/setup/users') return t('setup.users.title');
  if (path === '/setup/partners') return t('setup.partners.title');
  if (path === '/setup/plan' || match('/plans/:planId/tree', path)) return t('setup.tree.pageTitle');
  if (match('/meetings/:meetingId', path)) return t('meeting.title');
  // notifications (issue 17)
  if (path === '/notifications') return t('notifications.title');
  if (path === '/notifications/preferences') return t('notifications.preferences.title');
  if (path.startsWith('/notifications/mails')) return t('notifications.mails.title');
  return t('app.title');
}
