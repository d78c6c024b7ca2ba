import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, MaxLength } from 'class-validator';
import { USER_ROLES, type UserRole } from '#domain';
import { PASSWORD_MIN_LENGTH } from '#identity';
import { ClientIdField, IdField, TextField } from '../http/common.dto.js';
import { PageQueryDto } from '../http/read-query.dto.js';
import { VersionedDto } from '../http/common.dto.js';

export class CreateUserDto {
  @ClientIdField()
  id?: string;

  @ApiProperty({ example: 'an.peeters@caw.be' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @TextField(200, { doc: { example: 'An Peeters' } })
  name!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: UserRole;

  @IdField({
    optional: true,
    doc: { description: 'the partner organisation (required for the partner role)' },
  })
  partnerId?: string;

  @TextField(200, { empty: true, doc: { minLength: PASSWORD_MIN_LENGTH } })
  password!: string;
}

export class EditUserDto extends VersionedDto {
  @TextField(200, { optional: true })
  name?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @IdField({ optional: true, nullable: true })
  partnerId?: string | null;
}

export class DisableUserDto extends VersionedDto {
  @TextField(500, { doc: { example: 'left the organisation' } })
  reason!: string;
}

export class ResetPasswordDto {
  @TextField(200, { empty: true, doc: { minLength: PASSWORD_MIN_LENGTH } })
  newPassword!: string;
}

export class SecurityEventsQueryDto extends PageQueryDto {
  @IdField({ optional: true })
  userId?: string;
}
