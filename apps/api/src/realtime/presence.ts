import type { Server, Socket } from 'socket.io';
import {
  PRESENCE_ROOM_KINDS,
  roomKind,
  type EditingHint,
  type PresenceMember,
  type PresenceUpdate,
} from '#realtime-client';
import type { SocketUser } from './socket-user.js';

/** What a socket carries for presence; socket.io hands it to the other processes through the adapter. */
export interface PresenceData {
  user: Pick<SocketUser, 'id' | 'name' | 'role' | 'tenantId'>;
  /** room -> what this connection is editing there */
  editing: Record<string, EditingHint | null>;
}

export const hasPresence = (room: string): boolean => {
  const kind = roomKind(room);
  return kind !== null && PRESENCE_ROOM_KINDS.includes(kind);
};

/**
 * Who is in a working-group or meeting room, across every api process: each connection joins a socket.io room
 * per presence room, the adapter answers `fetchSockets()` for all processes and carries the `presence`
 * broadcast to all of them. A person with several tabs is one member with `connections` > 1.
 */
export class Presence {
  constructor(private readonly server: () => Server) {}

  async join(socket: Socket, tenantId: string, room: string): Promise<void> {
    const data = socket.data as PresenceData;
    data.editing[room] = null;
    await socket.join(channel(tenantId, room));
    await this.announce(tenantId, room);
  }

  async leave(socket: Socket, tenantId: string, room: string): Promise<void> {
    const data = socket.data as PresenceData;
    delete data.editing[room];
    await socket.leave(channel(tenantId, room));
    await this.announce(tenantId, room);
  }

  async setEditing(socket: Socket, tenantId: string, room: string, hint: EditingHint | null): Promise<void> {
    (socket.data as PresenceData).editing[room] = hint;
    await this.announce(tenantId, room);
  }

  /** After a disconnect: socket.io already removed the socket from its rooms. */
  async gone(tenantId: string, rooms: readonly string[]): Promise<void> {
    await Promise.all(rooms.filter(hasPresence).map((room) => this.announce(tenantId, room)));
  }

  async members(tenantId: string, room: string): Promise<PresenceMember[]> {
    const sockets = await this.server().in(channel(tenantId, room)).fetchSockets();
    const byUser = new Map<string, PresenceMember>();
    for (const socket of sockets) {
      const data = socket.data as PresenceData | undefined;
      if (!data?.user) continue;
      const editing = data.editing?.[room] ?? null;
      const known = byUser.get(data.user.id);
      if (known) {
        known.connections++;
        known.editing ??= editing;
      } else {
        byUser.set(data.user.id, {
          userId: data.user.id,
          displayName: data.user.name,
          role: data.user.role,
          editing,
          connections: 1,
        });
      }
    }
    return [...byUser.values()].sort(
      (a, b) => a.displayName.localeCompare(b.displayName, 'nl') || a.userId.localeCompare(b.userId),
    );
  }

  private async announce(tenantId: string, room: string): Promise<void> {
    const members = await this.members(tenantId, room);
    const update: PresenceUpdate = { room, members, at: new Date().toISOString() };
    this.server().to(channel(tenantId, room)).emit('presence', update);
  }
}

const channel = (tenantId: string, room: string): string => `presence|${tenantId}|${room}`;
