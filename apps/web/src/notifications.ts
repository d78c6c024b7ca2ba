import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { api } from './api';
import { useUser } from './hooks';
import type { NotificationList, NotificationMode } from './types';

/** The mail preference's choices (GET/PUT /api/notifications/preferences), in the order the screen offers them. */
export const NOTIFICATION_MODES = [
  'none',
  'instant',
  'daily',
  'weekly',
] as const satisfies readonly NotificationMode[];

/**
 * The live bell: one socket on the `/notifications` namespace per signed-in tab (multiplexed with the main
 * live channel when it runs), subscribed to `user:<my id>`. The server only says "your list changed"; the
 * screens re-read the list over REST. A (re)connection reads it too: a change while offline is not lost.
 */
let socket: Socket | null = null;
let socketUser: string | null = null;
let retry: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

const changed = (): void => {
  for (const listener of listeners) listener();
};

function connect(userId: string): void {
  if (socket && socketUser === userId) return;
  closeNotificationSocket();
  socketUser = userId;
  const mine = io(`${window.location.origin}/notifications`, {
    transports: ['websocket', 'polling'],
    auth: (callback) => {
      api.token().then(
        (token) => callback({ token }),
        () => callback({}),
      );
    },
  });
  socket = mine;
  // multiplexed on the main live channel's connection, whose manager does not connect by itself
  mine.on('connect', () => {
    mine.emit('subscribe', { room: `user:${userId}` });
    changed();
  });
  mine.on('notifications', changed);
  mine.on('connect_error', () => {
    // a refusal by the handshake check (an expired token) is not retried by socket.io itself
    if (mine.active || socket !== mine) return;
    if (retry) clearTimeout(retry);
    retry = setTimeout(() => {
      retry = null;
      if (socket === mine) mine.connect();
    }, 3000);
  });
  mine.connect();
}

export function closeNotificationSocket(): void {
  if (retry) clearTimeout(retry);
  retry = null;
  socket?.disconnect();
  socket = null;
  socketUser = null;
}

/** My notifications, read again whenever the server says they changed. */
export function useNotifications(): {
  data: NotificationList | null;
  error: unknown;
  reload: () => void;
  markRead: (id: string) => Promise<void>;
  markAllRead: () => Promise<void>;
} {
  const user = useUser();
  const [state, setState] = useState<{ data: NotificationList | null; error: unknown }>({
    data: null,
    error: null,
  });
  const generation = useRef(0);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    api.get<NotificationList>('/api/notifications').then(
      (data) => {
        if (mine === generation.current) setState({ data, error: null });
      },
      (error: unknown) => {
        if (mine === generation.current) setState((previous) => ({ ...previous, error }));
      },
    );
  }, []);
  useEffect(() => {
    if (!user) return undefined;
    connect(user.id);
    listeners.add(reload);
    reload();
    return () => {
      listeners.delete(reload);
    };
  }, [user, reload]);
  const markRead = useCallback(
    async (id: string) => {
      await api.write('POST', `/api/notifications/${encodeURIComponent(id)}/read`, {});
      reload();
    },
    [reload],
  );
  const markAllRead = useCallback(async () => {
    await api.write('POST', '/api/notifications/read-all', {});
    reload();
  }, [reload]);
  return { ...state, reload, markRead, markAllRead };
}
