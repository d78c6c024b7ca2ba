import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Public } from '../auth/roles.js';
import { ApiErrors } from '../http/openapi.js';
import { FirstRun } from './first-run.js';

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

@ApiTags('setup')
@Controller('setup')
export class SetupController {
  constructor(@Inject(FirstRun) private readonly firstRun: FirstRun) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Whether this deployment still waits for its first-run setup: { needed }' })
  async status() {
    return { needed: await this.firstRun.needed() };
  }

  @Post()
  @Public()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'First run: create the tenant and its first coordinator with the one-time code from the server log',
  })
  @ApiErrors(400, 403, 409, 422)
  complete(@Body() body: FirstRunDto) {
    return this.firstRun.complete(body);
  }
}
