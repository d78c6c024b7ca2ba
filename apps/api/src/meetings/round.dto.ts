import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_ROUND_SIZE } from '#domain';
import { ClientIdField, IdField, IdListField, TextField } from '../http/common.dto.js';
import { VersionedDto } from '../http/common.dto.js';

export class ProposalDto extends VersionedDto {
  @ClientIdField()
  id?: string;

  @TextField(2000, { doc: { example: 'Sectoroverschrijdend werken' } })
  text!: string;

  @IdField({ optional: true })
  themeId?: string;

  @IdListField({ optional: true, max: 100 })
  actionIds?: string[];

  @TextField(200, {
    optional: true,
    empty: true,
    doc: { example: 'netwerkdag 13/10', description: 'where the proposal came from' },
  })
  source?: string;

  @TextField(200, {
    optional: true,
    empty: true,
    doc: { example: 'Wonen', description: 'a category the minutes group proposals by' },
  })
  category?: string;
}

export class OpenRoundDto extends VersionedDto {
  @ClientIdField()
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
  @IdListField({ min: 1, max: MAX_ROUND_SIZE, doc: { description: 'the top N proposal ids, best first' } })
  proposalIds!: string[];

  @IdField({
    optional: true,
    doc: {
      description:
        'on behalf of this present member (chair, secretary or coordinator only); without voterId or guestName: the caller',
    },
  })
  voterId?: string;

  @TextField(200, {
    optional: true,
    doc: { description: 'on behalf of this present guest (chair, secretary or coordinator only)' },
  })
  guestName?: string;
}

export class TallyLineDto {
  @IdField()
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
