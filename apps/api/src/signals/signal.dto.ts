import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SIGNAL_STATUSES, SIGNAL_URGENCIES, type SignalStatus, type SignalUrgency } from '#domain';
import { ClientIdField, IdField, IdListField, TextField } from '../http/common.dto.js';
import { AS_OF_DESCRIPTION, IsAsOf, MAX_PAGE_SIZE, PageQueryDto } from '../http/read-query.dto.js';
import { VersionedDto } from '../http/common.dto.js';

/** Where a signal comes from and what it says: shared by a signal on its own and one on an action. */
export class SignalOriginDto {
  @IdField({
    optional: true,
    doc: {
      description:
        "the partner organisation it comes from; a partner user's own organisation when left out (a partner may name no other)",
    },
  })
  partnerId?: string;

  @TextField(200, {
    optional: true,
    empty: true,
    doc: { description: 'who else it comes from (a citizen, an advisory council), without a partner' },
  })
  source?: string;

  @TextField(10000)
  text!: string;
}

export class SubmitSignalDto extends SignalOriginDto {
  @ClientIdField('client-chosen signal id (makes the submission retry-safe)')
  id?: string;

  @ApiPropertyOptional({ enum: SIGNAL_URGENCIES, default: 'normal' })
  @IsOptional()
  @IsIn(SIGNAL_URGENCIES)
  urgency?: SignalUrgency;

  @IdListField({ optional: true, max: 50, doc: { description: 'the themes it concerns' } })
  themeIds?: string[];

  @IdListField({ optional: true, max: 100, doc: { description: 'the actions it concerns' } })
  actionIds?: string[];
}

export class SignalVersionedDto extends VersionedDto {}

export class AnswerSignalDto extends VersionedDto {
  @TextField(10000, { doc: { description: 'the answer the partner (or citizen, council) gets' } })
  response!: string;
}

export class EscalateSignalDto extends VersionedDto {
  @TextField(200, {
    doc: { description: 'the higher government it is passed on to', example: 'Vlaamse overheid' },
  })
  to!: string;

  @TextField(10000, { doc: { description: 'what is asked of it' } })
  text!: string;
}

export class CloseSignalDto extends VersionedDto {
  @TextField(2000, {
    optional: true,
    empty: true,
    doc: { description: 'why it closes; required when it never got an answer' },
  })
  reason?: string;
}

export class ListSignalsQueryDto extends PageQueryDto {
  /** the inboxes answer 50 signals unless asked for more (the rules are PageQueryDto's) */
  @ApiPropertyOptional({ default: 50, maximum: MAX_PAGE_SIZE })
  override limit?: number = undefined;

  @ApiPropertyOptional({ description: AS_OF_DESCRIPTION, example: '2024-06-30' })
  @IsOptional()
  @IsAsOf()
  asOf?: string;

  @ApiPropertyOptional({ enum: SIGNAL_STATUSES })
  @IsOptional()
  @IsIn(SIGNAL_STATUSES)
  status?: SignalStatus;

  @ApiPropertyOptional({ enum: SIGNAL_URGENCIES })
  @IsOptional()
  @IsIn(SIGNAL_URGENCIES)
  urgency?: SignalUrgency;

  @IdField({ optional: true, doc: { description: 'concerns this theme, directly or through an action' } })
  themeId?: string;

  @IdField({ optional: true })
  actionId?: string;

  @IdField({ optional: true, doc: { description: "in this working group's scope" } })
  workingGroupId?: string;

  @IdField({ optional: true, doc: { description: 'from this partner organisation' } })
  partnerId?: string;
}
