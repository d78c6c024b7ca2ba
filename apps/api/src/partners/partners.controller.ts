import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.js';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PARTNER_KINDS, type PartnerKind } from '#domain';
import { VersionedDto } from '../actions/action.dto.js';
import { IdParam } from '../http/id-param.pipe.js';
import { ApiWriteResult } from '../http/openapi.js';
import { ReadQueryDto } from '../http/read-query.dto.js';
import { Ctx, CurrentCaller, ExpectedVersion, type Caller } from '../http/request-context.js';
import { ReadModelQueries } from '#read-models';
import { createdId, type CommandContext, type WriteResult } from '#commands';
import { RunPartnerCommand } from '../write/commands.js';

export class RegisterPartnerDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'CAW Noord-West-Vlaanderen' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: PARTNER_KINDS })
  @IsIn(PARTNER_KINDS)
  kind!: PartnerKind;
}

export class RenamePartnerDto extends VersionedDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;
}

export class MergePartnerDto extends VersionedDto {
  @ApiProperty({ format: 'uuid', description: 'the organisation this one continues as' })
  @IsUUID()
  intoPartnerId!: string;
}

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class PartnersController {
  constructor(
    private readonly commands: CommandBus,
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
  register(@Body() body: RegisterPartnerDto, @Ctx() ctx: CommandContext) {
    const partnerId = body.id ?? createdId(ctx, 'partner');
    return this.run(partnerId, ctx, undefined, {
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
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(partnerId, ctx, expected, {
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
    @Ctx() ctx: CommandContext,
    @ExpectedVersion() expected?: number,
  ) {
    return this.run(partnerId, ctx, expected, {
      type: 'MergePartner',
      data: { partnerId, intoPartnerId: body.intoPartnerId },
    });
  }

  private run(
    partnerId: string,
    ctx: CommandContext,
    expected: number | undefined,
    command: RunPartnerCommand['command'],
  ): Promise<WriteResult> {
    return this.commands.execute(new RunPartnerCommand(partnerId, command, ctx, expected));
  }
}
