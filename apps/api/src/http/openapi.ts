import { applyDecorators, RequestMethod, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';

/** where `@ApiResponse` keeps a route's responses (`@nestjs/swagger`'s DECORATORS.API_RESPONSE) */
const API_RESPONSES = 'swagger/apiResponse';
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

const WRITE_RESULT = Symbol('openapi:write-result');
const WRITE_RESULT_DESCRIPTION = 'written (or recognised as a retry)';

/**
 * A write: `{ id, version, position }`, and the errors every write can answer. Its success status is the one
 * the route answers (`@HttpCode`, else 201 for a POST and 200 for the others), set when the document is made
 * (`documentSuccessResponses`): the route's own decorators are not all applied yet when this one runs.
 */
export function ApiWriteResult(): MethodDecorator {
  return applyDecorators(ApiErrors(400, 404, 409, 422), (_target, _key, descriptor) => {
    Reflect.defineMetadata(WRITE_RESULT, true, descriptor.value as object);
  });
}

/** the status a route answers on success, as Nest sends it */
export function successStatus(handler: object): number {
  const status = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
  if (status) return status;
  return Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? 201 : 200;
}

/**
 * Gives every route its success response at the status it really answers; call it before
 * `SwaggerModule.createDocument`. An `ApiWriteResult` route gets the write result there; a route that
 * documents only its errors (so Swagger adds no default) gets a plain success entry, so that a client
 * generated from the document knows what success looks like.
 */
export function documentSuccessResponses(controllers: Iterable<Type>): void {
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
      const handler = descriptor?.value as object | undefined;
      if (
        !handler ||
        typeof handler !== 'function' ||
        Reflect.getMetadata(METHOD_METADATA, handler) === undefined
      )
        continue;
      const status = successStatus(handler);
      if (Reflect.getMetadata(WRITE_RESULT, handler)) {
        ApiResponse({ status, type: WriteResultDoc, description: WRITE_RESULT_DESCRIPTION })(
          prototype,
          key,
          descriptor!,
        );
        continue;
      }
      const responses = Reflect.getMetadata(API_RESPONSES, handler) as Record<string, unknown> | undefined;
      if (responses && !Object.keys(responses).some((code) => code.startsWith('2')))
        ApiResponse({ status, description: status === 204 ? 'done, no content' : 'success' })(
          prototype,
          key,
          descriptor!,
        );
    }
  }
}

/** A read that answers a file or document in one of `types` (200), or a 400 or 404 in the error shape. */
export function ApiFile(description: string, ...types: string[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiProduces(...types),
    ApiResponse({ status: 200, description }),
    ApiErrors(400, 404),
  );
}
