import type { PromptPack, TokenUsage } from '@vs/contracts';
import type { Database } from '@vs/database';
import type { TokenBudget } from '@vs/engines';

/**
 * A job's token budget as one generator instance sees it: what the job row has folded so far plus what
 * this instance spent since it last looked. `refresh` before each pack keeps instances roughly in step.
 */
export class JobTokenBudget implements TokenBudget {
  private readonly spentByJob = new Map<string, number>();

  constructor(private readonly db: Database) {}

  async refresh(jobId: string): Promise<void> {
    const [row] = await this.db.query<{ spent: string }>(
      `SELECT COALESCE(sum(prompt_tokens + completion_tokens), 0)::text AS spent
         FROM job_stage_progress WHERE job_id = $1 AND stage = 'generator'`,
      [jobId],
    );
    this.spentByJob.set(jobId, Math.max(this.spentByJob.get(jobId) ?? 0, Number(row?.spent ?? 0)));
  }

  remaining(pack: PromptPack): number {
    if (pack.token_budget === null) return Number.POSITIVE_INFINITY;
    return pack.token_budget - (this.spentByJob.get(pack.job_id) ?? 0);
  }

  spend(usage: TokenUsage, pack: PromptPack): void {
    this.spentByJob.set(
      pack.job_id,
      (this.spentByJob.get(pack.job_id) ?? 0) + usage.prompt_tokens + usage.completion_tokens,
    );
  }
}
