import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '#domain';
import { UserAdmin, systemContext, type CommandContext } from '#commands';
import type { AppConfig } from '#platform';
import type { InvitationClaim, NotificationSender } from '#notifications';
import { Public, Roles } from '../auth/roles.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { Write, type WriteRequest } from '../http/request-context.js';
import { APP_CONFIG, NOTIFICATION_SENDER } from '../injection-tokens.js';
import { AcceptInvitationDto, InvitationTokenDto, InviteUserDto } from './invitations.dto.js';

/**
 * Invitations: a coordinator creates an account without handing over a password; the person gets a mail (the
 * notifications outbox) with a signed link that sets the password once, until it expires.
 */
@ApiTags('users')
@Controller()
export class InvitationsController {
  constructor(
    private readonly users: UserAdmin,
    @Inject(NOTIFICATION_SENDER) private readonly sender: NotificationSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('users/invitations')
  @ApiBearerAuth()
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Create an account and mail the person an invitation link to choose her password',
  })
  @ApiWriteResult()
  invite(@Body() body: InviteUserDto, @Write({ versioned: false }) { context: ctx }: WriteRequest) {
    return this.users.invite(
      { userId: body.id, email: body.email, name: body.name, role: body.role, partnerId: body.partnerId },
      this.expiresAt(ctx),
      ctx,
    );
  }

  @Post('users/:userId/invitation')
  @ApiBearerAuth()
  @Roles('coordinator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mail a new invitation link; an earlier link stops working' })
  @ApiWriteResult()
  reinvite(
    @Param('userId', IdParam) userId: string,
    @Write({ versioned: false }) { context: ctx }: WriteRequest,
  ) {
    return this.users.issueInvitation(userId, this.expiresAt(ctx), ctx);
  }

  @Post('invitations/check')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Whether an invitation link still works (no login): the account it is for and until when',
  })
  @ApiErrors(422)
  async check(@Body() body: InvitationTokenDto) {
    const claim = this.verify(body.token);
    return this.users.openInvitation(
      claim.tenantId,
      claim.userId,
      claim.invitationId,
      new Date().toISOString(),
    );
  }

  @Post('invitations/accept')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Choose the password with an invitation link (no login); the link then stops working',
  })
  @ApiErrors(422)
  async accept(@Body() body: AcceptInvitationDto) {
    const claim = this.verify(body.token);
    // no login: the person acts as herself, in the tenant the signed link names
    const ctx = systemContext(claim.tenantId, claim.userId);
    const account = await this.users.openInvitation(
      claim.tenantId,
      claim.userId,
      claim.invitationId,
      ctx.now,
    );
    const result = await this.users.acceptInvitation(claim.userId, claim.invitationId, body.password, ctx);
    return { email: account.email, position: result.position };
  }

  private expiresAt(ctx: CommandContext): string {
    return new Date(Date.parse(ctx.now) + this.config.invitationTtlSeconds * 1000).toISOString();
  }

  private verify(token: string): InvitationClaim {
    const claim = this.sender.invitationTokens.verify(token);
    if (!claim) throw new DomainError('USER.INVITATION_INVALID');
    return claim;
  }
}
