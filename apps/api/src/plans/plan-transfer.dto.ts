import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { TRANSFER_FORMATS, type TransferFormat } from '#transfer';
import { ReadQueryDto } from '../http/read-query.dto.js';

export class TransferFormatQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: TRANSFER_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(TRANSFER_FORMATS)
  format?: TransferFormat;
}

export class ImportActionsDto {
  @ApiProperty({
    description:
      'the file as text: CSV (RFC 4180, header row, UTF-8, BOM optional, `,` or `;` separated) or JSON (an array)',
  })
  @IsString()
  @MaxLength(1_900_000)
  content!: string;

  @ApiPropertyOptional({ description: 'check every row, write nothing', default: false })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class RowErrorDoc {
  @ApiProperty({ description: 'CSV: physical line where the row starts (header = 1); JSON: array index + 1' })
  line!: number;
  @ApiProperty({ example: 'dueDate' }) field!: string;
  @ApiProperty({ example: '"2025-02-30" is not an existing date written as YYYY-MM-DD' }) message!: string;
}

export class ImportResultDoc {
  @ApiProperty({ description: 'actions written (0 for a dry run)' }) imported!: number;
  @ApiProperty({ description: 'data rows in the file' }) total!: number;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: [RowErrorDoc], description: 'always empty here: invalid rows answer 422' })
  errors!: RowErrorDoc[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'position of the last event written; pass it as minPosition to reads (the export too)',
  })
  position!: string | null;
}
