import type { TokenUsage } from '@vs/contracts';

export const ZERO_USAGE: TokenUsage = { prompt_tokens: 0, completion_tokens: 0 };

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    prompt_tokens: a.prompt_tokens + b.prompt_tokens,
    completion_tokens: a.completion_tokens + b.completion_tokens,
  };
}

function splitInteger(total: number, parts: number): number[] {
  const share = Math.floor(total / parts);
  const shares = new Array<number>(parts).fill(share);
  shares[0] += total - share * parts;
  return shares;
}

/** Integer split with the remainder on the first record, so per-record tokens sum exactly to what was billed. */
export function splitUsage(usage: TokenUsage, parts: number): TokenUsage[] {
  if (parts <= 0) return [];
  const prompt = splitInteger(usage.prompt_tokens, parts);
  const completion = splitInteger(usage.completion_tokens, parts);
  return prompt.map((p, i) => ({ prompt_tokens: p, completion_tokens: completion[i] }));
}
