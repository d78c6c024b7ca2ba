import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min, ValidateIf } from 'class-validator';
import { TEXT_AGGREGATES, type TextAggregate } from '#commands';
import {
  ERASURE_LEGAL_GROUNDS,
  ERASURE_SUBJECT_KINDS,
  type ErasureLegalGround,
  type ErasureSubjectKind,
} from '#domain';
import { IdField, TextField } from '../http/common.dto.js';
import { MAX_INT } from '../http/input-guard.js';

/**
 * Whose personal data to erase and on which ground: a user (`userId`, a disabled account), a guest by the name
 * she attended meetings under (`guestName`), the reporter named in a signal (`signalId`), or one free-text item
 * (`text`: the text the change at `version` of an action's, signal's, meeting's, period's, indicator's, plan's or
 * working group's history wrote).
 */
export class EraseDto {
  @ApiProperty({ enum: ERASURE_SUBJECT_KINDS })
  @IsIn(ERASURE_SUBJECT_KINDS)
  kind!: ErasureSubjectKind;

  @ValidateIf((dto: EraseDto) => dto.kind === 'user' || dto.userId !== undefined)
  @IdField({
    optional: false,
    doc: { description: 'with kind user: the (disabled) account', required: false },
  })
  userId?: string;

  @ValidateIf((dto: EraseDto) => dto.kind === 'guest' || dto.guestName !== undefined)
  @TextField(200, {
    doc: { description: 'with kind guest: the name the guest attended under', required: false },
  })
  guestName?: string;

  @ValidateIf((dto: EraseDto) => dto.kind === 'signal-reporter' || dto.signalId !== undefined)
  @IdField({
    doc: { description: 'with kind signal-reporter: the signal whose reporter is erased', required: false },
  })
  signalId?: string;

  @ValidateIf((dto: EraseDto) => dto.kind === 'text' || dto.aggregate !== undefined)
  @ApiProperty({
    enum: TEXT_AGGREGATES,
    required: false,
    description: 'with kind text: whose history holds the change that wrote the text',
  })
  @IsIn(TEXT_AGGREGATES)
  aggregate?: TextAggregate;

  @ValidateIf((dto: EraseDto) => dto.kind === 'text' || dto.aggregateId !== undefined)
  @IdField({
    doc: {
      description: 'with kind text: the action, signal, meeting, period, indicator, plan or working group',
      required: false,
    },
  })
  aggregateId?: string;

  @ValidateIf((dto: EraseDto) => dto.kind === 'text' || dto.version !== undefined)
  @ApiProperty({
    required: false,
    minimum: 1,
    maximum: MAX_INT,
    description:
      'with kind text: the version of the change in that history (its entry in GET /actions/{id}/history, ' +
      '/signals/{id}/history, /meetings/{id}/feed or the audit trail) whose free text is erased',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  version?: number;

  @ApiProperty({ enum: ERASURE_LEGAL_GROUNDS, description: 'the GDPR ground (art. 17(1) a-f)' })
  @IsIn(ERASURE_LEGAL_GROUNDS)
  legalGround!: ErasureLegalGround;
}
