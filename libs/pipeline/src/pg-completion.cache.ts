import type { Database } from '@vs/database';
import type { CachedCompletion, CompletionCache, UsageSource } from '@vs/engines';

interface CacheRow {
  response: string;
  prompt_tokens: number;
  completion_tokens: number;
  finish_reason: string | null;
  usage_source: UsageSource;
}

/** The LLM completion cache in PostgreSQL: content-addressed, written once, shared by every generator. */
export class PgCompletionCache implements CompletionCache {
  constructor(
    private readonly db: Database,
    private readonly model: string,
  ) {}

  async get(key: string): Promise<CachedCompletion | null> {
    const [row] = await this.db.query<CacheRow>(
      `SELECT response, prompt_tokens, completion_tokens, finish_reason, usage_source
       FROM llm_completion_cache WHERE cache_key = $1`,
      [key],
    );
    if (!row) return null;
    return {
      content: row.response,
      usage: { prompt_tokens: row.prompt_tokens, completion_tokens: row.completion_tokens },
      finishReason: row.finish_reason,
      usageSource: row.usage_source,
    };
  }

  async put(key: string, completion: CachedCompletion): Promise<void> {
    const { content, usage, finishReason, usageSource } = completion;
    await this.db.query(
      `INSERT INTO llm_completion_cache
         (cache_key, model, response, prompt_tokens, completion_tokens, finish_reason, usage_source)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (cache_key) DO NOTHING`,
      [key, this.model, content, usage.prompt_tokens, usage.completion_tokens, finishReason, usageSource],
    );
  }
}
