import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { MAIL_LANGUAGES, NOTIFICATION_MODES, type MailLanguage, type NotificationMode } from '#notifications';
import { TextField } from '../http/common.dto.js';

export class MailPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_MODES, description: 'none, instant, daily or weekly (digest)' })
  @IsIn(NOTIFICATION_MODES)
  mode!: NotificationMode;

  @ApiProperty({ enum: MAIL_LANGUAGES, description: 'the language of the mails: nl or en' })
  @IsIn(MAIL_LANGUAGES)
  language!: MailLanguage;
}

export class UnsubscribeQueryDto {
  @TextField(1000, { empty: true, doc: { description: 'the token from the link in a mail' } })
  token!: string;
}
