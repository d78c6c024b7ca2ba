import { ApiProperty } from '@nestjs/swagger';
import { IsIn, ValidateIf } from 'class-validator';
import {
  ERASURE_LEGAL_GROUNDS,
  ERASURE_SUBJECT_KINDS,
  type ErasureLegalGround,
  type ErasureSubjectKind,
} from '#domain';
import { IdField, TextField } from '../http/common.dto.js';

/**
 * Whose personal data to erase and on which ground: a user (`userId`, a disabled account), a guest by the name
 * she attended meetings under (`guestName`), or the reporter named in a signal (`signalId`).
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

  @ApiProperty({ enum: ERASURE_LEGAL_GROUNDS, description: 'the GDPR ground (art. 17(1) a-f)' })
  @IsIn(ERASURE_LEGAL_GROUNDS)
  legalGround!: ErasureLegalGround;
}
