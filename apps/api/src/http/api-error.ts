import { HttpException } from '@nestjs/common';

/**
 * The one error shape clients see (API.md "Conventions"):
 * `{ statusCode, code, message, details? }`. `code` is stable and documented in docs/errors.md.
 */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

export class ApiError extends HttpException {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(
      { statusCode, code, message, ...(details === undefined ? {} : { details }) } satisfies ErrorBody,
      statusCode,
    );
  }
}

export const notFound = (what: string, id?: string): ApiError =>
  new ApiError(404, `${what.toUpperCase()}.NOT_FOUND`, id ? `no ${what} with id ${id}` : `no such ${what}`);
