import type { TokenParam } from './chat-completions.client';
import type { StructuredOutputMode } from './openai-engine.config';
import type { StructuredOutput } from './prompt-builder';
import { oneLine } from './response-body';

/** One step down after a 400 refusing the structure asked for: the simplified schema, then json_object, then none. */
function nextStep(from: StructuredOutput): StructuredOutput | null {
  if (from.mode === 'json_schema' && from.schema === 'full') return { mode: 'json_schema', schema: 'simplified' };
  if (from.mode === 'json_schema') return { mode: 'json_object', schema: from.schema };
  if (from.mode === 'json_object') return { mode: 'prompt_only', schema: from.schema };
  return null;
}

export interface CapabilityChange {
  from: string;
  to: string;
  reason: string;
  at: string;
}

/** What /health and lineage show of the endpoint as negotiated so far. */
export interface EndpointCapabilitiesView {
  structured_output: StructuredOutputMode;
  json_schema: StructuredOutput['schema'];
  token_param: TokenParam;
  negotiated: CapabilityChange[];
}

const label = (o: StructuredOutput): string => (o.mode === 'json_schema' ? `json_schema (${o.schema})` : o.mode);

/**
 * What the endpoint accepts, learnt from its 400s and remembered for the life of the process: every later
 * request (every job) asks the way that worked, instead of being refused again.
 */
export class EndpointCapabilities {
  private output: StructuredOutput;
  private param: TokenParam;
  private readonly changes: CapabilityChange[] = [];

  constructor(
    start: StructuredOutput,
    tokenParam: TokenParam,
    private readonly now: () => number = Date.now,
  ) {
    this.output = start;
    this.param = tokenParam;
  }

  get structuredOutput(): StructuredOutput {
    return this.output;
  }

  get tokenParam(): TokenParam {
    return this.param;
  }

  /**
   * A request asking with `used` was refused for it. Steps down once (concurrent refusals of the same step move
   * it one step only); true when there is a way left to ask, false when even prompt-only was refused.
   */
  formatRefused(used: StructuredOutput, reason: string): boolean {
    if (used.mode !== this.output.mode || used.schema !== this.output.schema) return true;
    const next = nextStep(used);
    if (!next) return false;
    this.note(label(used), label(next), reason);
    this.output = next;
    return true;
  }

  /** The endpoint named the other token limit field: switch to it once; false when both were refused. */
  tokenParamRefused(used: TokenParam, reason: string): boolean {
    if (used !== this.param) return true;
    if (this.changes.some((c) => c.from === 'max_tokens' || c.from === 'max_completion_tokens')) return false;
    const next: TokenParam = used === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
    this.note(used, next, reason);
    this.param = next;
    return true;
  }

  view(): EndpointCapabilitiesView {
    return {
      structured_output: this.output.mode,
      json_schema: this.output.schema,
      token_param: this.param,
      negotiated: [...this.changes],
    };
  }

  private note(from: string, to: string, reason: string): void {
    this.changes.push({ from, to, reason: oneLine(reason, 160), at: new Date(this.now()).toISOString() });
  }
}
