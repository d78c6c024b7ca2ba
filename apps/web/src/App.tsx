import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { Loading } from './components/common';
import { useServerInfo } from './components/SiteChrome';
import { useFirstRunNeeded, useSessionRestored, useUser } from './hooks';
import { FirstRunPage, InvitationPage, PublicPlanPage } from './pages/lazy';
import { LoginPage } from './pages/Login';
import { match, navigate, returnPath, useLocation } from './router';
import { loadSignedInShell, SignedInShell } from './shell';

// a session of an earlier visit is being restored: fetch the signed-in shell meanwhile, not after
if (api.signedInBefore()) loadSignedInShell().catch(() => undefined);

/** The public pages (a plan's page for citizens, an invitation link): shown without login. */
const PUBLIC_PAGE = /^\/(?:publiek\/|invitation$)/;

export function App() {
  const { t } = useTranslation();
  const user = useUser();
  const restored = useSessionRestored();
  const info = useServerInfo();
  const { path, search } = useLocation();
  const mainRef = useRef<string>(path);

  // an empty deployment: the first-run page; signed out: to the login page, which returns to the page that was
  // asked for (a deep link, a mail link)
  const firstRun = useFirstRunNeeded(!user);
  useEffect(() => {
    if (!restored || user || PUBLIC_PAGE.test(path)) return;
    if (firstRun && path !== '/setup') navigate('/setup');
    else if (!firstRun && path !== '/login' && path !== '/setup') {
      const asked = path + window.location.search;
      navigate(asked === '/' ? '/login' : `/login?next=${encodeURIComponent(asked)}`);
    }
  }, [restored, user, path, firstRun]);
  // move focus to the new page's main region, so keyboard and screen-reader users start at its content
  useEffect(() => {
    if (mainRef.current !== path) {
      mainRef.current = path;
      document.getElementById('main')?.focus();
    }
  }, [path]);

  // a plan's public page: no login, for everyone
  const publicPlan = match('/publiek/:planId', path);
  if (publicPlan)
    return (
      <Suspense fallback={<Loading />}>
        <PublicPlanPage planId={publicPlan.planId!} />
      </Suspense>
    );
  // the link of an invitation mail: choose a password (no login)
  if (path === '/invitation')
    return (
      <Suspense fallback={<Loading />}>
        <InvitationPage token={search.get('token')} />
      </Suspense>
    );
  if (!restored) return <Loading />;
  if (!user && path === '/setup')
    return (
      <Suspense fallback={<Loading />}>
        <FirstRunPage />
      </Suspense>
    );
  if (!user || path === '/login') {
    if (user && path === '/login') navigate(returnPath(search.get('next')));
    return <LoginPage info={info} />;
  }
  return (
    <Suspense fallback={<Loading />}>
      <SignedInShell path={path} search={search} info={info} t={t} />
    </Suspense>
  );
}
