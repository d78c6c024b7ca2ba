import { io, type Socket } from 'socket.io-client';
import {
  CLIENT_MESSAGES,
  SERVER_MESSAGES,
  type ByeMessage,
  type EditingHint,
  type ErasureNotice,
  type LiveEvent,
  type LiveSnapshot,
  type PresenceUpdate,
  type SocketError,
  type SubscribeAck,
} from './protocol.js';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface RoomHandlers {
  onEvent?(event: LiveEvent): void;
  onSnapshot?(snapshot: LiveSnapshot): void;
  onPresence?(presence: PresenceUpdate): void;
  /** the server refused the room (or a message about it); the room stays wanted and is retried on reconnect */
  onError?(error: { code: string; message: string }): void;
  /** every successful (re)subscription, with how the gap was closed */
  onSubscribed?(ack: Extract<SubscribeAck, { ok: true }>): void;
}

export interface LiveClientOptions {
  /** the api's origin, e.g. http://localhost:3000 (the socket.io path is the default /socket.io) */
  url: string;
  /** called at every (re)connection: return a fresh access token (refresh it first when it is about to expire) */
  getToken: () => string | Promise<string>;
  /** socket.io transports (default: websocket first, polling as fallback) */
  transports?: ('websocket' | 'polling')[];
  /** first reconnection delay in ms (doubles up to 5 s; default 250) */
  reconnectDelayMs?: number;
  /** start connected (default true) */
  autoConnect?: boolean;
}

/** Refusals of a subscription that say "not now" (the server's database is away): asked again after a second. */
const TEMPORARY_CODES = new Set(['DATABASE.UNAVAILABLE', 'STORAGE.UNAVAILABLE', 'REALTIME.REPLAY_FAILED']);
const RESUBSCRIBE_DELAY_MS = 1_000;

/** Refusals after which retrying with the same credentials cannot help. */
const FINAL_CODES = new Set(['AUTH.TOKEN_INVALID', 'AUTH.SESSION_ENDED', 'AUTH.TOKEN_MISSING']);

interface RoomEntry {
  handlers: Set<RoomHandlers>;
  /** last position seen in this room; events at or before it are duplicates */
  position: string | undefined;
  presenceAt: string | undefined;
}

/**
 * The typed client of docs/realtime.md, used by the tests, the benchmark and the web app: connects with the
 * access token, (re)subscribes every wanted room from the last position it saw (so a reconnect replays exactly
 * what was missed), drops duplicates by position, and keeps trying after a disconnect.
 */
export class LiveClient {
  private readonly socket: Socket;
  private readonly rooms = new Map<string, RoomEntry>();
  private readonly stateListeners = new Set<
    (state: ConnectionState, error?: { code: string; message?: string }) => void
  >();
  private readonly editing = new Map<string, EditingHint | null>();
  private readonly erasureListeners = new Set<(notice: ErasureNotice) => void>();
  private state: ConnectionState = 'connecting';
  private closed = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly resubscribeTimers = new Set<ReturnType<typeof setTimeout>>();
  private attempts = 0;
  private readonly baseDelay: number;

