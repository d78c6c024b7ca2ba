import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { MAX_INT } from './input-guard.js';

// The pieces the request DTOs (`*.dto.ts` beside each controller) are built from: the expected version every
// write may carry, and one property decorator per repeated field shape.

/** Every write may carry the version the client saw (or send it as If-Match). */
export class VersionedDto {
  @ApiPropertyOptional({
    description: 'the version the client saw; a mismatch is 409 ACTION.VERSION_CONFLICT',
    minimum: 0,
    maximum: MAX_INT,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  expectedVersion?: number;
}

/**
 * The field shapes the request DTOs repeat (a text with a maximum length, an id, a list of ids), each one
 * property decorator: the OpenAPI description and the class-validator rules together, so a field is declared
 * once. The rules register in the order they would when stacked by hand (the bottom one first), which keeps
 * the order of the messages in a 400 as it was.
 */
export function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorator of [...decorators].reverse()) decorator(target, key);
  };
}

export interface FieldOptions {
  /** the client may leave it out (`@IsOptional()`, optional in OpenAPI) */
  optional?: boolean;
  /** the OpenAPI description, example, nullable … of the field */
  doc?: ApiPropertyOptions;
}

const documented = ({ optional, doc }: FieldOptions): PropertyDecorator =>
  optional ? ApiPropertyOptional(doc) : ApiProperty(doc);

const optionally = (options: FieldOptions): PropertyDecorator[] => (options.optional ? [IsOptional()] : []);

/** A text of at most `max` characters; not empty unless `empty: true`. */
export function TextField(max: number, options: FieldOptions & { empty?: boolean } = {}): PropertyDecorator {
  return stacked(
    documented(options),
    ...optionally(options),
    IsString(),
    ...(options.empty ? [] : [IsNotEmpty()]),
    MaxLength(max),
  );
}

/**
 * An id (a UUID). `nullable: true`: the client may send null (it clears the reference), which a required
 * field must then be, or a UUID.
 */
export function IdField(options: FieldOptions & { nullable?: boolean } = {}): PropertyDecorator {
  return stacked(
    documented({
      ...options,
      doc: { format: 'uuid', ...(options.nullable && { nullable: true }), ...options.doc },
    }),
    ...optionally(options),
    ...(options.nullable ? [ValidateIf((_: unknown, value: unknown) => value !== null)] : []),
    IsUUID(),
  );
}

/** The client-chosen id of what a write creates: retrying the creation with it writes nothing new. */
export const ClientIdField = (description = 'client-chosen id (makes the creation retry-safe)') =>
  IdField({ optional: true, doc: { description } });

/** A list of distinct ids, at least `min` and at most `max` of them when given. */
export function IdListField(options: FieldOptions & { min?: number; max?: number } = {}): PropertyDecorator {
  return stacked(
    documented({ ...options, doc: { type: [String], ...options.doc } }),
    ...optionally(options),
    IsArray(),
    ...(options.min === undefined ? [] : [ArrayMinSize(options.min)]),
    ...(options.max === undefined ? [] : [ArrayMaxSize(options.max)]),
    ArrayUnique(),
    IsUUID('all', { each: true }),
  );
}

/** A calendar date as the API writes it: 2025-12-31. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
