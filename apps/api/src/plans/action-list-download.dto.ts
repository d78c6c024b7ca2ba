import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ListActionsQueryDto } from './plan.dto.js';

export const DOWNLOAD_FORMATS = ['csv', 'xlsx'] as const;

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export class DownloadActionsQueryDto extends ListActionsQueryDto {
  @ApiPropertyOptional({ enum: DOWNLOAD_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(DOWNLOAD_FORMATS)
  format?: (typeof DOWNLOAD_FORMATS)[number];

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'nl', description: 'column names and statuses' })
  @IsOptional()
  @IsIn(LANGUAGES)
  lang?: Language;
}
