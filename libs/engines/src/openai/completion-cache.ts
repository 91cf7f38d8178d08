import { createHash } from 'node:crypto';
import type { TokenUsage } from '@vs/contracts';
import type { ChatMessage, ResponseFormat } from './prompt-builder';

/** A stored raw reply and what it was billed, so a rerun served from the cache reports the same tokens. */
export interface CachedCompletion {
  content: string;
  usage: TokenUsage;
}

/** Port for a completion cache (a PostgreSQL adapter lives elsewhere); the engine asks it before every request. */
export interface CompletionCache {
  get(key: string): Promise<CachedCompletion | null>;
  put(key: string, content: string, usage: TokenUsage): Promise<void>;
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
