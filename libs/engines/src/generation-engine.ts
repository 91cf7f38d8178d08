import type { PromptPack, RecordFields, TokenUsage } from '@vs/contracts';

/** One planned record of a pack, with the id the pipeline derived for it. */
export interface PlannedRecord {
  record_id: string;
  record_index: number;
}

/** An engine's answer for one planned record: fields, or why it could not produce them. */
export interface EngineOutput {
  record_id: string;
  fields: RecordFields | null;
  error: string | null;
  usage: TokenUsage;
  /** The tokens are our tokenizer's estimate: the endpoint reported no usage. */
  usage_estimated?: boolean;
}

export interface EngineIdentity {
  /** The engine name as jobs request it, e.g. "deterministic". */
  name: string;
  /** Version pinned into lineage, e.g. "deterministic/1 faker/10.6.0". */
  version: string;
}

/**
 * The generator's engine port. An engine must answer every planned record exactly once, in order,
 * either with fields or with an error; it never drops a record. `signal` aborts when the job is cancelled.
 */
export interface GenerationEngine {
  identity(): EngineIdentity;
  generate(pack: PromptPack, records: PlannedRecord[], signal?: AbortSignal): Promise<EngineOutput[]>;
}
