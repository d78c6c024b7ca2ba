import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandService, createdId } from '#commands';
import type { PartnerCommand } from '#domain';
import { ReadModelQueries } from '#read-models';
import { Roles } from '../auth/roles.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiWriteResult } from '../http/openapi.js';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { CurrentCaller, Write, type Caller, type WriteRequest } from '../http/request-context.js';
import { MergePartnerDto, RegisterPartnerDto, RenamePartnerDto } from './partner.dto.js';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class PartnersController {
  constructor(
    private readonly commands: CommandService,
    private readonly reads: ReadModelQueries,
  ) {}

  @Get()
  @ApiOperation({ summary: "The partner organisations of the caller's tenant" })
  list(@CurrentCaller() caller: Caller, @Query() query: ReadQueryDto) {
    return this.reads.listPartners(caller.tenantId, { minPosition: query.minPosition });
  }

  @Post()
  @ApiOperation({ summary: 'Register a partner organisation' })
  @ApiWriteResult()
  @Roles('coordinator')
  register(@Body() body: RegisterPartnerDto, @Write({ versioned: false }) write: WriteRequest) {
    const partnerId = body.id ?? createdId(write.context, 'partner');
    return this.run(partnerId, write, {
      type: 'RegisterPartner',
      data: { partnerId, name: body.name, kind: body.kind },
    });
  }

  @Patch(':partnerId')
  @ApiOperation({ summary: 'Rename a partner organisation' })
  @ApiWriteResult()
  @Roles('coordinator')
  rename(
    @Param('partnerId', IdParam) partnerId: string,
    @Body() body: RenamePartnerDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(partnerId, write, {
      type: 'RenamePartner',
      data: { partnerId, name: body.name },
    });
  }

  @Post(':partnerId/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge into another organisation (history kept)' })
  @ApiWriteResult()
  @Roles('coordinator')
  merge(
    @Param('partnerId', IdParam) partnerId: string,
    @Body() body: MergePartnerDto,
    @Write() write: WriteRequest,
  ) {
    return this.run(partnerId, write, {
      type: 'MergePartner',
      data: { partnerId, intoPartnerId: body.intoPartnerId },
    });
  }

  private run(partnerId: string, { context, expectedVersion }: WriteRequest, command: PartnerCommand) {
    return this.commands.partner(partnerId, command, context, expectedVersion);
  }
}
