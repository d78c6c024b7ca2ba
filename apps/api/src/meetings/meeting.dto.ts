import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { MAX_INT } from '../http/input-guard.js';
import {
  AGENDA_ITEM_KINDS,
  ATTENDANCE_STATUSES,
  MAX_ROUND_SIZE,
  type AgendaItemKind,
  type AttendanceStatus,
} from '#domain';
import { VersionedDto } from '../actions/action.dto.js';
import { ReadQueryDto } from '../http/read-query.dto.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT_EXAMPLE = '2024-03-05T14:00:00+01:00';

export class ScheduleMeetingDto extends VersionedDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'client-chosen id (makes the creation retry-safe)' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Werkgroep dak- en thuislozen, maart' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: INSTANT_EXAMPLE, description: 'date and time with offset' })
  @IsISO8601(
    { strict: true },
    { message: `startsAt must be a date and time with offset, e.g. ${INSTANT_EXAMPLE}` },
  )
  startsAt!: string;

  @ApiPropertyOptional({ example: 'Stadhuis, zaal 2', description: 'a place or a link', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string | null;
}

export class RescheduleMeetingDto extends VersionedDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ example: INSTANT_EXAMPLE })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: `startsAt must be a date and time with offset, e.g. ${INSTANT_EXAMPLE}` },
  )
  startsAt?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string | null;
}

export class CancelMeetingDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class AttendanceDto extends VersionedDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'a member of the working group (or send guestName)' })
  @ValidateIf((dto: AttendanceDto) => dto.guestName === undefined || dto.userId !== undefined)
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: 'a guest who is not a user (or send userId)' })
  @ValidateIf((dto: AttendanceDto) => dto.userId === undefined || dto.guestName !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  guestName?: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status!: AttendanceStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "the organisation (default: the member's in the group)",
  })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional({ description: 'an organisation that is not a partner of the tenant (for a guest)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisation?: string;
}

export class AgendaItemDto extends VersionedDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ enum: AGENDA_ITEM_KINDS })
  @IsIn(AGENDA_ITEM_KINDS)
  kind!: AgendaItemKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'the action, signal or proposal (not for a topic)' })
  @ValidateIf((dto: AgendaItemDto) => dto.kind !== 'topic' || dto.refId !== undefined)
  @IsUUID()
  refId?: string;

  @ApiPropertyOptional({
    description:
      "required for a topic; default: the action's code and title, the signal's or proposal's text",
  })
  @ValidateIf((dto: AgendaItemDto) => dto.kind === 'topic' || dto.title !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title?: string;
}

export class AgendaOrderDto extends VersionedDto {
  @ApiProperty({ type: [String], description: 'every agenda item id, in the new order' })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  order!: string[];
}

export class CorrectionDto extends VersionedDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ format: 'uuid', description: 'an ended meeting of the same working group' })
  @IsUUID()
  correctsMeetingId!: string;

  @ApiProperty({ example: 'CAW was verontschuldigd, niet afwezig.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  text!: string;
}

export class DecisionDto extends VersionedDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  text!: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  actionIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'the agenda item the decision belongs to' })
  @IsOptional()
  @IsUUID()
  agendaItemId?: string;
}

export class NextStepDto extends VersionedDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  text!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the person who does it (and/or ownerPartnerId)' })
  @ValidateIf((dto: NextStepDto) => dto.ownerPartnerId === undefined || dto.ownerUserId !== undefined)
  @IsUUID()
  ownerUserId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the organisation that does it (and/or ownerUserId)' })
  @IsOptional()
  @IsUUID()
  ownerPartnerId?: string;

  @ApiPropertyOptional({ example: '2024-04-30' })
  @IsOptional()
  @Matches(DATE, { message: 'dueDate must be a date written as YYYY-MM-DD' })
  dueDate?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the action the step is about' })
  @IsOptional()
  @IsUUID()
  actionId?: string;
}

export class ProposalDto extends VersionedDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Sectoroverschrijdend werken' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  text!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  themeId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  actionIds?: string[];
}

export class OpenRoundDto extends VersionedDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({
    default: 5,
    minimum: 1,
    maximum: MAX_ROUND_SIZE,
    description: 'the top N each member names',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ROUND_SIZE)
  size?: number;

  @ApiPropertyOptional({
    default: true,
    description: 'ranked: N points for the 1st ... 1 for the Nth; unranked: 1 each',
  })
  @IsOptional()
  @IsBoolean()
  ranked?: boolean;
}

export class BallotDto extends VersionedDto {
  @ApiProperty({ type: [String], description: "the caller's top N proposal ids, best first" })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ROUND_SIZE)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  proposalIds!: string[];
}

export const MINUTES_FORMATS = ['md', 'html', 'json'] as const;

export class MinutesQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: MINUTES_FORMATS, default: 'md' })
  @IsOptional()
  @IsIn(MINUTES_FORMATS)
  format?: (typeof MINUTES_FORMATS)[number];

  @ApiPropertyOptional({ enum: ['nl', 'en'], default: 'nl' })
  @IsOptional()
  @IsIn(['nl', 'en'])
  lang?: 'nl' | 'en';

  @ApiPropertyOptional({ description: 'an earlier revision (default: the latest)', maximum: MAX_INT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  revision?: number;
}
