import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErasureService, type ErasureResult, type ErasureSubject } from '#commands';
import { Roles } from '../auth/roles.js';
import { ApiError } from '../http/api-error.js';
import { ApiErrors, ApiWriteResult } from '../http/openapi.js';
import { Write, type WriteRequest } from '../http/request-context.js';
import { EraseDto } from './erasure.dto.js';

/** Erasure of a data subject's personal data by deleting their keys (docs/privacy.md). Coordinators only. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('erasures')
export class ErasuresController {
  constructor(private readonly erasures: ErasureService) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({
    summary:
      "Erase a data subject's personal data (a user with the free text she wrote, a guest, a signal's reporter) " +
      "or one free-text item (kind text: a note, a signal text, an agenda item's notes...): the keys are " +
      'deleted, `ErasureRecorded` is recorded, and every read model, history, minutes, export and push shows ' +
      '"gewist" / "erased" where the data was',
  })
  @ApiWriteResult()
  @ApiErrors(404, 422)
  erase(
    @Body() body: EraseDto,
    @Write({ versioned: false }) { context }: WriteRequest,
  ): Promise<ErasureResult> {
    return this.erasures.erase(subjectOf(body), body.legalGround, context);
  }
}

const SUBJECT_FIELDS = ['userId', 'guestName', 'signalId', 'aggregate', 'aggregateId', 'version'] as const;

function subjectOf(body: EraseDto): ErasureSubject {
  const only = (...fields: Array<(typeof SUBJECT_FIELDS)[number]>): void => {
    const others = SUBJECT_FIELDS.filter((f) => !fields.includes(f) && body[f] !== undefined);
    if (others.length > 0)
      throw new ApiError(400, 'REQUEST.INVALID', `kind ${body.kind} takes ${fields.join(', ')} only`, {
        fields: others,
      });
  };
  switch (body.kind) {
    case 'user':
      only('userId');
      return { kind: 'user', userId: body.userId! };
    case 'guest':
      only('guestName');
      return { kind: 'guest', guestName: body.guestName! };
    case 'signal-reporter':
      only('signalId');
      return { kind: 'signal-reporter', signalId: body.signalId! };
    case 'text':
      only('aggregate', 'aggregateId', 'version');
      return {
        kind: 'text',
        aggregate: body.aggregate!,
        aggregateId: body.aggregateId!,
        version: body.version!,
      };
  }
}
