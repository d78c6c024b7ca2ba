import { lazy } from 'react';

/**
 * The signed-in shell (header, navigation, live connection, notification bell: SignedIn.tsx) with the live client
 * and socket.io, a chunk of its own: fetched while the login screen is up (Login.tsx) or at once when a session
 * is being restored (App.tsx), alongside the session refresh. Its texts are in the core (i18n/nl/core.ts).
 */
export const loadSignedInShell = () => import('./SignedIn');
export const SignedInShell = lazy(() => loadSignedInShell().then((m) => ({ default: m.SignedIn })));
