import { useEffect, useRef, useState } from 'react';
import { LiveClient, type ConnectionState, type LiveEvent, type PresenceUpdate } from '#realtime-client';
import { api } from './api';
import { reloadResourcesOnScreen } from './hooks';

let client: LiveClient | null = null;

/** One socket per signed-in tab; it asks the api client for a fresh token at every (re)connection. */
export function liveClient(): LiveClient {
  client ??= new LiveClient({ url: window.location.origin, getToken: () => api.token() });
  return client;
}

export function closeLiveClient(): void {
  client?.close();
  client = null;
}

/**
 * Follows a room: calls `onEvent` for every event (pushed as soon as it is in the log), so the screen can
 * re-read its read model with `?minPosition=<event.position>`.
 */
export function useLiveRoom(
  room: string | null,
  handlers: { onEvent?(event: LiveEvent): void; onPresence?(presence: PresenceUpdate): void },
): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!room) return undefined;
    return liveClient().subscribe(room, {
      onEvent: (event) => ref.current.onEvent?.(event),
      onSnapshot: (snapshot) =>
        ref.current.onEvent?.({
          room: snapshot.room,
          position: snapshot.position,
          streamId: '',
          version: 0,
          type: 'snapshot',
          data: snapshot.readModel,
          metadata: { actorId: '', occurredAt: new Date().toISOString() },
          summary: { nl: '', en: '' },
        }),
      onPresence: (presence) => ref.current.onPresence?.(presence),
    });
  }, [room]);
}

export function useConnectionState(): ConnectionState {
  const [state, setState] = useState<ConnectionState>(() => liveClient().connectionState);
  useEffect(() => {
    const client = liveClient();
    const stop = client.onState((next) => setState(next));
    // the state may have changed between the render that read it and this effect (React can hold a commit
    // back while a page's chunk loads, and a socket to this server connects within milliseconds)
    setState(client.connectionState);
    return stop;
  }, []);
  return state;
}

/** coalesces the notices of one erasure (one per room after a reconnect's replay) into one re-read */
const ERASURE_SETTLE_MS = 100;

/**
 * Calls `onErased(position)` at every erasure notice (docs/realtime.md, `erased`): personal data of the tenant
 * was erased, and what the page holds beyond its resources (a live feed, a preview) may show it.
 */
export function useErasures(onErased: (position: string) => void): void {
  const ref = useRef(onErased);
  ref.current = onErased;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = '';
    const stop = liveClient().onErased((notice) => {
      if (notice.position > last) last = notice.position;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => ref.current(last), ERASURE_SETTLE_MS);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, []);
}

/**
 * The signed-in shell's part: at every erasure notice, every resource on screen is read again at its position,
 * so an open page of anyone who may see the erased data shows the marker without a reload.
 */
export function useReloadOnErasure(): void {
  useErasures(reloadResourcesOnScreen);
}
