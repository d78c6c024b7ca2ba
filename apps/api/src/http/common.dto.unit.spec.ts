import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ApiError } from './api-error.js';
import { ClientIdField, IdField, IdListField, TextField } from './common.dto.js';
import { createValidationPipe } from './validation.js';
import { ListSignalsQueryDto } from '../signals/signal.dto.js';

/** where @nestjs/swagger keeps a property's OpenAPI options (DECORATORS.API_MODEL_PROPERTIES, not exported) */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/** The field decorators are the hand-stacked decorators they replace: same 400s, same OpenAPI. */
class ByHand {
  @ApiProperty({ example: 'x' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5)
  text!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5)
  note?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  lead?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'client-chosen id (makes the creation retry-safe)' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  order!: string[];
}

class WithFields {
  @TextField(5, { doc: { example: 'x' } })
  text!: string;

  @TextField(5, { optional: true, empty: true })
  note?: string;

  @IdField({ optional: true, nullable: true })
  lead?: string | null;

  @ClientIdField()
  id?: string;

  @IdListField({ min: 1, max: 2 })
  order!: string[];
}

describe('the DTO field decorators', () => {
  const pipe = createValidationPipe();
  const detailsOf = async (metatype: new () => object, value: unknown) => {
    const error = await pipe.transform(value, { type: 'body', metatype }).then(
      () => null,
      (failure: unknown) => failure,
    );
    return error instanceof ApiError ? error.details : 'accepted';
  };
  const uuid = '0b7e8a52-7b7c-4a51-9d8e-2f0f1c4b9a10';
  const bodies: unknown[] = [
    { text: 'ok', order: [uuid] },
    { text: 'ok', note: '', lead: null, id: uuid, order: [uuid] },
    { text: '', order: [] },
    { text: 123, note: 456, lead: 'no', id: 'no', order: ['no', 'no', 'no'] },
    { text: 'toolong', note: 'toolong', lead: 7, order: 'no' },
    { text: null, order: [uuid, uuid] },
    {},
  ];

  it.each(bodies)(
    'answers %j as the hand-stacked decorators do, messages in the same order',
    async (body) => {
      const byHand = await detailsOf(ByHand, body);
      expect(await detailsOf(WithFields, body)).toEqual(byHand);
    },
  );

  it('refuses what the hand-stacked ones refuse (the comparison is not between two accepting classes)', async () => {
    expect(await detailsOf(WithFields, bodies[3])).toEqual(
      expect.arrayContaining([
        {
          field: 'text',
          messages: expect.arrayContaining(['text must be a string']),
          limits: { maxLength: 5 },
        },
      ]),
    );
    expect(await detailsOf(WithFields, bodies[0])).toBe('accepted');
  });

  it('documents each field in OpenAPI as the hand-stacked decorators did', () => {
    for (const field of ['text', 'note', 'lead', 'id', 'order']) {
      const meta = (target: object) =>
        Reflect.getMetadata(API_MODEL_PROPERTIES, target, field) as Record<string, unknown>;
      expect(meta(WithFields.prototype)).toEqual(meta(ByHand.prototype));
    }
  });

  it("keeps PageQueryDto's rules on a list that documents another default page size", async () => {
    const query = (value: unknown) => pipe.transform(value, { type: 'query', metatype: ListSignalsQueryDto });
    await expect(query({ limit: '20', offset: '5' })).resolves.toEqual(
      expect.objectContaining({ limit: 20, offset: 5 }),
    );
    expect(await detailsOf(ListSignalsQueryDto, { limit: '501' })).toEqual([
      { field: 'limit', messages: [expect.any(String)], limits: { max: 500 } },
    ]);
  });
});
