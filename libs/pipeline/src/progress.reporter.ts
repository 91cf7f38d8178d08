import type { KafkaPublisher, TopicNames } from '@vs/kafka';

export type Stage = 'expander' | 'generator' | 'validator' | 'distributor';
export type StageOutcome = 'failed' | 'budget_exhausted' | 'manifest_written';

export interface ProgressUnit {
  unit_id: string;
  records?: number;
  accepted?: number;
  rejected?: number;
  prompt_tokens?: number;
  completion_tokens?: number;
}

export interface StageProgressValue {
  job_id: string;
  stage: Stage;
  units: Required<ProgressUnit>[];
  planned_packs: number | null;
  outcome: StageOutcome | null;
  error: string | null;
  detail_json: string | null;
  at: string;
}

/** Publishes what a stage finished, in units whose ids make a redelivered report harmless. */
export class ProgressReporter {
  constructor(
    private readonly publisher: KafkaPublisher,
    private readonly topics: TopicNames,
  ) {}

  async report(
    jobId: string,
    stage: Stage,
    units: ProgressUnit[],
    extra: { planned_packs?: number; outcome?: StageOutcome; error?: string; detail?: unknown } = {},
  ): Promise<void> {
    const value: StageProgressValue = {
      job_id: jobId,
      stage,
      units: units.map((u) => ({
        unit_id: u.unit_id,
        records: u.records ?? 0,
        accepted: u.accepted ?? 0,
        rejected: u.rejected ?? 0,
        prompt_tokens: u.prompt_tokens ?? 0,
        completion_tokens: u.completion_tokens ?? 0,
      })),
      planned_packs: extra.planned_packs ?? null,
      outcome: extra.outcome ?? null,
      error: extra.error ?? null,
      detail_json: extra.detail === undefined ? null : JSON.stringify(extra.detail),
      at: new Date().toISOString(),
    };
    await this.publisher.publish(this.topics.of('jobsProgress'), [{ key: jobId, value }]);
  }
}
