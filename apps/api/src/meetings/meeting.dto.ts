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
  ValidateNested,
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

  @ApiProperty({
    example: INSTANT_EXAMPLE,
    description:
      'date and time with offset, or a date alone (2024-01-19) for a meeting without a time of day',
  })
  @IsISO8601(
    { strict: true },
    { message: `startsAt must be a date and time with offset, e.g. ${INSTANT_EXAMPLE}, or a date` },
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

/** one person's attendance: a member of the group (`userId`) or a guest (`guestName`) */
export class AttendanceEntryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'a member of the working group (or send guestName)' })
  @ValidateIf((dto: AttendanceEntryDto) => dto.guestName === undefined || dto.userId !== undefined)
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: 'a guest who is not a user (or send userId)' })
  @ValidateIf((dto: AttendanceEntryDto) => dto.userId === undefined || dto.guestName !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  guestName?: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status!: AttendanceStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "the partner organisation the person attends for (default: a member's organisation in the group)",
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

/** one person (the fields of an entry), or several at once (`attendees`), not both */
export class AttendanceDto extends VersionedDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'a member of the working group (or send guestName)' })
  @ValidateIf(
    (dto: AttendanceDto) =>
      dto.attendees === undefined && (dto.guestName === undefined || dto.userId !== undefined),
  )
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: 'a guest who is not a user (or send userId)' })
  @ValidateIf(
    (dto: AttendanceDto) =>
      dto.attendees === undefined && (dto.userId === undefined || dto.guestName !== undefined),
  )
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  guestName?: string;

  @ApiPropertyOptional({ enum: ATTENDANCE_STATUSES, description: 'required for one person' })
  @ValidateIf((dto: AttendanceDto) => dto.attendees === undefined || dto.status !== undefined)
  @IsIn(ATTENDANCE_STATUSES)
  status?: AttendanceStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "the partner organisation the person attends for (default: a member's organisation in the group)",
  })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional({ description: 'an organisation that is not a partner of the tenant (for a guest)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisation?: string;

  @ApiPropertyOptional({
    type: [AttendanceEntryDto],
    description: 'several people in one write (instead of the fields above); unchanged entries are skipped',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  attendees?: AttendanceEntryDto[];
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

  @ApiPropertyOptional({ description: 'discussion notes (Markdown)' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  notes?: string;
}

export class AgendaNotesDto extends VersionedDto {
  @ApiProperty({
    description: 'the discussion notes of the item (Markdown), replacing the earlier text; empty clears them',
    example: 'Het CAW ziet **meer jongeren** aankloppen.',
  })
  @IsString()
  @MaxLength(20000)
  notes!: string;
}

export class AgendaOrderDto extends VersionedDto {
  @ApiProperty({ type: [String], description: 'every agenda item id, in the new order' })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  order!: string[];
}

export class OutsideMeetingDto {
  @ApiProperty({ example: '2023-12-08', description: 'the date of that meeting' })
  @Matches(DATE, { message: 'date must be a date written as YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ example: 'Werkgroep dak- en thuislozen, december' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;
}

export class CorrectionDto extends VersionedDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'an ended meeting of the same working group (or send outsideMeeting)',
  })
  @ValidateIf((dto: CorrectionDto) => dto.outsideMeeting === undefined || dto.correctsMeetingId !== undefined)
  @IsUUID()
  correctsMeetingId?: string;

  @ApiPropertyOptional({
    type: () => OutsideMeetingDto,
    description: 'an earlier meeting whose minutes were kept outside the product (or send correctsMeetingId)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => OutsideMeetingDto)
  outsideMeeting?: OutsideMeetingDto;

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

  @ApiPropertyOptional({ example: 'netwerkdag 13/10', description: 'where the proposal came from' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;

  @ApiPropertyOptional({ example: 'Wonen', description: 'a category the minutes group proposals by' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  category?: string;
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
  @ApiProperty({ type: [String], description: 'the top N proposal ids, best first' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ROUND_SIZE)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  proposalIds!: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'on behalf of this present member (chair, secretary or coordinator only); without voterId or guestName: the caller',
  })
  @IsOptional()
  @IsUUID()
  voterId?: string;

  @ApiPropertyOptional({
    description: 'on behalf of this present guest (chair, secretary or coordinator only)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  guestName?: string;
}

export class TallyLineDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  proposalId!: string;

  @ApiProperty({ minimum: 0, maximum: 1_000_000 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  points!: number;
}

export class TallyDto extends VersionedDto {
  @ApiProperty({
    type: [TallyLineDto],
    description: 'points per proposal as counted on paper (proposals left out have 0)',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => TallyLineDto)
  scores!: TallyLineDto[];

  @ApiProperty({ minimum: 1, maximum: 10_000, description: 'how many people voted on paper' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  voters!: number;
}

export const MINUTES_FORMATS = ['md', 'html', 'pdf', 'json'] as const;

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
