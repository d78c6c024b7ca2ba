import { randomBytes, randomUUID } from 'node:crypto';
import { createdId } from './event-ids.js';
import { tenantDecider, userDecider, type UserCommand, type UserRole } from '#domain';
import type { EventStore } from '#event-store';
import { EmailTakenError, PASSWORD_MIN_LENGTH, hashPassword, type IdentityStore } from '#identity';
import type { CommandContext, WriteResult } from './command-context.js';
import { CommandError } from './command-error.js';
import { CommandExecutor } from './command-executor.js';
import { ReferenceChecker } from './reference-checker.js';
import { loadAggregate } from './load-aggregate.js';

export interface NewUser {
  userId?: string;
  email: string;
  name: string;
  role: UserRole;
  partnerId?: string | null;
  password: string;
  demo?: boolean;
}

/**
 * Tenants and user accounts. An account lives twice: as events in the user's stream (the history a
 * coordinator audits) and as a row in the identity store (what login and the auth guard read). This
 * service keeps the two in step: the row is written first where a uniqueness rule (the email) must hold,
 * and after the events for every other change.
 */
/** An account to create without a password: the person chooses it through the invitation link. */
export type InvitedUser = Omit<NewUser, 'password' | 'demo'>;

export interface InvitationIssued extends WriteResult {
  userId: string;
  invitationId: string;
  expiresAt: string;
}

export class UserAdmin {
  private readonly executor: CommandExecutor;
  private readonly references: ReferenceChecker;

  constructor(
    private readonly store: EventStore,
    private readonly identity: IdentityStore,
  ) {
    this.executor = new CommandExecutor(store);
    this.references = new ReferenceChecker(store);
  }

  createTenant(tenantId: string, name: string, demo: boolean, context: CommandContext): Promise<WriteResult> {
    return this.executor.execute(
      tenantDecider,
      tenantId,
      { type: 'CreateTenant', data: { tenantId, name, demo } },
      {
        ...context,
        tenantId,
      },
    );
  }

  async register(user: NewUser, context: CommandContext): Promise<WriteResult> {
    // demo accounts share the documented password "demo" (API.md); every real account needs a proper one
    if (!user.demo) checkPassword(user.password);
    if (user.partnerId) await this.references.partnerExists(context.tenantId, user.partnerId, 'partnerId');
    const userId = user.userId ?? createdId(context, 'user');
    // a retried request (same Idempotency-Key) answers the first result before the account is touched
    const previous = await this.executor.previousResult(userDecider, userId, context);
    if (previous) return previous;
    const email = user.email.trim().toLowerCase();
    try {
      await this.identity.createAccount({
        userId,
        tenantId: context.tenantId,
        email,
        name: user.name.trim(),
        role: user.role,
        partnerId: user.partnerId ?? null,
        disabled: false,
        passwordHash: await hashPassword(user.password),
      });
    } catch (error) {
      if (error instanceof EmailTakenError) {
        throw new CommandError('USER.EMAIL_TAKEN', error.message, { field: 'email' });
      }
      throw error;
    }
    try {
      return await this.executor.execute(
        userDecider,
        userId,
        {
          type: 'RegisterUser',
          data: {
            userId,
            email,
            name: user.name,
            role: user.role,
            partnerId: user.partnerId ?? null,
            demo: user.demo ?? false,
          },
        },
        context,
      );
    } catch (error) {
      await this.identity.deleteAccount(userId);
      throw error;
    }
  }

  /** A change to an existing account: the event first (the decider checks it), then the identity row. */
  async change(userId: string, command: UserCommand, context: CommandContext, expectedVersion?: number) {
    const result = await this.executor.execute(
      userDecider,
      userId,
      command,
      context,
      expectedVersion,
      async () => {
        const partnerId =
          command.type === 'ChangeUserPartner' || command.type === 'ChangeUserRole'
            ? command.data.partnerId
            : null;
        if (partnerId) await this.references.partnerExists(context.tenantId, partnerId, 'partnerId');
      },
    );
    switch (command.type) {
      case 'RenameUser':
        await this.identity.update(userId, { name: command.data.name.trim() });
        break;
      case 'ChangeUserRole':
        await this.identity.update(userId, {
          role: command.data.role,
          ...(command.data.partnerId !== undefined ? { partnerId: command.data.partnerId } : {}),
        });
        break;
      case 'ChangeUserPartner':
        await this.identity.update(userId, { partnerId: command.data.partnerId });
        break;
      case 'DisableUser':
        await this.identity.update(userId, { disabled: true });
        await this.identity.revokeUserSessions(userId, 'user disabled');
        break;
      case 'EnableUser':
        await this.identity.update(userId, { disabled: false });
        break;
      default:
        break;
    }
    return result;
  }

