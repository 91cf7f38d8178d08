import { createHash } from 'node:crypto';
import type { TokenUsage } from '@vs/contracts';
import type { UsageSource } from './chat-completions.client';
import type { ChatMessage, ResponseFormat } from './prompt-builder';

/**
 * A stored raw reply, what it was billed and how it ended, so a rerun served from the cache reports the same
 * tokens and reads the reply as the live one was read (a cut reply is cut again).
 */
export interface CachedCompletion {
  content: string;
  usage: TokenUsage;
  finishReason: string | null;
  usageSource: UsageSource;
}

/** Port for a completion cache (a PostgreSQL adapter lives elsewhere); the engine asks it before every request. */
export interface CompletionCache {
  get(key: string): Promise<CachedCompletion | null>;
  put(key: string, completion: CachedCompletion): Promise<void>;
}

export interface CompletionCacheKeyInput {
  messages: ChatMessage[];
  model: string;
  temperature: number;
  max_tokens: number;
  response_format: ResponseFormat | undefined;
  schema_version: string;
}

/** JSON with object keys sorted at every depth, so equal requests always hash alike. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function completionCacheKey(input: CompletionCacheKeyInput): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}
