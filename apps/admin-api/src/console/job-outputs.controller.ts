import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { AppConfig } from '@vs/config';
import { NotFoundError, type OutputManifest } from '@vs/contracts';
import { JobService, type Actor } from '@vs/templates';
import { z } from 'zod';
import { APP_CONFIG } from '../admin-api.tokens';
import { CurrentActor, RequireRole } from '../auth.guard';
import { parsePathInteger } from '../request-parsing';

/** The part of Express's response a download writes to. */
type DownloadResponse = NodeJS.WritableStream & { setHeader(name: string, value: string): void };

/** The files of a job's output manifest, for the console's download links. */
@Controller('jobs')
export class JobOutputsController {
  constructor(
    @Inject(JobService) private readonly jobs: JobService,
    @Inject(APP_CONFIG) private readonly config: Readonly<AppConfig>,
  ) {}

  /** Another tenant's job answers 404 (JobService.get scopes by the token's tenant), as does a file outside the output root. */
  @Get(':id/outputs/:index')
  @RequireRole('viewer')
  async download(
    @Param('id') id: string,
    @Param('index') index: string,
    @CurrentActor() actor: Actor,
    @Res() response: DownloadResponse,
  ): Promise<void> {
    const at = parsePathInteger('index', index, z.number().int().min(0));
    const job = await this.jobs.get(id, actor);
    const output = (job.output_manifest as OutputManifest | null)?.outputs[at];
    if (!output) throw new NotFoundError(`job ${job.job_id} has no output #${at}`);
    const root = resolve(this.config.OUTPUT_ROOT);
    const path = resolve(output.location);
    const inside = relative(root, path);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new NotFoundError(`output #${at} of job ${job.job_id} is not a file under the output root`);
    }
    const file = await stat(path).catch(() => null);
    if (!file?.isFile()) throw new NotFoundError(`output #${at} of job ${job.job_id} is no longer on disk`);
    response.setHeader('Content-Type', 'application/octet-stream');
    response.setHeader('Content-Length', String(file.size));
    response.setHeader('Content-Disposition', `attachment; filename="${basename(path).replace(/"/g, '')}"`);
    response.setHeader('X-Content-SHA256', output.sha256);
    await new Promise<void>((done, fail) => {
      createReadStream(path).on('error', fail).pipe(response).on('finish', done);
    });
  }
}
