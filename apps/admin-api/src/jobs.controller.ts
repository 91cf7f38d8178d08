import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { JobRepository, parseInput, type Actor } from '@vs/templates';
import type { HttpResponse } from './http.types';
import { CurrentActor, RequireRole } from './auth.guard';
import { jobQueueQuerySchema, pageQuerySchema } from './request-parsing';

@Controller('jobs')
export class JobsController {
  constructor(@Inject(JobRepository) private readonly jobs: JobRepository) {}

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

  @Get(':id/rejected-records')
  @RequireRole('viewer')
  async rejected(@Param('id') id: string, @Query() query: unknown, @CurrentActor() actor: Actor) {
    const page = await this.jobs.listRejected(id, actor, parseInput(pageQuerySchema, query, 'page query'));
    return { records: page.items, total: page.total, limit: page.limit, offset: page.offset };
  }
}
