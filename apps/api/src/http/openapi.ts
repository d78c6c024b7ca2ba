import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

export class ErrorBodyDoc {
  @ApiProperty({ example: 409 }) statusCode!: number;
  @ApiProperty({ example: 'ACTION.VERSION_CONFLICT', description: 'stable code, see docs/errors.md' })
  code!: string;
  @ApiProperty({ example: 'action 4f… is at version 7, not 5: it was changed meanwhile' }) message!: string;
  @ApiPropertyOptional({ description: '400: every invalid field; 409: currentVersion and missedEvents' })
  details?: unknown;
}

export class WriteResultDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "the aggregate's version after the write" }) version!: number;
  @ApiProperty({ description: 'global position of the last event written; pass it as minPosition to reads' })
  position!: string;
  @ApiProperty({ description: 'true when an Idempotency-Key retry wrote nothing new' }) duplicate!: boolean;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'invalid input: `details` lists every invalid field',
  403: 'not allowed (a role, or a wrong one-time code)',
  404: 'unknown id (or another tenant’s)',
  409: 'version conflict (details: currentVersion, missedEvents) or a duplicate code/id',
  413: 'the request or the uploaded file is too large',
  415: 'a file of a kind this route does not read',
  422: 'a business rule forbids it (e.g. ACTION.INVALID_STATUS_TRANSITION, with what is allowed)',
  503: 'not now: retry after the seconds in `Retry-After` (e.g. PERIOD.CATCHING_UP)',
};

export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorBodyDoc),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status],
        schema: { $ref: getSchemaPath(ErrorBodyDoc) },
      }),
    ),
  );
}

/** A write: `{ id, version, position }`, and the errors every write can answer. */
export function ApiWriteResult(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiResponse({ status: 200, type: WriteResultDoc, description: 'written (or recognised as a retry)' }),
    ApiErrors(400, 404, 409, 422),
  );
}

/** A read that answers a file or document in one of `types` (200), or a 400 or 404 in the error shape. */
export function ApiFile(description: string, ...types: string[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiProduces(...types),
    ApiResponse({ status: 200, description }),
    ApiErrors(400, 404),
  );
}
