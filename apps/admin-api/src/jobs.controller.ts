import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { NotFoundError, QUALITY_CHECKS, type JobStatus } from '@vs/contracts';
import type { Database } from '@vs/database';
import {
  JobQualityReportRepository,
  JobService,
  parseInput,
  RejectedRecordsRepository,
  type Actor,
} from '@vs/templates';
import { z } from 'zod';
import type { HttpResponse } from './http.types';
import { DATABASE } from './admin-api.tokens';
import { CurrentActor, RequireRole } from './auth.guard';
import { jobQueueQuerySchema, pageQuerySchema } from './request-parsing';

/** `?check=` names one of the validator's checks; anything else is a 400 listing them. */
export const rejectedRecordsQuerySchema = pageQuerySchema.extend({ check: z.enum(QUALITY_CHECKS).optional() }).strict();

const NEVER_FINALISED: readonly JobStatus[] = ['failed', 'cancelling', 'cancelled'];

@Controller('jobs')
export class JobsController {
  private readonly rejectedRecords: RejectedRecordsRepository;
  private readonly qualityReports: JobQualityReportRepository;

  constructor(
    @Inject(JobService) private readonly jobs: JobService,
    @Inject(DATABASE) db: Database,
  ) {
    this.rejectedRecords = new RejectedRecordsRepository(db);
    this.qualityReports = new JobQualityReportRepository(db);
  }

  /** 201 for a new job, 200 when the idempotency key replays an earlier one (same job_id). */
  @Post()
  @RequireRole('operator')
  async trigger(
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: HttpResponse,
  ) {
    const { job, created } = await this.jobs.trigger(body, actor, { idempotencyKey: idempotencyKey || undefined });
    response.status(created ? 201 : 200);
    return { ...job, created };
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequireRole('operator')
  async cancel(@Param('id') id: string, @CurrentActor() actor: Actor) {
    const { job, changed } = await this.jobs.cancel(id, actor);
    return { ...job, changed };
  }

  /** Runs a failed job again under the same job_id; records already published are not published again. */
  @Post(':id/rerun')
  @HttpCode(202)
  @RequireRole('operator')
  rerun(@Param('id') id: string, @Body() body: unknown, @CurrentActor() actor: Actor) {
    return this.jobs.rerun(id, body, actor);
  }

  @Get()
  @RequireRole('viewer')
  async list(@Query() query: unknown, @CurrentActor() actor: Actor) {
    const page = await this.jobs.list(parseInput(jobQueueQuerySchema, query, 'queue query'), actor);
    return { jobs: page.items, total: page.total, limit: page.limit, offset: page.offset };
  }

  @Get(':id')
  @RequireRole('viewer')
  get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.jobs.get(id, actor);
  }

  /** `?check=<name>`: only records with a reason of that check. */
  @Get(':id/rejected-records')
  @RequireRole('viewer')
  async rejected(@Param('id') id: string, @Query() query: unknown, @CurrentActor() actor: Actor) {
    const filter = parseInput(rejectedRecordsQuerySchema, query, 'rejected records query');
    const job = await this.jobs.get(id, actor); // another tenant's job answers 404
    const page = await this.rejectedRecords.list(job.job_id, filter);
    return { records: page.items, total: page.total, limit: page.limit, offset: page.offset };
  }

  /** The job's quality report, written when the distributor finalises the job. */
  @Get(':id/quality')
  @RequireRole('viewer')
  async quality(@Param('id') id: string, @CurrentActor() actor: Actor) {
    const job = await this.jobs.get(id, actor);
    const report = await this.qualityReports.find(job.job_id);
    if (report) return report;
    throw new NotFoundError(
      job.output_manifest !== null
        ? `quality: job ${job.job_id} was finalised before quality reports were written; it has none`
        : NEVER_FINALISED.includes(job.status)
          ? `quality: job ${job.job_id} is ${job.status} and not finalised, so it has no quality report yet`
          : `quality: job ${job.job_id} is ${job.status} and not finalised yet; its quality report is written when the distributor finalises it`,
    );
  }
}
