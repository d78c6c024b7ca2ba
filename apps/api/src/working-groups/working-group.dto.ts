import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { WORKING_GROUP_ROLES, type WorkingGroupRole } from '#domain';
import { ClientIdField, IdField, IdListField, TextField } from '../http/common.dto.js';
import { VersionedDto } from '../http/common.dto.js';

export class ScopeDto extends VersionedDto {
  @IdListField({ max: 100, doc: { description: 'themes whose actions the group works on' } })
  themeIds!: string[];

  @IdListField({
    max: 1000,
    doc: { description: 'single actions the group works on (besides whole themes)' },
  })
  actionIds!: string[];
}

export class CreateWorkingGroupDto extends ScopeDto {
  @ClientIdField()
  id?: string;

  @IdField()
  planId!: string;

  @TextField(200, { doc: { example: 'Dak- en thuislozen' } })
  name!: string;

  @TextField(5000, { optional: true, empty: true })
  description?: string;
}

export class EditWorkingGroupDto extends VersionedDto {
  @TextField(200, { optional: true })
  name?: string;

  @TextField(5000, { optional: true, empty: true })
  description?: string;
}

export class AddMemberDto extends VersionedDto {
  @IdField()
  userId!: string;

  @ApiPropertyOptional({ enum: WORKING_GROUP_ROLES, default: 'member' })
  @IsOptional()
  @IsIn(WORKING_GROUP_ROLES)
  role?: WorkingGroupRole;

  @IdField({ optional: true, doc: { description: 'the organisation she sits in for (default: her own)' } })
  partnerId?: string;
}

export class MemberRoleDto extends VersionedDto {
  @ApiProperty({ enum: WORKING_GROUP_ROLES })
  @IsIn(WORKING_GROUP_ROLES)
  role!: WorkingGroupRole;
}

export class ArchiveWorkingGroupDto extends VersionedDto {
  @TextField(2000)
  reason!: string;
}
