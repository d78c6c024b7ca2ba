import { ErasureService, systemContext, type ErasureSubject } from '#commands';
import { ERASURE_LEGAL_GROUNDS, type ErasureLegalGround } from '#domain';
import { withSession } from './commands.js';

export interface EraseOptions {
  tenant: string;
  user?: string;
  guest?: string;
  signal?: string;
  ground: string;
  /** the user id recorded as who erased (default: the system) */
  as?: string;
}

/**
 * `erase`: the CLI's `POST /api/erasures` (docs/privacy.md): deletes a data subject's keys and records
 * `ErasureRecorded`; the projections replay the tenant so the read models show "erased".
 */
export async function eraseCommand(options: EraseOptions): Promise<void> {
  const given = [options.user, options.guest, options.signal].filter((v) => v !== undefined);
  if (given.length !== 1)
    throw new Error('name exactly one subject: --user <id>, --guest <name> or --signal <id>');
  if (!(ERASURE_LEGAL_GROUNDS as readonly string[]).includes(options.ground))
    throw new Error(`--ground must be one of ${ERASURE_LEGAL_GROUNDS.join(', ')}`);
  const subject: ErasureSubject =
    options.user !== undefined
      ? { kind: 'user', userId: options.user }
      : options.guest !== undefined
        ? { kind: 'guest', guestName: options.guest }
        : { kind: 'signal-reporter', signalId: options.signal! };
  await withSession(async ({ store, identity }) => {
    const service = new ErasureService(store, store, identity);
    const context = systemContext(options.tenant, options.as);
    const result = await service.erase(subject, options.ground as ErasureLegalGround, context);
    console.log(
      `erasure ${result.erasureId} recorded at ${result.position}: ${result.keysErased} key(s) deleted (${subject.kind})`,
    );
  });
}
