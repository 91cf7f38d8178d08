import { recordSchemaSchema, type PromptPack } from '@vs/contracts';
import type { PlannedRecord } from '../generation-engine';
import type { CachedCompletion, CompletionCache } from './completion-cache';

/** A pack whose schema exercises every constraint kind the fake server can satisfy. */
export function productPack(overrides: Partial<PromptPack> = {}): PromptPack {
  return {
    pack_id: 'pack-1',
    job_id: 'job-1',
    pack_index: 0,
    tenant_id: 'tenant-a',
    locale: 'de-DE',
    template_id: 'tpl-retail',
    template_revision: 3,
    chapter_key: 'catalogue',
    chapter_title: 'Product catalogue',
    subchapter_key: 'garden',
    subchapter_title: 'Garden tools',
    subchapter_intent: 'Hand tools a hobby gardener buys in spring',
    exemplars: [
      {
        exemplar_id: 'ex-1',
        prompt: 'A sturdy spade',
        record: { name: 'Spaten Classic', price: 24.9, tier: 'gold', in_stock: true },
      },
    ],
    record_schema: recordSchemaSchema.parse({
      fields: [
        { name: 'name', type: 'string', constraints: { min_length: 2, max_length: 40 }, description: 'product name' },
        { name: 'price', type: 'number', constraints: { min: 0, max: 500 } },
        { name: 'quantity', type: 'integer', constraints: { min: 1, max: 20 } },
        { name: 'tier', type: 'enum', constraints: { enum: ['gold', 'silver'] } },
        { name: 'in_stock', type: 'boolean' },
        { name: 'sku', type: 'uuid' },
        { name: 'listed_on', type: 'date' },
        { name: 'contact', type: 'email', required: false },
      ],
    }),
    first_record_index: 0,
    record_count: 0,
    engine: 'openai-compatible',
    token_budget: null,
    ...overrides,
  };
}

export function plannedRecords(count: number, first = 0): PlannedRecord[] {
  return Array.from({ length: count }, (_, i) => ({ record_id: `rec-${first + i}`, record_index: first + i }));
}

/** In-memory CompletionCache: the port's behaviour without a database. */
export class MapCompletionCache implements CompletionCache {
  readonly entries = new Map<string, CachedCompletion>();

  async get(key: string): Promise<CachedCompletion | null> {
    return this.entries.get(key) ?? null;
  }

  async put(key: string, completion: CachedCompletion): Promise<void> {
    this.entries.set(key, completion);
  }
}
