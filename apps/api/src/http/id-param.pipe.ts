import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiError } from './api-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else cannot name an existing thing, so it is a 404 like any unknown id. */
@Injectable()
export class IdParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value))
      throw new ApiError(404, 'RESOURCE.NOT_FOUND', `no resource with id ${value.slice(0, 100)}`);
    return value.toLowerCase();
  }
}
