import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class FirstRunDto {
  @ApiProperty({ description: 'the one-time setup code from the server log', example: 'ABCD-EFGH-JKLM' })
  @IsString()
  @MaxLength(40)
  code!: string;

  @ApiProperty({ description: 'the tenant id: lowercase letters, digits and dashes', example: 'brugge' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,39}$/)
  tenantId!: string;

  @ApiProperty({ example: 'Stad Brugge' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  tenantName!: string;

  @ApiProperty({ example: 'regie@brugge.be' })
  @IsEmail()
  email!: string;

  @ApiProperty({ example: 'Team lokaal sociaal beleid' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ description: 'at least 10 characters' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;
}
