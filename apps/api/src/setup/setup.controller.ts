import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles.js';
import { ApiErrors } from '../http/openapi.js';
import { FirstRun } from './first-run.js';
import { FirstRunDto } from './setup.dto.js';

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
