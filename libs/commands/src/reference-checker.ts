import { actionStreamId, partnerStreamId, planStreamId, userStreamId, workingGroupStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { CommandError } from './command-error.js';
import { planDecider } from './deciders.js';

/**
 * Checks ids a command refers to across aggregates (a lead or partner organisation must exist in the
 * caller's tenant and not be merged away). Deciders only see their own aggregate, so this happens here.
 */
export class ReferenceChecker {
  constructor(private readonly store: EventStore) {}

  async partnerExists(tenantId: string, partnerId: string, field: string): Promise<void> {
    const events = await this.store.readStream(partnerStreamId(partnerId));
    const unknown = events.length === 0 || events[0]!.metadata.tenantId !== tenantId;
    if (unknown) {
      throw new CommandError('PARTNER.UNKNOWN', `no partner organisation with id ${partnerId}`, {
        field,
        partnerId,
      });
    }
    const merged = events.find((event) => event.type === 'PartnerMerged');
    if (merged) {
      const into = (merged.data as { intoPartnerId: string }).intoPartnerId;
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
    await this.exists(planStreamId(planId), tenantId, 'PLAN.UNKNOWN', `no plan with id ${planId}`, field);
  }

  /** The user's partner organisation, after checking the user exists in the tenant. */
  async userExists(tenantId: string, userId: string, field: string): Promise<{ partnerId: string | null }> {
    const first = await this.exists(
      userStreamId(userId),
      tenantId,
      'USER.UNKNOWN',
      `no user with id ${userId}`,
      field,
    );
    return { partnerId: (first.data as { partnerId?: string | null }).partnerId ?? null };
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
      const events = await this.store.readStream(planStreamId(planId));
      if (events.length === 0 || events[0]!.metadata.tenantId !== tenantId)
        throw new CommandError('PLAN.UNKNOWN', `no plan with id ${planId}`, { field: 'planId' });
      const plan = events.reduce(
        (state, event) =>
          planDecider.evolve(state, event as unknown as Parameters<typeof planDecider.evolve>[1]),
        planDecider.initialState(),
      );
      const themes = plan.status === 'absent' ? new Map<string, unknown>() : plan.themes;
      const unknown = themeIds.filter((id) => !themes.has(id));
      if (unknown.length > 0)
        throw new CommandError('PLAN.THEME_UNKNOWN', `no theme with id ${unknown.join(', ')} in the plan`, {
          field: 'themeIds',
          ids: unknown,
        });
    }
    const unknownActions: string[] = [];
    for (const actionId of scope.actionIds ?? []) {
      const [first] = await this.store.readStream(actionStreamId(actionId), { toVersion: 1 });
      if (
        !first ||
        first.metadata.tenantId !== tenantId ||
        first.type !== 'ActionAdded' ||
        (first.data as { planId?: string }).planId !== planId
      )
        unknownActions.push(actionId);
    }
    if (unknownActions.length > 0)
      throw new CommandError('ACTION.UNKNOWN', `no action with id ${unknownActions.join(', ')} in the plan`, {
        field: 'actionIds',
        ids: unknownActions,
      });
  }

  /** The plan of a working group of the tenant (null when there is no such group). */
  async planOfWorkingGroup(tenantId: string, workingGroupId: string): Promise<string | null> {
    const [first] = await this.store.readStream(workingGroupStreamId(workingGroupId), { toVersion: 1 });
    if (!first || first.metadata.tenantId !== tenantId) return null;
    return (first.data as { planId?: string }).planId ?? null;
  }

  private async exists(streamId: string, tenantId: string, code: string, message: string, field: string) {
    const [first] = await this.store.readStream(streamId, { toVersion: 1 });
    if (!first || first.metadata.tenantId !== tenantId) throw new CommandError(code, message, { field });
    return first;
  }
}
