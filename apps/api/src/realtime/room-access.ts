import type pg from 'pg';
import { roomKind, type SocketError } from '#realtime-client';
import type { AudienceResolver } from './audience-resolver.js';
import type { SocketUser } from './socket-user.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

export type RoomDecision = { ok: true } | SocketError;

const forbidden = (user: SocketUser, room: string): SocketError => ({
  ok: false,
  code: 'AUTH.FORBIDDEN',
  message: `the role ${user.role} may not join ${room.slice(0, room.indexOf(':'))} rooms of other groups`,
});

/**
 * Who may join which room: the REST matrix of docs/access.md (docs/realtime.md "Rooms"). Another tenant's id
 * answers NOT_FOUND like an unknown one; a room the role may not join answers AUTH.FORBIDDEN. Events inside a
 * room are filtered per recipient as well (`mayReceive`), so joining never widens what a person sees.
 */
export class RoomAccess {
  constructor(
    private readonly pool: pg.Pool,
    private readonly resolver: AudienceResolver,
  ) {}

  async authorize(user: SocketUser, room: unknown): Promise<RoomDecision> {
    if (typeof room !== 'string' || room.length > 120) {
      return {
        ok: false,
        code: 'REALTIME.INVALID_ROOM',
        message: 'room must be a room name such as "plan:<id>"',
      };
    }
    const kind = roomKind(room);
    if (kind === 'tenant') return { ok: true };
    const id = kind ? room.slice(kind.length + 1) : '';
    if (!kind || !ID.test(id)) {
      return {
        ok: false,
        code: 'REALTIME.INVALID_ROOM',
        message: 'room must be tenant, plan:<id>, action:<id>, working-group:<id> or meeting:<id>',
      };
    }
    switch (kind) {
      case 'plan':
        return (await this.exists('rm_plans', user.tenantId, id))
          ? { ok: true }
          : notFound('PLAN.NOT_FOUND', 'this plan does not exist');
      case 'action': {
        const { rows } = await this.pool.query<{ owner_id: string | null; partner_ids: string[] }>(
          'select owner_id, partner_ids from rm_actions where tenant_id = $1 and id = $2',
          [user.tenantId, id],
        );
        const action = rows[0];
        const ownsIt =
          action !== undefined &&
          user.partnerId !== null &&
          (action.owner_id === user.partnerId || action.partner_ids.includes(user.partnerId));
        // a partner only sees its organisation's actions; the others are "not found", as over REST
        if (!action || (user.role === 'partner' && !ownsIt)) {
          return notFound('ACTION.NOT_FOUND', 'this action does not exist');
        }
        return { ok: true };
      }
      case 'working-group': {
        if (user.role !== 'coordinator' && user.role !== 'member') return forbidden(user, room);
        const group = await this.resolver.group(user.tenantId, id);
        if (!group) return notFound('WORKING_GROUP.NOT_FOUND', 'this working group does not exist');
        if (user.role === 'member') {
          const mine = await this.resolver.groupsOfUser(user.tenantId, user.id);
          if (!mine.has(id)) return forbidden(user, room);
        }
        return { ok: true };
      }
      case 'meeting': {
        // partner staff who are members of the meeting's group attend it (docs/meetings.md); viewers never
        if (user.role === 'viewer') return forbidden(user, room);
        const groupId = await this.resolver.meetingGroup(user.tenantId, id);
        if (!groupId) {
          // a partner outside every group learns nothing about which meetings exist
          if (user.role === 'partner') return forbidden(user, room);
          return notFound('MEETING.NOT_FOUND', 'this meeting does not exist');
        }
        if (user.role !== 'coordinator') {
          const mine = await this.resolver.groupsOfUser(user.tenantId, user.id);
          if (!mine.has(groupId)) return forbidden(user, room);
        }
        return { ok: true };
      }
      default:
        return { ok: false, code: 'REALTIME.INVALID_ROOM', message: `unknown room ${room}` };
    }
  }

  private async exists(table: 'rm_plans', tenantId: string, id: string): Promise<boolean> {
    const { rows } = await this.pool.query(`select 1 from ${table} where tenant_id = $1 and id = $2`, [
      tenantId,
      id,
    ]);
    return rows.length > 0;
  }
}

const notFound = (code: string, message: string): SocketError => ({ ok: false, code, message });
