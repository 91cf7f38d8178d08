import { resolve } from 'node:path';
import type { PoolClient } from 'pg';
import { isRetriable, type ManifestOutput } from '@vs/contracts';
import type { Database } from '@vs/database';
import { buildOutputManifest, nextJobStatus } from '@vs/domain';
import { forJob, type Logger } from '@vs/logging';
import { PollingLoop, type JobRowRepository, type ProgressReporter } from '@vs/pipeline';
import {
  JobQualityReportRepository,
  RejectedRecordsRepository,
  type TemplateRepository,
  type TemplateRevision,
} from '@vs/templates';
import type { JobDecidedListener } from './job-decided.listener';
import { addAcceptedTo, QualityReportBuilder } from './quality-report.builder';
import type { StagingRepository } from './staging.repository';
import { qualityFiles } from './surfaces/quality-files';
import type { FinalizingJob } from './surfaces/staged-record';
import { defaultSurfaceRegistry, type SurfaceRegistry } from './surfaces/surface.registry';
import type { SurfaceOutput } from './surfaces/surface.writer';

// Jobs finalised per sweep; a wake-up or the next sweep takes the rest.
const SWEEP_BATCH = 20;

export interface JobFinalizerSettings {
  /** Where file surfaces write; nothing is written outside it. */
  outputRoot: string;
  /** The fallback sweep: a job is finalised when it is decided (wake-ups), the sweep only catches lost ones. */
  sweepIntervalMs: number;
}

/**
 * Writes a job's output once every planned record is decided and every decision is staged: the quality
 * report, the surface's files or rows (with the report's quality.html and quality.json beside files), then
 * the manifest on the job, all in one transaction. It is woken when a job's last record is decided
 * (JobDecidedListener) and sweeps slowly as well, so a crash between staging and writing, or a wake-up lost
 * in a database outage, is finished by whichever distributor looks next. Records stream from a cursor to
 * the surface and the report a batch at a time: memory does not grow with the job.
 */
export class JobFinalizer {
  private loop: PollingLoop | undefined;
  private sweeping: Promise<number> | undefined;
  private sweepAgain = false;

  constructor(
    private readonly db: Database,
    private readonly jobRows: JobRowRepository,
    private readonly logger: Logger,
    private readonly templates: TemplateRepository,
    private readonly staging: StagingRepository,
    private readonly progress: ProgressReporter,
    private readonly wakeups: JobDecidedListener | null,
    private readonly settings: JobFinalizerSettings,
    private readonly surfaces: SurfaceRegistry = defaultSurfaceRegistry(),
    private readonly reports = new JobQualityReportRepository(db),
    private readonly qualityBuilder = new QualityReportBuilder(new RejectedRecordsRepository(db)),
  ) {}

  start(): void {
    this.loop = new PollingLoop('finalizer sweep', this.settings.sweepIntervalMs, () => this.sweepSoon(), this.logger);
    this.loop.start();
    const wake = () =>
      void this.sweepSoon().catch((error: unknown) =>
        // The fallback sweep (with the retry module's back-off) takes over.
        this.logger.warn({ err: error }, 'finalizer woken but could not sweep; the fallback sweep will'),
      );
    this.wakeups?.start(wake, wake);
  }

  async stop(): Promise<void> {
    await this.wakeups?.stop();
    await this.loop?.stop();
    await this.sweeping?.catch(() => undefined);
  }

  /**
   * One sweep at a time: a wake-up during a sweep runs one more right after it (the job it announced may
   * have committed after the running sweep looked), however many wake-ups arrive meanwhile.
   */
  sweepSoon(): Promise<number> {
    if (this.sweeping) {
      this.sweepAgain = true;
      return this.sweeping;
    }
    const run = async () => {
      let finalized = 0;
      try {
        do {
          this.sweepAgain = false;
          finalized += await this.sweep();
        } while (this.sweepAgain);
      } finally {
        this.sweeping = undefined;
      }
      return finalized;
    };
    this.sweeping = run();
    return this.sweeping;
  }

  /** Finalizes every ready job; returns how many. */
  async sweep(): Promise<number> {
    const ready = await this.jobRows.readyForOutput(SWEEP_BATCH);
    let finalized = 0;
    // One job's failure is its own: the others in the sweep are still finalised.
    for (const job_id of ready) {
      try {
        if (await this.finalize(job_id)) finalized++;
      } catch (error) {
        await this.failed(job_id, error);
      }
    }
    return finalized;
  }

  /** A transient cause (database, file system hiccup) waits for the next sweep; a permanent one fails the job. */
  private async failed(jobId: string, error: unknown): Promise<void> {
    const log = forJob(this.logger, jobId);
    if (isRetriable(error)) {
      log.warn({ err: error }, 'job output not written yet; the next sweep tries again');
      return;
    }
    log.error({ err: error }, 'job output cannot be written; job failed');
    await this.progress.report(jobId, 'distributor', [], {
      outcome: 'failed',
      error: (error as Error).message,
    });
  }

  private async finalize(jobId: string): Promise<boolean> {
    const log = forJob(this.logger, jobId);
    const manifest = await this.db.transaction(async (client) => {
      const locked = await this.jobRows.lockForOutput(client, jobId);
      if (!locked) return null;
      const revision = await this.templates.getRevision(locked.template_id, locked.template_revision, client);
      const job: FinalizingJob = { ...locked, record_schema: revision.record_schema };
      const generatedAt = new Date();
      const { outputs, distributed } = await this.writeOutputs(client, job, revision, generatedAt);
      const built = buildOutputManifest({
        job_id: jobId,
        target_surface: job.target_surface,
        outputs,
        generated_at: generatedAt,
      });
      // Completed in the manifest's own transaction, by the fold's rule, rather than a progress round trip later
      // (the status consumer's fold of manifest_written then finds it completed already).
      const status = nextJobStatus(locked.status, { ...locked, manifest_written: true }, false);
      await this.jobRows.saveOutputManifest(client, jobId, { manifest: built, distributed, status });
      return built;
    });
    if (!manifest) return false;
    await this.progress.report(jobId, 'distributor', [], { outcome: 'manifest_written', detail: manifest });
    log.info({ outputs: manifest.outputs.length }, 'job output and quality report written');
    return true;
  }

  /**
   * One pass over the job's staged records feeds both the quality report and the surface; the report is then
   * completed with the rejected records and saved, and the surface publishes its output with the report's files.
   */
  private async writeOutputs(
    client: PoolClient,
    job: FinalizingJob,
    revision: TemplateRevision,
    generatedAt: Date,
  ): Promise<{ outputs: ManifestOutput[]; distributed: number }> {
    const accumulator = this.qualityBuilder.open(job, revision);
    // Preview jobs exist to look at a draft's output; they are never distributed to a surface (their
    // quality report is still on the job).
    const output: SurfaceOutput | null =
      job.mode === 'preview'
        ? null
        : await this.surfaces
            .writerFor(job.target_surface)
            .open({ client, job, root: resolve(this.settings.outputRoot) });
    try {
      let distributed = 0;
      for await (const batch of this.staging.stagedRecordBatches(client, job.job_id)) {
        addAcceptedTo(accumulator, batch);
        await output?.add(batch);
        distributed += batch.length;
      }
      const report = await this.qualityBuilder.finish(client, accumulator, job.job_id, generatedAt);
      await this.reports.save(client, report);
      const outputs = output ? await output.finish(qualityFiles(report)) : [];
      return { outputs, distributed: output ? distributed : 0 };
    } catch (error) {
      await output?.discard().catch(() => undefined);
      throw error;
    }
  }
}
