import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifications } from '../notifications';
import { Link } from '../router';

/**
 * The bell in the header: a link to my notifications with the unread count, live over the socket
 * (namespace `/notifications`). When the count grows, a polite live region says so.
 */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const { data } = useNotifications();
  const unread = data?.unread ?? 0;
  const previous = useRef<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const language = i18n.language === 'en' ? 'en' : 'nl';

  useEffect(() => {
    if (!data) return;
    const before = previous.current;
    previous.current = data.unread;
    if (before !== null && data.unread > before) {
      const newest = data.items.find((item) => !item.read);
      setAnnouncement(
        t('notifications.arrived', { count: data.unread, title: newest ? newest.title[language] : '' }),
      );
    }
  }, [data, t, language]);

  return (
    <>
      <Link
        href="/notifications"
        className="bell"
        data-testid="bell"
        aria-current={window.location.pathname === '/notifications' ? 'page' : undefined}
      >
        <span aria-hidden="true">🔔</span> <span className="bell-text">{t('notifications.bell')}</span>
        {unread > 0 ? (
          <>
            {' '}
            <span className="bell-count" data-testid="bell-count">
              {unread}
            </span>{' '}
            <span className="sr-only">{t('notifications.unreadSuffix')}</span>
          </>
        ) : null}
      </Link>
      <span className="sr-only" aria-live="polite" data-testid="bell-announcement">
        {announcement}
      </span>
    </>
  );
}
