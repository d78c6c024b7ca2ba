import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { INDICATOR_DIRECTIONS, type IndicatorDirection } from '#domain';
import { ClientIdField, DATE_PATTERN, IdField, TextField, VersionedDto } from '../http/common.dto.js';
import { AsOfQueryDto } from '../http/read-query.dto.js';

const VALUE_LIMIT = 1e12;

/** the reporting fields of a theme, goal or action: each one left out keeps its value */
export class NodeReportingDto extends VersionedDto {
  @ApiPropertyOptional({
    example: 'AP1.2',
    nullable: true,
    description:
      'the BBC code (BD1, AP1.2, AC1.2.3 or a city code like ST01BD06AP01), unique in the plan; null clears it',
  })
  @IsOptional()
  @ValidateIf((_: unknown, value: unknown) => value !== null)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, {
    message:
      'bbcCode must be at most 40 letters, digits or . - _ / without spaces, starting with a letter or digit',
  })
  bbcCode?: string | null;

  @ApiPropertyOptional({ description: 'marked priority (prioritair) by the council' })
  @IsOptional()
  @IsBoolean()
  priority?: boolean;

  @ApiPropertyOptional({
    example: 'SR-03',
    nullable: true,
    description: 'the Flemish sub-reporting code (beleidsrapportering); null clears it',
  })
  @IsOptional()
  @ValidateIf((_: unknown, value: unknown) => value !== null)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,19}$/, {
    message: 'subReportingCode must be at most 20 letters, digits or . - _ / without spaces',
  })
  subReportingCode?: string | null;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1000,
    description: "weight in the parent's progress (weighted average), default 1; 0 leaves it out",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1000)
  weight?: number;
}

const Direction = (optional: boolean): PropertyDecorator => {
  const doc = { enum: INDICATOR_DIRECTIONS, description: 'which way is good' };
  return (target, key) => {
    IsIn(INDICATOR_DIRECTIONS)(target, key);
    if (optional) IsOptional()(target, key);
    (optional ? ApiPropertyOptional(doc) : ApiProperty(doc))(target, key);
  };
};

const Value = (
  description: string,
  options: { nullable?: boolean; optional?: boolean } = {},
): PropertyDecorator => {
  return (target, key) => {
    Max(VALUE_LIMIT)(target, key);
    Min(-VALUE_LIMIT)(target, key);
    IsNumber({ allowNaN: false, allowInfinity: false })(target, key);
    if (options.nullable) ValidateIf((_: unknown, value: unknown) => value !== null)(target, key);
    if (options.optional) IsOptional()(target, key);
    const doc = {
      description,
      minimum: -VALUE_LIMIT,
      maximum: VALUE_LIMIT,
      ...(options.nullable && { nullable: true }),
    };
    (options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc))(target, key);
  };
};

const Year = (description: string, optional: boolean): PropertyDecorator => {
  return (target, key) => {
    Max(2200)(target, key);
    Min(1900)(target, key);
    IsInt()(target, key);
    ValidateIf((_: unknown, value: unknown) => value !== null)(target, key);
    if (optional) IsOptional()(target, key);
    (optional ? ApiPropertyOptional : ApiProperty)({
      description,
      nullable: true,
      minimum: 1900,
      maximum: 2200,
    })(target, key);
  };
};

const Margin = (): PropertyDecorator => (target, key) => {
  Max(100)(target, key);
  Min(0)(target, key);
  IsNumber({ allowNaN: false, allowInfinity: false })(target, key);
  IsOptional()(target, key);
  ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    description:
      'short of the target by at most this per cent of it is "attention", further "off track" (default 10)',
  })(target, key);
};

export class DefineIndicatorDto {
  @ClientIdField()
  id?: string;

  @IdField({ doc: { description: 'the theme, goal or action of the plan the indicator hangs on' } })
  nodeId!: string;

  @TextField(200, { doc: { example: 'Mensen met een Housing First-woning' } })
  name!: string;

  @TextField(40, { optional: true, empty: true, doc: { example: 'personen' } })
  unit?: string;

  @Direction(false)
  direction!: IndicatorDirection;

  @Value('the value at the start (with baselineYear)', { nullable: true, optional: true })
  baselineValue?: number | null;

  @Year('the year of the baseline value', true)
  baselineYear?: number | null;

  @Margin()
  attentionMarginPct?: number;
}

export class RedefineIndicatorDto extends VersionedDto {
  @TextField(200, { optional: true })
  name?: string;

  @TextField(40, { optional: true, empty: true })
  unit?: string;

  @Direction(true)
  direction?: IndicatorDirection;

  @Value('the value at the start (with baselineYear); null clears both', { nullable: true, optional: true })
  baselineValue?: number | null;

  @Year('the year of the baseline value', true)
  baselineYear?: number | null;

  @Margin()
  attentionMarginPct?: number;
}

export class IndicatorTargetDto extends VersionedDto {
  @Value('the target of the year; null removes it', { nullable: true })
  value!: number | null;
}

export class RecordMeasurementDto {
  @ClientIdField('client-chosen id of the measurement (makes the recording retry-safe)')
  id?: string;

  @Value('the measured value')
  value!: number;

  @ApiProperty({ example: '2025-06-30', description: 'the day the value describes' })
  @Matches(DATE_PATTERN, { message: 'date must be a date written as YYYY-MM-DD' })
  date!: string;

  @TextField(500, { optional: true, empty: true, doc: { example: 'OCMW-registratie' } })
  source?: string;

  @TextField(2000, { optional: true, empty: true })
  comment?: string;
}

export class CorrectMeasurementDto extends VersionedDto {
  @Value('the corrected value', { optional: true })
  value?: number;

  @ApiPropertyOptional({ example: '2025-06-30' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'date must be a date written as YYYY-MM-DD' })
  date?: string;

  @TextField(500, { optional: true, empty: true })
  source?: string;

  @TextField(2000, { optional: true, empty: true })
  comment?: string;

  @TextField(2000, { doc: { example: 'telfout in de registratie' } })
  reason!: string;
}

export class ArchiveIndicatorDto extends VersionedDto {
  @TextField(2000, { doc: { example: 'wordt niet meer gemeten' } })
  reason!: string;
}

export class ListIndicatorsQueryDto extends AsOfQueryDto {
  @IdField({ optional: true, doc: { description: 'only the indicators on this theme, goal or action' } })
  nodeId?: string;

  @ApiPropertyOptional({ description: 'true: archived indicators too' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeArchived?: 'true' | 'false';
}
