import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import {
  EVENT_STORE,
  NoChainCheckpointError,
  PostgresChainCheckpoints,
  recordChainCheckpoint,
  verifyEventChain,
  type ChainCheckpoint,
  type ChainSource,
  type ChainVerification,
  type EventStore,
} from '#event-store';
import { Roles } from '../auth/roles.js';
import { ApiError } from '../http/api-error.js';
import { CurrentCaller, type Caller } from '../http/request-context.js';
import { READ_POOL } from '../injection-tokens.js';
import { VerifyQueryDto } from './audit-verify.dto.js';

/**
 * Tamper evidence of the caller's tenant (docs/audit.md): recompute the hash chain and compare it with the
 * checkpoints; record and list checkpoints. Coordinators only.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditVerifyController {
  private readonly checkpoints: PostgresChainCheckpoints;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_POOL) pool: pg.Pool,
  ) {
    this.checkpoints = new PostgresChainCheckpoints(pool);
  }

  @Get('verify')
  @Roles('coordinator')
  @ApiOperation({
    summary:
      "Recompute the hash chain of the tenant's events and compare it with its checkpoints: `ok` false lists " +
      'every changed, removed or reordered event with its position and stream',
  })
  async verify(@CurrentCaller() caller: Caller, @Query() query: VerifyQueryDto): Promise<ChainVerification> {
    try {
      return await verifyEventChain(this.source(), this.checkpoints, {
        tenantId: caller.tenantId,
        fromCheckpoint: query.fromCheckpoint === 'true',
      });
    } catch (error) {
      if (error instanceof NoChainCheckpointError) throw new ApiError(422, error.code, error.message);
      throw error;
    }
  }

  @Get('checkpoints')
  @Roles('coordinator')
  @ApiOperation({ summary: "The tenant's checkpoints (head hash, position, count, time), oldest first" })
  checkpointsOf(@CurrentCaller() caller: Caller): Promise<ChainCheckpoint[]> {
    return this.checkpoints.list(caller.tenantId);
  }

  @Post('checkpoints')
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({ summary: "Record a checkpoint of the tenant's log now, to be printed outside the system" })
  async record(@CurrentCaller() caller: Caller): Promise<ChainCheckpoint> {
    const checkpoint = await recordChainCheckpoint(
      this.source(),
      this.checkpoints,
      caller.tenantId,
      'manual',
    );
    if (!checkpoint) throw new Error('the checkpoint was not recorded');
    return checkpoint;
  }

  private source(): ChainSource {
    return this.store as EventStore & ChainSource;
  }
}
