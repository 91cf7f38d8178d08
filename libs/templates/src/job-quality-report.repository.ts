import type { Database, Queryable } from '@vs/database';
import type { JobQualityReport } from '@vs/domain';

/** Owner of job_quality_reports: one report per finalised job, written once, read by the admin surface. */
export class JobQualityReportRepository {
  constructor(private readonly db: Database) {}

  /** Inside the finaliser's transaction; a report already there (a redelivered finalisation) is kept. */
  async save(client: Queryable, report: JobQualityReport): Promise<void> {
    await client.query(
      `INSERT INTO job_quality_reports (job_id, overall_score, report) VALUES ($1, $2, $3)
       ON CONFLICT (job_id) DO NOTHING`,
      [report.job_id, report.score.overall, JSON.stringify(report)],
    );
  }

  /** The job's report, or null before the job is finalised. Visibility is the caller's to check. */
  async find(jobId: string): Promise<JobQualityReport | null> {
    const rows = await this.db.query<{ report: JobQualityReport }>(
      'SELECT report FROM job_quality_reports WHERE job_id = $1',
      [jobId],
    );
    return rows[0]?.report ?? null;
  }
}
