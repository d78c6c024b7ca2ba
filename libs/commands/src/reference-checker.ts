import { partnerStreamId } from '#domain';
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
}
