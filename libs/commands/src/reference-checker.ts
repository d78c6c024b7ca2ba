import { actionDecider, partnerDecider, planDecider, userDecider, workingGroupDecider } from '#domain';
import type { EventStore } from '#event-store';
import { CommandError } from './command-error.js';
import { findAggregate } from './load-aggregate.js';

/**
 * Checks ids a command refers to across aggregates (a lead or partner organisation must exist in the
 * caller's tenant and not be merged away). Deciders only see their own aggregate, so this happens here.
 * Another tenant's aggregate is unknown, as one nobody created (`findAggregate`).
 */
export class ReferenceChecker {
  constructor(private readonly store: EventStore) {}

  async partnerExists(tenantId: string, partnerId: string, field: string): Promise<void> {
    const partner = await findAggregate(this.store, partnerDecider, partnerId, tenantId);
    if (!partner) {
      throw new CommandError('PARTNER.UNKNOWN', `no partner organisation with id ${partnerId}`, {
        field,
        partnerId,
      });
    }
    if (partner.state.status === 'merged') {
      const into = partner.state.intoPartnerId;
      throw new CommandError(
        'PARTNER.MERGED',
        `partner organisation ${partnerId} was merged into ${into}; use that one`,
        {
          field,
          partnerId,
          intoPartnerId: into,
        },
      );
    }
  }

  async planExists(tenantId: string, planId: string, field: string): Promise<void> {
    const plan = await findAggregate(this.store, planDecider, planId, tenantId, { toVersion: 1 });
    if (!plan) throw new CommandError('PLAN.UNKNOWN', `no plan with id ${planId}`, { field });
  }

  /** The user's partner organisation (as registered), after checking the user exists in the tenant. */
  async userExists(tenantId: string, userId: string, field: string): Promise<{ partnerId: string | null }> {
    const user = await findAggregate(this.store, userDecider, userId, tenantId, { toVersion: 1 });
    if (!user) throw new CommandError('USER.UNKNOWN', `no user with id ${userId}`, { field });
    return { partnerId: user.state.status === 'absent' ? null : user.state.partnerId };
  }

  /**
   * A working group's scope names themes of the group's own plan and actions placed in it: never ids of
   * another plan, or of another tenant (which would otherwise widen what the group's members may see and
   * change, and confirm that the ids exist). PLAN.THEME_UNKNOWN / ACTION.UNKNOWN with the unknown ids.
   */
  async scopeInPlan(
    tenantId: string,
    planId: string,
    scope: { themeIds?: readonly string[]; actionIds?: readonly string[] },
  ): Promise<void> {
    const themeIds = scope.themeIds ?? [];
    if (themeIds.length > 0) {
      const plan = await findAggregate(this.store, planDecider, planId, tenantId);
      if (!plan) throw new CommandError('PLAN.UNKNOWN', `no plan with id ${planId}`, { field: 'planId' });
      const themes = plan.state.status === 'absent' ? new Map<string, unknown>() : plan.state.themes;
      const unknown = themeIds.filter((id) => !themes.has(id));
      if (unknown.length > 0)
        throw new CommandError('PLAN.THEME_UNKNOWN', `no theme with id ${unknown.join(', ')} in the plan`, {
          field: 'themeIds',
          ids: unknown,
        });
    }
    const unknownActions: string[] = [];
    for (const actionId of scope.actionIds ?? []) {
      const action = await findAggregate(this.store, actionDecider, actionId, tenantId, { toVersion: 1 });
      if (!action || action.state.status === 'absent' || action.state.planId !== planId)
        unknownActions.push(actionId);
    }
    if (unknownActions.length > 0)
      throw new CommandError('ACTION.UNKNOWN', `no action with id ${unknownActions.join(', ')} in the plan`, {
        field: 'actionIds',
        ids: unknownActions,
      });
  }

  /**
   * The kind of a node of the plan (a theme, a goal or a placed action, not archived) that an indicator is
   * defined on: `PLAN.NOT_FOUND` for an unknown plan, `PLAN.NODE_UNKNOWN` (422) for a node not in it.
   */
  async planNode(tenantId: string, planId: string, nodeId: string): Promise<'theme' | 'goal' | 'action'> {
    const plan = await findAggregate(this.store, planDecider, planId, tenantId);
    if (!plan || plan.state.status === 'absent')
      throw new CommandError('PLAN.NOT_FOUND', `no plan with id ${planId}`, { planId });
    const { themes, goals, actions } = plan.state;
    if (themes.get(nodeId)?.archived === false) return 'theme';
    if (goals.get(nodeId)?.archived === false) return 'goal';
    if (actions.get(nodeId)?.placed === true) return 'action';
    throw new CommandError('PLAN.NODE_UNKNOWN', `no theme, goal or placed action ${nodeId} in the plan`, {
      field: 'nodeId',
      nodeId,
    });
  }

  /** The plan of a working group of the tenant (null when there is no such group). */
  async planOfWorkingGroup(tenantId: string, workingGroupId: string): Promise<string | null> {
    const group = await findAggregate(this.store, workingGroupDecider, workingGroupId, tenantId, {
      toVersion: 1,
    });
    return !group || group.state.status === 'absent' ? null : group.state.planId;
  }
}
