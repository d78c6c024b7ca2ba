import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { USER_ROLES, type UserRole } from '#domain';
import { PASSWORD_MIN_LENGTH } from '#identity';

export class InviteUserDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'an.peeters@caw.be' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'An Peeters' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: UserRole;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the partner organisation (required for the partner role)',
  })
  @IsOptional()
  @IsUUID()
  partnerId?: string;
}

export class InvitationTokenDto {
  @ApiProperty({ description: 'the token of the link in the invitation mail' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  token!: string;
}

export class AcceptInvitationDto extends InvitationTokenDto {
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MaxLength(200)
  password!: string;
}