  /**
   * Creates the account with a password nobody knows (a random one, never shown or stored in clear) and issues
   * an invitation link: `UserInvited`, which the notifications outbox mails. The person chooses the password
   * through the link (`acceptInvitation`).
   */
  async invite(user: InvitedUser, expiresAt: string, context: CommandContext): Promise<InvitationIssued> {
    const userId = user.userId ?? createdId(context, 'user');
    await this.register({ ...user, userId, password: randomBytes(32).toString('base64url') }, context);
    return this.issueInvitation(userId, expiresAt, {
      ...context,
      idempotencyKey: context.idempotencyKey && `${context.idempotencyKey}#invite`,
    });
  }

  /** A new invitation link for an existing account; an earlier link stops working. */
  async issueInvitation(
    userId: string,
    expiresAt: string,
    context: CommandContext,
  ): Promise<InvitationIssued> {
    const invitationId = randomUUID();
    const result = await this.executor.execute(
      userDecider,
      userId,
      { type: 'InviteUser', data: { userId, invitationId, expiresAt } },
      context,
    );
    // a retried request answers the first result: read the invitation it issued
    const { state } = await loadAggregate(this.store, userDecider, userId, context.tenantId);
    const invitation = state.status === 'absent' ? null : state.invitation;
    return {
      ...result,
      userId,
      invitationId: invitation?.invitationId ?? invitationId,
      expiresAt: invitation?.expiresAt ?? expiresAt,
    };
  }

  /** The account an invitation link names, while the link still works (for the set-password page). */
  async openInvitation(
    tenantId: string,
    userId: string,
    invitationId: string,
    now: string,
  ): Promise<{ email: string; name: string; expiresAt: string }> {
    const { state } = await loadAggregate(this.store, userDecider, userId, tenantId);
    // the decider's rules, without writing: used, replaced, expired, disabled
    userDecider.decide({ type: 'AcceptInvitation', data: { userId, invitationId } }, state, {
      now,
      actorId: userId,
    });
    if (state.status === 'absent' || !state.invitation) throw new Error('unreachable: the decider refused');
    return { email: state.email, name: state.name, expiresAt: state.invitation.expiresAt };
  }

  /**
   * The person chose her password through the link: the event first (the decider refuses a used, replaced or
   * expired link, so a link works once), then the hash; sessions of the account end.
   */
  async acceptInvitation(
    userId: string,
    invitationId: string,
    password: string,
    context: CommandContext,
  ): Promise<WriteResult> {
    checkPassword(password);
    const result = await this.executor.execute(
      userDecider,
      userId,
      { type: 'AcceptInvitation', data: { userId, invitationId } },
      context,
    );
    await this.identity.setPasswordHash(userId, await hashPassword(password));
    await this.identity.revokeUserSessions(userId, 'password chosen through an invitation');
    return result;
  }

  /** A coordinator sets a new password; the user's sessions end. */
  async resetPassword(userId: string, password: string, context: CommandContext): Promise<WriteResult> {
    checkPassword(password);
    const result = await this.executor.execute(
      userDecider,
      userId,
      { type: 'ChangeUserPassword', data: { userId, by: 'admin' } },
      context,
    );
    await this.identity.setPasswordHash(userId, await hashPassword(password));
    await this.identity.revokeUserSessions(userId, 'password reset by a coordinator');
    return result;
  }
}

function checkPassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new CommandError(
      'USER.PASSWORD_TOO_SHORT',
      `a password needs at least ${PASSWORD_MIN_LENGTH} characters`,
      {
        field: 'password',
      },
    );
  }
}
