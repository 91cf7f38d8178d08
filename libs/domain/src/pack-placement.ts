import type { PromptPack } from '@vs/contracts';

/**
 * Which partition key places a prompt pack (the message key stays job_id either way). A job's packs spread over
 * every partition, and so over every generator instance, by their pack id. A job with a token budget keeps its
 * packs on its job's partition instead: one generator at a time spends its budget, so the budget holds to what
 * that generator has in flight, however many instances run (a spread job's instances would each spend it).
 */
export function packSpreadKey(pack: Pick<PromptPack, 'pack_id' | 'token_budget'>): string | undefined {
  return pack.token_budget === null ? pack.pack_id : undefined;
}
