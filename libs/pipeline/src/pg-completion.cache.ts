import type { TokenUsage } from '@vs/contracts';
import type { Database } from '@vs/database';
import type { CachedCompletion, CompletionCache } from '@vs/engines';

/** The LLM completion cache in PostgreSQL: content-addressed, written once, shared by every generator. */
export class PgCompletionCache implements CompletionCache {
  constructor(
    private readonly db: Database,
    private readonly model: string,
  ) {}

  async get(key: string): Promise<CachedCompletion | null> {
    const [row] = await this.db.query<{ response: string; prompt_tokens: number; completion_tokens: number }>(
      'SELECT response, prompt_tokens, completion_tokens FROM llm_completion_cache WHERE cache_key = $1',
      [key],
    );
    return row
      ? { content: row.response, usage: { prompt_tokens: row.prompt_tokens, completion_tokens: row.completion_tokens } }
      : null;
  }

  async put(key: string, content: string, usage: TokenUsage): Promise<void> {
    await this.db.query(
      `INSERT INTO llm_completion_cache (cache_key, model, response, prompt_tokens, completion_tokens)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (cache_key) DO NOTHING`,
      [key, this.model, content, usage.prompt_tokens, usage.completion_tokens],
    );
  }
}
