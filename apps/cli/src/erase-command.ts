import {
  ErasureService,
  TEXT_AGGREGATES,
  systemContext,
  type ErasureSubject,
  type TextAggregate,
} from '#commands';
import { ERASURE_LEGAL_GROUNDS, type ErasureLegalGround } from '#domain';
import { withSession } from './commands.js';

export interface EraseOptions {
  tenant: string;
  user?: string;
  guest?: string;
  signal?: string;
  /** one free-text item: `<action|signal|meeting|period|indicator|plan|working-group>/<id>@<version>` */
  text?: string;
  ground: string;
  /** the user id recorded as who erased (default: the system) */
  as?: string;
}

/**
 * `erase`: the CLI's `POST /api/erasures` (docs/privacy.md): deletes a data subject's keys and records
 * `ErasureRecorded`; the projections replay the tenant so the read models show "erased".
 */
export async function eraseCommand(options: EraseOptions): Promise<void> {
  const given = [options.user, options.guest, options.signal, options.text].filter((v) => v !== undefined);
  if (given.length !== 1)
    throw new Error(
      'name exactly one subject: --user <id>, --guest <name>, --signal <id> or --text <aggregate/id@version>',
    );
  if (!(ERASURE_LEGAL_GROUNDS as readonly string[]).includes(options.ground))
    throw new Error(`--ground must be one of ${ERASURE_LEGAL_GROUNDS.join(', ')}`);
  const subject: ErasureSubject =
    options.user !== undefined
      ? { kind: 'user', userId: options.user }
      : options.guest !== undefined
        ? { kind: 'guest', guestName: options.guest }
        : options.signal !== undefined
          ? { kind: 'signal-reporter', signalId: options.signal }
          : textTarget(options.text!);
  await withSession(async ({ store, identity }) => {
    const service = new ErasureService(store, store, identity);
    const context = systemContext(options.tenant, options.as);
    const result = await service.erase(subject, options.ground as ErasureLegalGround, context);
    console.log(
      `erasure ${result.erasureId} recorded at ${result.position}: ${result.keysErased} key(s) deleted (${subject.kind})`,
    );
  });
}

/**
 * `action/<id>@7` (`working-group/<id>@2`...) as the text erasure's target; anything else is refused with the
 * expected form
 */
export function textTarget(value: string): ErasureSubject {
  const match = /^([a-z][a-z-]*)\/([0-9a-f-]{36})@([1-9][0-9]{0,9})$/i.exec(value.trim());
  const aggregate = match?.[1]?.toLowerCase();
  const version = Number(match?.[3]);
  if (
    !match ||
    !(TEXT_AGGREGATES as readonly string[]).includes(aggregate!) ||
    !Number.isSafeInteger(version) ||
    version > 2_147_483_647
  )
    throw new Error(`--text must be <${TEXT_AGGREGATES.join('|')}>/<id>@<version>, e.g. action/<uuid>@7`);
  return { kind: 'text', aggregate: aggregate as TextAggregate, aggregateId: match[2]!, version };
}
