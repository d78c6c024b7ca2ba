import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import * as readModels from '#read-models';
import { READ_POOL, PROJECTION_RUNNER } from '../tokens.js';

/** How long a read waits for `minPosition` before answering with what it has. */
const MIN_POSITION_WAIT_MS = 2000;

export type ActionFilters = readModels.ActionFilters;

/**
 * The read side as the controllers use it: every read first waits (briefly) for `minPosition`, then
 * answers from the read models with the position they reflect.
 */
@Injectable()
export class ReadModelService {
  constructor(
    @Inject(READ_POOL) private readonly pool: pg.Pool,
    @Inject(PROJECTION_RUNNER) private readonly runner: readModels.ProjectionRunner,
  ) {}

  private async caughtUp(minPosition: string | undefined): Promise<void> {
    if (minPosition) await this.runner.waitForPosition(minPosition, MIN_POSITION_WAIT_MS);
  }

  async listPlans(tenantId: string, minPosition?: string) {
    await this.caughtUp(minPosition);
    return readModels.listPlans(this.pool, tenantId);
  }

  async getPlanTree(tenantId: string, planId: string, minPosition?: string) {
    await this.caughtUp(minPosition);
    return readModels.getPlanTree(this.pool, tenantId, planId);
  }

  async listActions(
    tenantId: string,
    planId: string,
    filters: Omit<ActionFilters, 'today'>,
    paging: { limit: number; offset: number },
    minPosition?: string,
  ) {
    await this.caughtUp(minPosition);
    return readModels.listActions(this.pool, tenantId, planId, { ...filters, today: today() }, paging);
  }

  async getDashboard(tenantId: string, planId: string, minPosition?: string) {
    await this.caughtUp(minPosition);
    return readModels.getDashboard(this.pool, tenantId, planId, today());
  }

  async getAction(tenantId: string, actionId: string, minPosition?: string) {
    await this.caughtUp(minPosition);
    return readModels.getAction(this.pool, tenantId, actionId);
  }

  async getActionHistory(tenantId: string, actionId: string, minPosition?: string) {
    await this.caughtUp(minPosition);
    return readModels.getActionHistory(this.pool, tenantId, actionId);
  }

  async listPartners(tenantId: string, minPosition?: string) {
    await this.caughtUp(minPosition);
    return readModels.listPartners(this.pool, tenantId);
  }
}

/** The calendar date in Belgium: "overdue" is judged by the date people see on their wall. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
}
