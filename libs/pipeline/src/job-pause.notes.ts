import type { JobStatus } from '@vs/contracts';
import type { JobRowRepository } from './job-row.repository';

const RUNNING: JobStatus[] = ['queued', 'expanding', 'generating', 'validating', 'distributing'];

/**
 * Shows on the job rows (their `notice`, which GET /jobs/:id, the queue view and `jobs show` carry) that a stage
 * is paused waiting for a dependency, and clears it when the stage resumes. A paused stage holds up every
 * running job, not only those whose messages it has in hand (the others' messages queue behind them), so the
 * note goes on all of them: on the jobs in hand whatever they showed, on the others unless they already show
 * something. Only the note the stage wrote is ever cleared by it.
 */
export class JobPauseNotes {
  constructor(private readonly jobRows: JobRowRepository) {}

  async pause(inHand: string[], note: string): Promise<void> {
    await this.jobRows.showPauseNote(inHand, note, RUNNING);
  }

  async resume(note: string): Promise<void> {
    await this.jobRows.clearPauseNote(note);
  }
}
