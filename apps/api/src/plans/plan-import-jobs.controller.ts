import {
  Body,
  Controller,
  Get,
  HttpCode,
  Logger,
  Param,
  Post,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import {
  CommandError,
  CommandService,
  importPlanDocument,
  type ImportProgress,
  type ImportReport,
} from '#commands';
import { DomainError } from '#domain';
import { Roles } from '../auth/roles.js';
import { ApiError } from '../http/api-error.js';
import { statusOfDomainCode } from '../http/error.filter.js';
import { ApiErrors } from '../http/openapi.js';
import { CurrentCaller, Write, type Caller, type WriteRequest } from '../http/request-context.js';
import { MAX_DOCUMENT_BYTES, documentText, type UploadedDocument } from './plan-document.js';
import { ImportPlanDto } from './plan-import.dto.js';

type JobError = { statusCode: number; code: string; message: string; details?: unknown };

export interface ImportJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: ImportProgress;
  /** the import's answer once done (as `POST /api/plans/import` answers it) */
  report: ImportReport | null;
  /** the error, in the API's one shape, when it failed after it had started writing */
  error: JobError | null;
  startedAt: string;
  finishedAt: string | null;
}

interface HeldJob extends ImportJob {
  tenantId: string;
  userId: string;
}

/** how long a finished job can still be read */
const KEEP_FINISHED_MS = 60 * 60_000;

const idle = (): ImportProgress => ({
  themes: { done: 0, total: 0 },
  goals: { done: 0, total: 0 },
  actions: { done: 0, total: 0 },
  steps: { done: 0, total: 0 },
});

function errorOf(error: unknown): JobError {
  if (error instanceof CommandError || error instanceof DomainError) {
    return {
      statusCode: statusOfDomainCode(error.code),
      code: error.code,
      message: error.message,
      ...(error.details !== undefined && { details: error.details }),
    };
  }
  return { statusCode: 500, code: 'INTERNAL', message: 'the import failed; it can be started again' };
}

/**
 * The import as a job the web app polls (the wizard's last step): the answer comes as soon as the document is
 * read and the first step is written, then `GET` tells how many themes, goals and actions are written. Jobs
 * live in the memory of the api process that runs them (see docs/decisions.md); every step is idempotent, so an
 * import started again after a restart completes what is missing.
 */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans/import-jobs')
export class PlanImportJobsController {
  private readonly logger = new Logger('import');
  private readonly jobs = new Map<string, HeldJob>();

  constructor(private readonly commands: CommandService) {}

  @Post()
  @HttpCode(202)
  @Roles('coordinator')
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 10 } }),
  )
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiOperation({
    summary: 'Start importing a plan document (as POST /api/plans/import, never a dry run); poll the job',
    description:
      'Refusals of the document (nothing found, a scan without text, bad edits) answer at once as for ' +
      '/api/plans/import. Otherwise 202 with the job: its id and the progress so far.',
  })
  @ApiErrors(400, 404, 413, 415, 422)
  async start(
    @Body() body: ImportPlanDto,
    @UploadedFile() file: UploadedDocument | undefined,
    @Write({ versioned: false }) { caller, context: ctx }: WriteRequest,
  ): Promise<ImportJob> {
    if ((file === undefined) === (body.text === undefined)) {
      const message = 'send the document either as text (JSON) or as file (multipart/form-data)';
      throw new ApiError(400, 'REQUEST.VALIDATION_FAILED', message, [
        { field: file ? 'text' : 'file', messages: [message] },
      ]);
    }
    const text = file ? (await documentText(file)).text : (body.text ?? '');
    this.forgetOld();
    const job: HeldJob = {
      id: randomUUID(),
      tenantId: caller.tenantId,
      userId: caller.id,
      status: 'running',
      progress: idle(),
      report: null,
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    };
    let started!: () => void;
    const writing = new Promise<void>((resolve) => (started = resolve));
    const run = importPlanDocument(this.commands, text, ctx, {
      planId: body.planId,
      rules: body.rules,
      ...(body.edits && { edits: body.edits }),
      dryRun: false,
      onWritten: (progress) => {
        job.progress = progress;
        started();
      },
    });
    // a document the import refuses is refused here, before any job exists
    await Promise.race([writing, run]);
    this.jobs.set(job.id, job);
    run.then(
      (report) => {
        Object.assign(job, { status: 'done', report, finishedAt: new Date().toISOString() });
      },
      (error: unknown) => {
        const body = errorOf(error);
        if (body.statusCode >= 500) this.logger.error(`import job ${job.id} failed: ${String(error)}`);
        Object.assign(job, { status: 'failed', error: body, finishedAt: new Date().toISOString() });
      },
    );
    return this.view(job);
  }

  @Get(':jobId')
  @Roles('coordinator')
  @ApiOperation({ summary: 'An import job: running, done (with the report) or failed (with the error)' })
  @ApiErrors(404)
  get(@Param('jobId') jobId: string, @CurrentCaller() caller: Caller): ImportJob {
    const job = this.jobs.get(jobId);
    // only the person who started it sees it: another one learns nothing about it
    if (!job || job.tenantId !== caller.tenantId || job.userId !== caller.id) {
      throw new ApiError(404, 'IMPORT.JOB_NOT_FOUND', `no import job ${jobId.slice(0, 100)}`);
    }
    return this.view(job);
  }

  private view({ tenantId: _tenant, userId: _user, ...job }: HeldJob): ImportJob {
    return { ...job, progress: structuredClone(job.progress) };
  }

  private forgetOld(): void {
    const before = Date.now() - KEEP_FINISHED_MS;
    for (const [id, job] of this.jobs) {
      if (job.finishedAt !== null && Date.parse(job.finishedAt) < before) this.jobs.delete(id);
    }
  }
}
