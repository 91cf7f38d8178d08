import type { PromptPack, TokenUsage } from '@vs/contracts';
import type { TokenBudget } from '@vs/engines';
import type { JobRowRepository } from './job-row.repository';

/**
 * A job's token budget as one generator instance sees it: what the job row has folded so far plus what
 * this instance spent since it last looked. `refresh` before each pack keeps instances roughly in step and
 * picks up the job's current budget, which a rerun may have raised since the pack was planned.
 */
export class JobTokenBudget implements TokenBudget {
  private readonly spentByJob = new Map<string, number>();
  private readonly limitByJob = new Map<string, number | null>();

  constructor(private readonly jobRows: JobRowRepository) {}

  async refresh(jobId: string): Promise<void> {
    const row = await this.jobRows.tokensOf(jobId);
    this.spentByJob.set(jobId, Math.max(this.spentByJob.get(jobId) ?? 0, row?.spent ?? 0));
    this.limitByJob.set(jobId, row?.token_budget ?? null);
  }

  /** The budget in force for the pack's job: the job row's as last refreshed, else the pack's own. */
  limit(pack: PromptPack): number | null {
    return this.limitByJob.has(pack.job_id) ? this.limitByJob.get(pack.job_id)! : pack.token_budget;
  }

  remaining(pack: PromptPack): number {
    const limit = this.limit(pack);
    if (limit === null) return Number.POSITIVE_INFINITY;
    return limit - (this.spentByJob.get(pack.job_id) ?? 0);
  }

  spend(usage: TokenUsage, pack: PromptPack): void {
    this.spentByJob.set(
      pack.job_id,
      (this.spentByJob.get(pack.job_id) ?? 0) + usage.prompt_tokens + usage.completion_tokens,
    );
  }
}
