// What the coordinator's setup screens share: the navigation between them. Their forms are the web app's
// WriteForm and Field (src/forms/write-form.tsx).
import { useTranslation } from 'react-i18next';
import { Link } from '../../router';

/** The links between the setup screens (coordinators only). */
export function SetupNav({ current, planId }: { current: string; planId?: string | null }) {
  const { t } = useTranslation();
  const links: { href: string; label: string; id: string }[] = [
    { id: 'users', href: '/setup/users', label: t('setup.nav.users') },
    { id: 'partners', href: '/setup/partners', label: t('setup.nav.partners') },
    { id: 'groups', href: '/working-groups', label: t('setup.nav.groups') },
    { id: 'tree', href: planId ? `/plans/${planId}/tree` : '/setup/plan', label: t('setup.nav.tree') },
    { id: 'import', href: '/import', label: t('setup.nav.import') },
  ];
  return (
    <nav aria-label={t('setup.nav.label')} className="setup-nav">
      <ul>
        {links.map((link) => (
          <li key={link.id}>
            <Link href={link.href} aria-current={current === link.id ? 'page' : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
