import { partnerStreamId, planStreamId, userStreamId } from '#domain';
import type { EventStore } from '#event-store';
import { CommandError } from './command-error.js';

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

  private async exists(streamId: string, tenantId: string, code: string, message: string, field: string) {
    const [first] = await this.store.readStream(streamId, { toVersion: 1 });
    if (!first || first.metadata.tenantId !== tenantId) throw new CommandError(code, message, { field });
    return first;
  }
}