  constructor(private readonly options: LiveClientOptions) {
    this.baseDelay = options.reconnectDelayMs ?? 250;
    this.socket = io(options.url, {
      autoConnect: false,
      transports: options.transports ?? ['websocket', 'polling'],
      reconnectionDelay: this.baseDelay,
      reconnectionDelayMax: 5000,
      auth: (callback) => {
        Promise.resolve(options.getToken()).then(
          (token) => callback({ token }),
          () => callback({}),
        );
      },
    });
    this.socket.on('connect', () => {
      this.attempts = 0;
      this.setState('connected');
      for (const room of this.rooms.keys()) this.sendSubscribe(room);
      for (const [room, hint] of this.editing) if (hint) this.sendEditing(room, hint);
    });
    this.socket.on('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
      const code = error.data?.code ?? error.message;
      // a refusal by the server's handshake check does not reconnect by itself
      if (!this.socket.active) {
        if (FINAL_CODES.has(code) && this.attempts >= 2) {
          this.setState('closed', { code, message: error.data?.message ?? error.message });
          return;
        }
        this.scheduleReconnect({ code, message: error.data?.message ?? error.message });
        return;
      }
      this.setState('reconnecting', { code, message: error.message });
    });
    this.socket.on('disconnect', (reason) => {
      if (this.closed) return;
      // the server closed it (token expired, shutting down): socket.io leaves reconnecting to us
      if (reason === 'io server disconnect') this.scheduleReconnect({ code: 'SERVER_DISCONNECT' });
      else this.setState('reconnecting', { code: reason });
    });
    this.socket.on(SERVER_MESSAGES.bye, (bye: ByeMessage) => {
      if (!bye.reconnect) this.closed = true;
      this.setState(bye.reconnect ? 'reconnecting' : 'closed', { code: bye.code, message: bye.message });
    });
    this.socket.on(SERVER_MESSAGES.event, (event: LiveEvent) => {
      const entry = this.rooms.get(event.room);
      if (!entry) return;
      if (entry.position !== undefined && event.position <= entry.position) return;
      entry.position = event.position;
      for (const handlers of entry.handlers) handlers.onEvent?.(event);
    });
    this.socket.on(SERVER_MESSAGES.snapshot, (snapshot: LiveSnapshot) => {
      const entry = this.rooms.get(snapshot.room);
      if (!entry) return;
      entry.position = snapshot.position;
      for (const handlers of entry.handlers) handlers.onSnapshot?.(snapshot);
    });
    this.socket.on(SERVER_MESSAGES.presence, (presence: PresenceUpdate) => {
      const entry = this.rooms.get(presence.room);
      if (!entry) return;
      if (entry.presenceAt !== undefined && presence.at < entry.presenceAt) return;
      entry.presenceAt = presence.at;
      for (const handlers of entry.handlers) handlers.onPresence?.(presence);
    });
    this.socket.on(SERVER_MESSAGES.erased, (notice: ErasureNotice) => {
      for (const listener of this.erasureListeners) listener(notice);
    });
    this.socket.on(SERVER_MESSAGES.error, (error: SocketError & { room?: string }) => {
      const targets = error.room ? [this.rooms.get(error.room)] : [...this.rooms.values()];
      for (const entry of targets) for (const handlers of entry?.handlers ?? []) handlers.onError?.(error);
    });
    if (options.autoConnect ?? true) this.connect();
  }

  connect(): void {
    this.closed = false;
    this.setState(this.state === 'connected' ? 'connected' : 'connecting');
    this.socket.connect();
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /**
   * Joins a room: replays from `fromPosition` (or, on a later reconnect, from the last position seen), then live.
   * Returns the function that leaves the room (for these handlers).
   */
  subscribe(room: string, handlers: RoomHandlers, fromPosition?: string): () => void {
    let entry = this.rooms.get(room);
    const isNew = !entry;
    if (!entry) {
      entry = { handlers: new Set(), position: fromPosition, presenceAt: undefined };
      this.rooms.set(room, entry);
    }
    entry.handlers.add(handlers);
    if (isNew && this.socket.connected) this.sendSubscribe(room);
    return () => {
      const current = this.rooms.get(room);
      if (!current) return;
      current.handlers.delete(handlers);
      if (current.handlers.size === 0) {
        this.rooms.delete(room);
        this.editing.delete(room);
        if (this.socket.connected) this.socket.emit(CLIENT_MESSAGES.unsubscribe, { room });
      }
    };
  }

  /** Resolves with the ack of the room's next (re)subscription. */
  subscribed(room: string): Promise<Extract<SubscribeAck, { ok: true }>> {
    return new Promise((resolve, reject) => {
      const handlers: RoomHandlers = {
        onSubscribed: (ack) => {
          this.rooms.get(room)?.handlers.delete(handlers);
          resolve(ack);
        },
        onError: (error) => {
          this.rooms.get(room)?.handlers.delete(handlers);
          reject(Object.assign(new Error(error.message), { code: error.code }));
        },
      };
      const entry = this.rooms.get(room);
      if (!entry) {
        reject(new Error(`not subscribed to ${room}`));
        return;
      }
      entry.handlers.add(handlers);
    });
  }

  /** Announces (or with null clears) what this user is editing in a working-group or meeting room. */
  setEditing(room: string, editing: EditingHint | null): void {
    this.editing.set(room, editing);
    if (this.socket.connected) this.sendEditing(room, editing);
  }

  lastPosition(room: string): string | undefined {
    return this.rooms.get(room)?.position;
  }

  onState(
    listener: (state: ConnectionState, error?: { code: string; message?: string }) => void,
  ): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /**
   * Listens for erasure notices (docs/realtime.md, `erased`): data shown so far may hold what was erased, so
   * re-read it at the notice's position. Returns the function that stops listening.
   */
  onErased(listener: (notice: ErasureNotice) => void): () => void {
    this.erasureListeners.add(listener);
    return () => this.erasureListeners.delete(listener);
  }

  /** Drops the connection without forgetting the rooms; `connect()` resumes from the last positions. */
  disconnect(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const timer of this.resubscribeTimers) clearTimeout(timer);
    this.resubscribeTimers.clear();
    this.socket.disconnect();
    this.setState('closed');
  }

  close(): void {
    this.disconnect();
    this.rooms.clear();
    this.editing.clear();
    this.stateListeners.clear();
    this.erasureListeners.clear();
  }

  private sendSubscribe(room: string): void {
    const entry = this.rooms.get(room);
    if (!entry) return;
    const request = entry.position !== undefined ? { room, fromPosition: entry.position } : { room };
    this.socket.emit(CLIENT_MESSAGES.subscribe, request, (ack: SubscribeAck) => {
      const current = this.rooms.get(room);
      if (!current) return;
      if (ack.ok) {
        if (current.position === undefined || ack.position > current.position)
          current.position = ack.position;
        for (const handlers of current.handlers) handlers.onSubscribed?.(ack);
      } else if (TEMPORARY_CODES.has(ack.code)) {
        // the room stays wanted: ask again shortly (a reconnect asks again anyway)
        const timer = setTimeout(() => {
          this.resubscribeTimers.delete(timer);
          if (!this.closed && this.socket.connected && this.rooms.has(room)) this.sendSubscribe(room);
        }, RESUBSCRIBE_DELAY_MS);
        this.resubscribeTimers.add(timer);
      } else {
        for (const handlers of current.handlers) handlers.onError?.(ack);
      }
    });
  }

  private sendEditing(room: string, editing: EditingHint | null): void {
    this.socket.emit(CLIENT_MESSAGES.editing, {
      room,
      actionId: editing?.actionId ?? null,
      ...(editing?.agendaItemId ? { agendaItemId: editing.agendaItemId } : {}),
      ...(editing?.field ? { field: editing.field } : {}),
    });
  }

  private scheduleReconnect(error: { code: string; message?: string }): void {
    if (this.closed) return;
    this.setState('reconnecting', error);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const delay = Math.min(this.baseDelay * 2 ** this.attempts, 5000);
    this.attempts++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.closed) this.socket.connect();
    }, delay);
  }

  private setState(state: ConnectionState, error?: { code: string; message?: string }): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state, error);
  }
}
