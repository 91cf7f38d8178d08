import type { Database } from '@vs/database';

const RUNNING = ['queued', 'expanding', 'generating', 'validating', 'distributing'];

/**
 * Shows on the job rows (their `notice`, which GET /jobs/:id, the queue view and `jobs show` carry) that a stage
 * is paused waiting for a dependency, and clears it when the stage resumes. A paused stage holds up every
 * running job, not only those whose messages it has in hand (the others' messages queue behind them), so the
 * note goes on all of them: on the jobs in hand whatever they showed, on the others unless they already show
 * something. Only the note the stage wrote is ever cleared by it.
 */
export class JobPauseNotes {
  constructor(private readonly db: Database) {}

  async pause(inHand: string[], note: string): Promise<void> {
    await this.db.query(
      `UPDATE oracle_synthetic_generation_jobs SET notice = $2, updated_at = now()
        WHERE status = ANY($3) AND notice IS DISTINCT FROM $2
          AND (job_id = ANY($1::uuid[]) OR notice IS NULL)`,
      [inHand, note, RUNNING],
    );
  }

  async resume(note: string): Promise<void> {
    await this.db.query(
      'UPDATE oracle_synthetic_generation_jobs SET notice = NULL, updated_at = now() WHERE notice = $1',
      [note],
    );
  }
}
