import type { AppConfig } from '@vs/config';

/** The limits a trigger is checked against; passed in so the repository never reads the environment. */
export interface JobPolicy {
  recordCountMin: number;
  recordCountMax: number;
  previewRecordCountMax: number;
  /** Whether an LLM key is configured; without one, openai-compatible jobs fall back to deterministic. */
  llmAvailable: boolean;
  defaultTokenBudget: number | null;
}

export function jobPolicyFromConfig(config: Readonly<AppConfig>): JobPolicy {
  return {
    recordCountMin: config.RECORD_COUNT_MIN,
    recordCountMax: config.RECORD_COUNT_MAX,
    previewRecordCountMax: config.PREVIEW_RECORD_COUNT_MAX,
    llmAvailable: Boolean(config.LLM_API_KEY),
    defaultTokenBudget: config.LLM_DEFAULT_TOKEN_BUDGET ?? null,
  };
}
