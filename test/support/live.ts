import { io, type Socket } from 'socket.io-client';
import { LiveClient, type LiveEvent, type PresenceUpdate, type SubscribeAck } from '#realtime-client';

/** A raw socket.io connection (for handshake and message-level tests). */
export function rawSocket(
  url: string,
  token: string | undefined,
  extraHeaders?: Record<string, string>,
): Socket {
  return io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(token === undefined ? {} : { auth: { token } }),
    ...(extraHeaders ? { extraHeaders } : {}),
  });
}

/** Resolves when connected, rejects with the server's refusal code. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) =>
      reject(Object.assign(new Error(error.message), { code: error.data?.code ?? error.message })),
    );
  });
}

export async function connectedSocket(url: string, token: string): Promise<Socket> {
  const socket = rawSocket(url, token);
  await connected(socket);
  return socket;
}

export function emitWithAck<T = SubscribeAck>(socket: Socket, message: string, body: unknown): Promise<T> {
  return socket.timeout(10_000).emitWithAck(message, body) as Promise<T>;
}

/** Collects a room's pushes from a LiveClient. */
export class RoomRecorder {
  readonly events: LiveEvent[] = [];
  readonly presence: PresenceUpdate[] = [];
  readonly errors: { code: string; message: string }[] = [];
  private waiters: (() => void)[] = [];
  readonly leave: () => void;

  constructor(
    readonly client: LiveClient,
    readonly room: string,
    fromPosition?: string,
  ) {
    this.leave = client.subscribe(
      room,
      {
        onEvent: (event) => this.push(() => this.events.push(event)),
        onPresence: (update) => this.push(() => this.presence.push(update)),
        onError: (error) => this.push(() => this.errors.push(error)),
      },
      fromPosition,
    );
  }

  /** Waits until `predicate` holds (checked after every push), or fails after `timeoutMs`. */
  async until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${what} in ${this.room}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  lastPresence(): PresenceUpdate | undefined {
    return this.presence.at(-1);
  }

  private push(record: () => void): void {
    record();
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

export function liveClient(url: string, token: string | (() => string | Promise<string>)): LiveClient {
  return new LiveClient({
    url,
    getToken: typeof token === 'string' ? () => token : token,
    transports: ['websocket'],
    reconnectDelayMs: 50,
  });
}

/** Resolves after `ms` (for "nothing arrives" assertions: give the feed time to deliver what it would). */
export const settle = (ms = 500): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
