import type { ChatMessage } from './prompt-builder';

type CountTokens = (text: string) => number;
let counter: CountTokens | null = null;

// Loaded on first use (a third of a second): endpoints that report usage never pay for it.
function countTokens(text: string): number {
  // o200k_base is the encoding of current OpenAI models; others differ by a few percent, close enough for a budget.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  counter ??= (require('gpt-tokenizer/encoding/o200k_base') as { countTokens: CountTokens }).countTokens;
  return counter(text);
}

/** Per-message overhead of the chat format (role and separators), as OpenAI documents it. */
const MESSAGE_OVERHEAD = 4;

export function estimatePromptTokens(messages: ChatMessage[], extra = ''): number {
  return messages.reduce((n, m) => n + MESSAGE_OVERHEAD + countTokens(m.content), 3) + (extra ? countTokens(extra) : 0);
}

export function estimateCompletionTokens(content: string): number {
  return countTokens(content);
}
