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

/** An edit that names none of the fields it can change: 400 in the validation shape, on the first field. */
export const nothingToChange = (fields: string[]): ApiError => {
  const send = `send ${fields.slice(0, -1).join(', ')}${fields.length > 1 ? ' and/or ' : ''}${fields.at(-1)}`;
  return new ApiError(400, 'REQUEST.VALIDATION_FAILED', `nothing to change: ${send}`, [
    { field: fields[0], messages: [send] },
  ]);
};
