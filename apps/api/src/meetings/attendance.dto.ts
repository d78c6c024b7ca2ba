import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '#domain';
import { IdField, TextField } from '../http/common.dto.js';
import { VersionedDto } from '../http/common.dto.js';

const MEMBER = { format: 'uuid', description: 'a member of the working group (or send guestName)' };
const GUEST = { description: 'a guest who is not a user (or send userId)' };
const ATTENDS_FOR = {
  description:
    "the partner organisation the person attends for (default: a member's organisation in the group)",
};
const ORGANISATION = { description: 'an organisation that is not a partner of the tenant (for a guest)' };

/** one person's attendance: a member of the group (`userId`) or a guest (`guestName`) */
export class AttendanceEntryDto {
  @ApiPropertyOptional(MEMBER)
  @ValidateIf((dto: AttendanceEntryDto) => dto.guestName === undefined || dto.userId !== undefined)
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional(GUEST)
  @ValidateIf((dto: AttendanceEntryDto) => dto.userId === undefined || dto.guestName !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  guestName?: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status!: AttendanceStatus;

  @IdField({ optional: true, doc: ATTENDS_FOR })
  partnerId?: string;

  @TextField(200, { optional: true, empty: true, doc: ORGANISATION })
  organisation?: string;
}

/** one person (the fields of an entry), or several at once (`attendees`), not both */
export class AttendanceDto extends VersionedDto {
  @ApiPropertyOptional(MEMBER)
  @ValidateIf(
    (dto: AttendanceDto) =>
      dto.attendees === undefined && (dto.guestName === undefined || dto.userId !== undefined),
  )
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional(GUEST)
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

  @IdField({ optional: true, doc: ATTENDS_FOR })
  partnerId?: string;

  @TextField(200, { optional: true, empty: true, doc: ORGANISATION })
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
