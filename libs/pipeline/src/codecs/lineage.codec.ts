import type { Lineage, TokenUsage } from '@vs/contracts';

/** Lineage as it travels in Avro: the contract's lineage plus engine parameters and the record's tokens. */
export interface LineageValue extends Lineage {
  engine_parameters: Record<string, string>;
  prompt_tokens: number;
  completion_tokens: number;
}

export function toLineageValue(
  lineage: Lineage,
  usage: TokenUsage,
  parameters: Record<string, string> = {},
): LineageValue {
  return {
    ...lineage,
    engine_parameters: parameters,
    prompt_tokens: usage.prompt_tokens,
    completion_tokens: usage.completion_tokens,
  };
}

export function fromLineageValue(value: LineageValue): {
  lineage: Lineage;
  usage: TokenUsage;
  parameters: Record<string, string>;
} {
  const { engine_parameters, prompt_tokens, completion_tokens, ...lineage } = value;
  return {
    lineage: { ...lineage, exemplar_ids: [...lineage.exemplar_ids] },
    usage: { prompt_tokens: Number(prompt_tokens), completion_tokens: Number(completion_tokens) },
    parameters: engine_parameters,
  };
}
