import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { SentMails } from '#contracts';
import { NotificationQueries, type NotificationSender } from '#notifications';
import { Public, Roles } from '../auth/roles.js';
import { ApiError } from '../http/api-error.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiErrors } from '../http/openapi.js';
import { CurrentCaller, Write, type Caller, type WriteRequest } from '../http/request-context.js';
import { NOTIFICATION_SENDER } from '../injection-tokens.js';
import { MailPreferenceDto, UnsubscribeQueryDto } from './notifications.dto.js';

const notificationNotFound = (id: string): ApiError =>
  new ApiError(404, 'NOTIFICATION.NOT_FOUND', `no notification with id ${id}`);

/**
 * The outbox for people (docs/notifications.md): a person's notifications (the bell) and her mail
 * preference; the mails sent (coordinators: "Verzonden e-mails"); the one-click unsubscribe (no login).
 */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationQueries,
    @Inject(NOTIFICATION_SENDER) private readonly sender: NotificationSender,
  ) {}

  @Get()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'My notifications, newest first (50), and how many are unread' })
  list(@CurrentCaller() caller: Caller) {
    return this.notifications.list(caller.tenantId, caller.id);
  }

  @Post(':notificationId/read')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  @ApiErrors(404)
  async read(@Param('notificationId', IdParam) id: string, @CurrentCaller() caller: Caller): Promise<void> {
    if (!(await this.notifications.markRead(caller.tenantId, caller.id, id))) throw notificationNotFound(id);
  }

  @Post('read-all')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Mark all my notifications read' })
  async readAll(@CurrentCaller() caller: Caller): Promise<void> {
    await this.notifications.markAllRead(caller.tenantId, caller.id);
  }

  @Get('preferences')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'My mail preference: mode (none, instant, daily, weekly) and language' })
  preference(@CurrentCaller() caller: Caller) {
    return this.notifications.preference(caller.tenantId, caller.id);
  }

  @Put('preferences')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Set my mail preference (recorded as a NotificationPreferenceSet event)',
    description: 'Applies to notifications made after it; daily and weekly gather them in one digest mail.',
  })
  @ApiErrors(400)
  setPreference(@Body() body: MailPreferenceDto, @Write({ versioned: false }) write: WriteRequest) {
    return this.notifications.setPreference(
      write.caller.tenantId,
      write.caller.id,
      { mode: body.mode, language: body.language },
      'settings',
      write.caller.id,
      // not the request's correlation id: the event's id is derived from this one, and a client that sent the
      // same X-Correlation-Id twice would have its second choice taken for a retry of the first
      crypto.randomUUID(),
    );
  }

  @Get('mails')
  @Roles('coordinator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The mails sent in this city, newest first ("Verzonden e-mails")' })
  async mails(@CurrentCaller() caller: Caller): Promise<SentMails> {
    return { transport: this.sender.transportKind, items: await this.notifications.mails(caller.tenantId) };
  }

  @Get('mails/:notificationId')
  @Roles('coordinator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'One sent mail as HTML, as it was sent' })
  @ApiErrors(404)
  async mail(
    @Param('notificationId', IdParam) id: string,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const html = await this.notifications.mailHtml(caller.tenantId, id);
    if (html === null) throw notificationNotFound(id);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    // the mail's HTML is ours, but shown as a page it runs nothing and loads nothing
    response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return html;
  }

  @Get('unsubscribe')
  @Public()
  @ApiOperation({
    summary: 'The unsubscribe page of the link in every mail (no login): one button that confirms',
    description:
      'A GET changes nothing (mail scanners open links); the button POSTs. 400 NOTIFICATION.UNSUBSCRIBE_TOKEN_INVALID for a token that is not ours.',
  })
  @ApiErrors(400)
  unsubscribePage(
    @Query() query: UnsubscribeQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): string {
    this.verify(query.token);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Content-Security-Policy', "default-src 'none'; form-action 'self'");
    return page(
      `<form method="post" action="?token=${encodeURIComponent(query.token)}">` +
        '<p lang="nl">Wil je geen e-mails meer van het platform sociaal beleid? Je meldingen blijven in de app.</p>' +
        '<p lang="en">No more e-mails from the social policy platform? Your notifications stay in the app.</p>' +
        '<button type="submit">Afmelden / Unsubscribe</button></form>',
    );
  }

  @Post('unsubscribe')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'One-click unsubscribe (RFC 8058 List-Unsubscribe-Post; no login): mail preference becomes none',
  })
  @ApiErrors(400)
  async unsubscribe(
    @Query() query: UnsubscribeQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { tenantId, userId } = this.verify(query.token);
    const current = await this.notifications.preference(tenantId, userId);
    await this.notifications.setPreference(
      tenantId,
      userId,
      { mode: 'none', language: current.language },
      'unsubscribe',
      userId,
      crypto.randomUUID(),
    );
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Content-Security-Policy', "default-src 'none'");
    return page(
      '<p lang="nl">Je bent afgemeld: je krijgt geen e-mails meer. In de app kan je dit weer aanzetten.</p>' +
        '<p lang="en">You are unsubscribed: no more e-mails. You can turn them on again in the app.</p>',
    );
  }

  private verify(token: string): { tenantId: string; userId: string } {
    const found = this.sender.unsubscribeTokens.verify(token);
    if (!found)
      throw new ApiError(
        400,
        'NOTIFICATION.UNSUBSCRIBE_TOKEN_INVALID',
        'this unsubscribe link is not valid (copied incompletely?)',
      );
    return found;
  }
}

const page = (body: string): string =>
  `<!doctype html><html lang="nl-BE"><head><meta charset="utf-8"><title>Afmelden / Unsubscribe</title></head><body>${body}</body></html>`;
