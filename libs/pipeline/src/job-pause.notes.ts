import type { Database } from '@vs/database';

const TERMINAL = ['completed', 'failed', 'cancelled'];

/**
 * Shows on the job row (its `notice`, which GET /jobs/:id, the queue view and `jobs show` carry) that a stage
 * is paused waiting for a dependency, and clears it when the stage resumes. A note is only ever replaced or
 * cleared by the stage that wrote it, so a resumed stage never clears another stage's pause.
 */
export class JobPauseNotes {
  constructor(private readonly db: Database) {}

  async set(jobIds: string[], note: string | null, previous: string | null): Promise<void> {
    if (note !== null) {
      await this.db.query(
        `UPDATE oracle_synthetic_generation_jobs SET notice = $2, updated_at = now()
          WHERE job_id = ANY($1::uuid[]) AND status <> ALL($3) AND notice IS DISTINCT FROM $2`,
        [jobIds, note, TERMINAL],
      );
      return;
    }
    await this.db.query(
      `UPDATE oracle_synthetic_generation_jobs SET notice = NULL, updated_at = now()
        WHERE job_id = ANY($1::uuid[]) AND notice = $2`,
      [jobIds, previous],
    );
  }
}
