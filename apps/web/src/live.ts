import { useEffect, useRef, useState } from 'react';
import { LiveClient, type ConnectionState, type LiveEvent, type PresenceUpdate } from '#realtime-client';
import { api } from './api';

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
