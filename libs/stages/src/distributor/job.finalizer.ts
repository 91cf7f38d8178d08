import { resolve } from 'node:path';
import { isRetriable, type ManifestOutput } from '@vs/contracts';
import { buildOutputManifest, type JobQualityReport } from '@vs/domain';
import { forJob } from '@vs/logging';
import { PollingLoop, type ProgressReporter, type ServiceRuntime } from '@vs/pipeline';
import { JobQualityReportRepository, RejectedRecordsRepository, type TemplateRepository } from '@vs/templates';
import { QualityReportBuilder } from './quality-report.builder';
import type { StagingRepository } from './staging.repository';
import { writeAnalyticsSandbox } from './surfaces/analytics-sandbox.surface';
import { writeDemoBundle } from './surfaces/demo-bundle.surface';
import { writeQaFixtures } from './surfaces/qa-fixtures.surface';
import { qualityFiles } from './surfaces/quality-files';
import type { FinalizingJob } from './surfaces/staged-record';

/**
 * Writes a job's output once every planned record is decided and every decision is staged: the quality
 * report, the surface's files or rows (with the report's quality.html and quality.json beside files), then
 * the manifest on the job, all in one transaction. It sweeps rather than waits for a message, so a crash
 * between staging and writing is finished by whichever distributor looks next.
 */
export class JobFinalizer {
  private loop: PollingLoop | undefined;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly templates: TemplateRepository,
    private readonly staging: StagingRepository,
    private readonly progress: ProgressReporter,
    private readonly intervalMs = 500,
    private readonly reports = new JobQualityReportRepository(runtime.db),
    private readonly qualityBuilder = new QualityReportBuilder(new RejectedRecordsRepository(runtime.db)),
  ) {}

  start(): void {
    this.loop = new PollingLoop('finalizer sweep', this.intervalMs, () => this.sweep(), this.runtime.logger);
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  /** Finalizes every ready job; returns how many. */
  async sweep(): Promise<number> {
    const ready = await this.runtime.db.query<{ job_id: string }>(
      `SELECT j.job_id FROM oracle_synthetic_generation_jobs j
        WHERE j.status IN ('validating', 'distributing') AND j.output_manifest IS NULL
          AND j.validated_records = j.record_count
          AND (SELECT count(*) FROM job_accepted_records a WHERE a.job_id = j.job_id) = j.accepted_records
          AND (SELECT count(*) FROM job_rejected_records r WHERE r.job_id = j.job_id) = j.rejected_records
        LIMIT 20`,
    );
    let finalized = 0;
    // One job's failure is its own: the others in the sweep are still finalised.
    for (const { job_id } of ready) {
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
    const log = forJob(this.runtime.logger, jobId);
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
    const log = forJob(this.runtime.logger, jobId);
    const manifest = await this.runtime.db.transaction(async (client) => {
      const { rows } = await client.query<Omit<FinalizingJob, 'record_schema'>>(
        `SELECT job_id::text, tenant_id, template_id, template_revision, chapter_key, subchapter_key, locale, engine,
                token_budget::float8 AS token_budget, reference_at, target_surface, mode, record_count, accepted_records, rejected_records
           FROM oracle_synthetic_generation_jobs
          WHERE job_id = $1 AND output_manifest IS NULL AND status IN ('validating', 'distributing')
          FOR UPDATE SKIP LOCKED`,
        [jobId],
      );
      if (!rows[0]) return null;
      const revision = await this.templates.getRevision(rows[0].template_id, rows[0].template_revision, client);
      const job: FinalizingJob = { ...rows[0], record_schema: revision.record_schema };
      const records = await this.staging.stagedRecords(client, jobId);
      const generatedAt = new Date();
      const report = await this.qualityBuilder.build(client, job, revision, records, generatedAt);
      await this.reports.save(client, report);
      const outputs = await this.writeSurface(client, job, records, report);
      const built = buildOutputManifest({
        job_id: jobId,
        target_surface: job.target_surface,
        outputs,
        generated_at: generatedAt,
      });
      await client.query(
        `UPDATE oracle_synthetic_generation_jobs SET output_manifest = $2, distributed_records = $3, updated_at = now() WHERE job_id = $1`,
        [jobId, JSON.stringify(built), job.mode === 'preview' ? 0 : records.length],
      );
      return built;
    });
    if (!manifest) return false;
    await this.progress.report(jobId, 'distributor', [], { outcome: 'manifest_written', detail: manifest });
    log.info({ outputs: manifest.outputs.length }, 'job output and quality report written');
    return true;
  }

  private async writeSurface(
    client: Parameters<typeof writeAnalyticsSandbox>[0],
    job: FinalizingJob,
    records: Parameters<typeof writeQaFixtures>[2],
    report: JobQualityReport,
  ): Promise<ManifestOutput[]> {
    // Preview jobs exist to look at a draft's output; they are never distributed to a surface (their
    // quality report is still on the job).
    if (job.mode === 'preview') return [];
    const root = resolve(this.runtime.config.OUTPUT_ROOT);
    switch (job.target_surface) {
      case 'analytics_sandbox':
        // Rows in PostgreSQL: the report on the job (GET /jobs/:id/quality) is their quality report.
        return writeAnalyticsSandbox(client, job, records);
      case 'qa_fixtures':
        return writeQaFixtures(root, job, records, qualityFiles(report));
      case 'demo_bundle':
        return writeDemoBundle(root, job, records, qualityFiles(report));
    }
  }
}
