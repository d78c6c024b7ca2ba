import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { RULE_CHOICES, type RuleChoice } from '#commands';
import type { PlanEdits } from '#importer';

/** multipart fields arrive as strings: `"true"` is a boolean */
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** multipart fields are strings: `edits` arrives as JSON text */
const toObject = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

export class ImportPlanDto {
  @ApiPropertyOptional({
    description:
      'the plan document as text (JSON); or send the document itself as `file` (multipart/form-data)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1_500_000)
  text?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 're-import a newer version into this plan' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({
    enum: RULE_CHOICES,
    default: 'auto',
    description: 'how the document numbers its parts (`auto`: the preset that reads it best)',
  })
  @IsOptional()
  @IsIn(RULE_CHOICES)
  rules?: RuleChoice;

  @ApiPropertyOptional({ description: 'only show what would be imported (also as ?dryRun=true)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    description:
      'corrections from the preview: `{ titles?: { [code]: title }, placements?: [{ line, goal }], dropped?: [line] }` ' +
      '(in multipart/form-data as JSON text)',
  })
  @IsOptional()
  @Transform(toObject)
  @IsObject()
  edits?: PlanEdits;
}

export class ImportQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}
