import { ChatCompletionsClient, LlmJudge } from '@vs/engines';
import type { AppConfig } from '@vs/config';
import type { Database } from '@vs/database';
import { PgCompletionCache } from '@vs/pipeline';
import { LlmJudgeStep } from './llm-judge.step';

/** The validator's LLM judge as configured (LLM_JUDGE*), or null when it is off. */
export function llmJudgeStep(config: Readonly<AppConfig>, db: Database): LlmJudgeStep | null {
  if (!config.LLM_JUDGE) return null;
  const model = config.LLM_JUDGE_MODEL ?? config.LLM_MODEL;
  const client = new ChatCompletionsClient({
    baseUrl: config.LLM_BASE_URL,
    apiKey: config.LLM_API_KEY,
    requestTimeoutMs: config.LLM_TIMEOUT_MS,
  });
  const judge = new LlmJudge(
    client,
    {
      model,
      minScore: config.LLM_JUDGE_MIN_SCORE,
      recordsPerRequest: config.LLM_JUDGE_RECORDS_PER_REQUEST,
      maxTokens: config.LLM_MAX_TOKENS,
      maxRetries: config.LLM_MAX_RETRIES,
      retryDelayMs: 500,
    },
    new PgCompletionCache(db, model),
  );
  return new LlmJudgeStep(judge);
}
