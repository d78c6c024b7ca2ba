import { randomUUID } from 'node:crypto';
import type { CommandContext } from './command-context.js';

/** The actor of what the system does by itself (first start, CLI set-up): shown as "Systeem" / "System". */
export const SYSTEM_ACTOR_ID = '00000000-0000-4000-8000-000000000000';

export function systemContext(
  tenantId: string,
  actorId: string = SYSTEM_ACTOR_ID,
  now = new Date(),
): CommandContext {
  return {
    tenantId,
    actorId,
    correlationId: randomUUID(),
    causationId: null,
    meetingId: null,
    idempotencyKey: null,
    now: now.toISOString(),
  };
}
