import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { hasRole, useUser } from '../hooks';
import { closeLiveClient, useConnectionState } from '../live';
import { closeNotificationSocket } from '../notifications';
import { NotificationBell } from './NotificationBell';
import { DemoBanner, LanguageSwitch } from './SiteChrome';
import { Link, navigate } from '../router';
import type { ServerInfo } from '../types';

/** Header with navigation, the live connection state and a polite live region for what changed. */
export function Layout({
  planId,
  children,
  info,
}: {
  planId: string | null;
  children: ReactNode;
  info: ServerInfo | null;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const connection = useConnectionState();
  const path = window.location.pathname;
  const nav: { href: string; label: string; show: boolean }[] = [
    { href: planId ? `/plans/${planId}` : '/', label: t('nav.dashboard'), show: true },
    { href: planId ? `/plans/${planId}/actions` : '/', label: t('nav.actions'), show: true },
    { href: '/working-groups', label: t('nav.workingGroups'), show: hasRole(user, 'coordinator', 'member') },
    {
      href: planId ? `/plans/${planId}/signals` : '/',
      label: t('nav.signals'),
      show: hasRole(user, 'coordinator', 'member', 'partner'),
    },
    // the plan cycle (issue 16)
    { href: planId ? `/plans/${planId}/periods` : '/', label: t('nav.periods'), show: true },
    {
      href: '/my-updates',
      label: t('nav.myUpdates'),
      show: hasRole(user, 'coordinator', 'member', 'partner'),
    },
    { href: '/import', label: t('importWizard.nav'), show: hasRole(user, 'coordinator') },
    { href: '/setup/users', label: t('setup.nav.link'), show: hasRole(user, 'coordinator') },
    // notifications (issue 17): the outbox of mails, for coordinators
    { href: '/notifications/mails', label: t('notifications.mails.nav'), show: hasRole(user, 'coordinator') },
    { href: '/audit', label: t('nav.audit'), show: hasRole(user, 'coordinator') },
  ];
  const logout = async () => {
    await api.logout();
    closeLiveClient();
    closeNotificationSocket();
    navigate('/login');
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <DemoBanner info={info} />
      <header className="site-header">
        <div className="brand">{t('app.title')}</div>
        <nav aria-label={t('nav.label')}>
          <ul>
            {nav
              .filter((item) => item.show)
              .map((item) => (
                <li key={item.label}>
                  <Link href={item.href} aria-current={path === item.href ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <div className="session">
          <span className={`connection connection-${connection}`} role="status" data-testid="connection">
            {t(`connection.${connection}`)}
          </span>
          {user && <NotificationBell />}
          {user && (
            <span>
              {user.name}{' '}
              <span className="muted">({user.roles.map((role) => t(`role.${role}`)).join(', ')})</span>
            </span>
          )}
          <LanguageSwitch />
          <button type="button" className="link-button" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
