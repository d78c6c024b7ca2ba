import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PARTNER_KINDS, type PartnerKind } from '#domain';
import { ClientIdField, IdField, TextField } from '../http/common.dto.js';
import { VersionedDto } from '../http/common.dto.js';

export class RegisterPartnerDto {
  @ClientIdField()
  id?: string;

  @TextField(300, { doc: { example: 'CAW Noord-West-Vlaanderen' } })
  name!: string;

  @ApiProperty({ enum: PARTNER_KINDS })
  @IsIn(PARTNER_KINDS)
  kind!: PartnerKind;
}

export class RenamePartnerDto extends VersionedDto {
  @TextField(300)
  name!: string;
}

export class MergePartnerDto extends VersionedDto {
  @IdField({ doc: { description: 'the organisation this one continues as' } })
  intoPartnerId!: string;
}
