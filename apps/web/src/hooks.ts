import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api';
import type { User } from './types';

export interface Resource<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  /** reads again; with a position, the api waits until its read model reflects it */
  reload: (minPosition?: string) => void;
}

/** the loaders of the resources on screen: an erasure re-reads them all (`reloadResourcesOnScreen`) */
const onScreen = new Set<(minPosition?: string) => void>();

/**
 * Reads every resource on screen again, at least at `position`: after an erasure (docs/privacy.md) anything shown
 * may hold the erased data (live.ts calls it on the server's `erased` notice).
 */
export function reloadResourcesOnScreen(position: string): void {
  for (const load of onScreen) load(position);
}

/** Loads `path` (with `query`) and reloads when they change; `reload(position)` after a live event. */
export function useResource<T>(
  path: string | null,
  query: Record<string, string | number | undefined | null> = {},
): Resource<T> {
  const key = path === null ? null : `${path}?${JSON.stringify(query)}`;
  const [state, setState] = useState<{
    key: string | null;
    data: T | null;
    error: unknown;
    loading: boolean;
  }>({
    key: null,
    data: null,
    error: null,
    loading: path !== null,
  });
  const generation = useRef(0);
  const queryRef = useRef(query);
  queryRef.current = query;

  const load = useCallback(
    (minPosition?: string) => {
      if (path === null) return;
      const mine = ++generation.current;
      setState((previous) => ({ ...previous, loading: true }));
      api.get<T>(path, { ...queryRef.current, minPosition }).then(
        (data) => {
          if (mine === generation.current) setState({ key, data, error: null, loading: false });
        },
        (error: unknown) => {
          if (mine === generation.current) setState((previous) => ({ ...previous, error, loading: false }));
        },
      );
    },
    [key],
  );

  useEffect(() => {
    load();
  }, [load]);
  useEffect(() => {
    if (path === null) return undefined;
    onScreen.add(load);
    return () => {
      onScreen.delete(load);
    };
  }, [load, path]);

  // data of another path is not shown while the new one loads
  const data = state.key === key ? state.data : null;
  return { data, error: state.error, loading: state.loading, reload: load };
}

/** Coalesces a burst of live events into one reload at the last position. */
export function useDebounced(fn: (position: string) => void, ms = 120): (position: string) => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef<string>('');
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(
    (position: string) => {
      if (position > last.current) last.current = position;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => fnRef.current(last.current), ms);
    },
    [ms],
  );
}

export function useUser(): User | null {
  const [user, setUser] = useState<User | null>(api.user);
  useEffect(() => api.onUser(setUser), []);
  return user;
}

/** false while the session of an earlier visit is being restored (a new tab, a reload). */
export function useSessionRestored(): boolean {
  const [restored, setRestored] = useState(api.restored);
  useEffect(() => {
    let active = true;
    void api.ready.then(() => {
      if (active) setRestored(true);
    });
    return () => {
      active = false;
    };
  }, []);
  return restored;
}

export const hasRole = (user: User | null, ...roles: User['roles']): boolean =>
  !!user && user.roles.some((role) => roles.includes(role));

/** true when the server still waits for its first-run setup (checked once, before login) */
export function useFirstRunNeeded(enabled: boolean): boolean {
  const [needed, setNeeded] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    fetch('/api/setup')
      .then((response) =>
        response.ok ? (response.json() as Promise<{ needed: boolean }>) : { needed: false },
      )
      .then(
        (answer) => setNeeded(answer.needed),
        () => setNeeded(false),
      );
  }, [enabled]);
  return needed;
}
