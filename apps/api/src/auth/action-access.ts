import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { isActionInScopeOfUserGroups, isActionOfPartner } from '#read-models';
import { actionStreamId } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ApiError, notFound } from '../http/api-error.js';
import type { Caller } from '../http/request-context.js';
import { READ_POOL } from '../injection-tokens.js';

/** What a caller wants to do with one action (docs/access.md, "Actions"). */
export type ActionUse = 'read' | 'history' | 'edit' | 'note' | 'archive';

/**
 * The resource rules on top of the route roles: a member edits the actions in the scope of her working
 * groups, a partner reads (and notes and signals on) the actions its organisation leads or partners on.
 * Another tenant's action never gets here: the reads and the command handler answer 404 for it.
 */
@Injectable()
export class ActionAccess {
  constructor(
    @Inject(READ_POOL) private readonly db: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async check(caller: Caller, actionId: string, use: ActionUse): Promise<void> {
    if (await this.allowed(caller, actionId, use)) return;
    // refusing an id that does not exist in the caller's tenant would confirm it exists elsewhere: 404
    const [first] = await this.store.readStream(actionStreamId(actionId), { toVersion: 1 });
    if (!first || first.metadata.tenantId !== caller.tenantId) throw notFound('action', actionId);
    throw new ApiError(403, 'AUTH.FORBIDDEN', forbiddenMessage(caller, use), { role: caller.role, use });
  }

  private async allowed(caller: Caller, actionId: string, use: ActionUse): Promise<boolean> {
    switch (caller.role) {
      case 'coordinator':
        return true;
      case 'member':
        if (use === 'read' || use === 'history') return true;
        if (use === 'archive') return false;
        return isActionInScopeOfUserGroups(this.db, caller.tenantId, caller.id, actionId);
      case 'partner':
        if (use === 'edit' || use === 'archive' || !caller.partnerId) return false;
        return isActionOfPartner(this.db, caller.tenantId, caller.partnerId, actionId);
      case 'viewer':
        return use === 'read';
    }
  }
}

function forbiddenMessage(caller: Caller, use: ActionUse): string {
  if (caller.role === 'member') return 'members change only the actions in the scope of their working groups';
  if (caller.role === 'partner')
    return 'partners see and note only the actions their organisation leads or partners on';
  return `the role ${caller.role} may not ${use} actions`;
}
