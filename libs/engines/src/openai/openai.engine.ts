import { setMaxListeners } from 'node:events';
import type { PromptPack, RecordSchema } from '@vs/contracts';
import { compileRecordValidator } from '@vs/domain';
import type { EngineIdentity, EngineOutput, GenerationEngine, PlannedRecord } from '../generation-engine';
import { AdaptiveConcurrencyLimiter, systemClock, type LimiterClock, type LimiterStats } from './adaptive-concurrency';
import { ChatCompletionsClient } from './chat-completions.client';
import { CircuitBreaker, type CircuitState } from './circuit-breaker';
import type { CompletionCache } from './completion-cache';
import { CompletionSender, type SenderCounters, type TokenBudget } from './completion-sender';
import {
  parseOpenAiEngineOptions,
  redactedOpenAiEngineOptions,
  type OpenAiEngineOptions,
  type OpenAiEngineOptionsInput,
} from './openai-engine.config';
import { EndpointCapabilities, type EndpointCapabilitiesView } from './endpoint-capabilities';
import { LlmEndpointUnavailableError, LlmRequestsFailedError } from './openai-errors';
import { PromptBuilder, recordJsonSchema } from './prompt-builder';
import { RecordBatchRunner, type BatchResult, type CompiledRecordSchema } from './record-batch.runner';
import { oneLine } from './response-body';

export interface OpenAiEngineDeps {
  cache?: CompletionCache;
  budget?: TokenBudget;
  clock?: LimiterClock;
}

export interface OpenAiLineageParameters {
  model: string;
  temperature: number;
  max_tokens: number;
  /** As negotiated with the endpoint when the record was generated (configured: LLM_STRUCTURED_OUTPUT). */
  structured_output: OpenAiEngineOptions['structuredOutput'];
  json_schema: OpenAiEngineOptions['jsonSchema'];
  token_param: OpenAiEngineOptions['tokenParam'];
  endpoint_kind: 'openai-chat-completions';
}

export interface OpenAiEngineStats extends SenderCounters {
  limiter: LimiterStats;
  circuit: CircuitState;
  capabilities: EndpointCapabilitiesView;
}

/** Chat-completions engine for any OpenAI-compatible endpoint (Moonshot, vLLM, Ollama, gateways). */
export class OpenAiCompatibleEngine implements GenerationEngine {
  private readonly options: OpenAiEngineOptions;
  private readonly limiter: AdaptiveConcurrencyLimiter;
  private readonly breaker: CircuitBreaker;
  private readonly sender: CompletionSender;
  private readonly runner: RecordBatchRunner;
  private readonly capabilities: EndpointCapabilities;
  private readonly compiled = new Map<string, CompiledRecordSchema>();

  constructor(options: OpenAiEngineOptionsInput, deps: OpenAiEngineDeps = {}) {
    this.options = parseOpenAiEngineOptions(options);
    const clock = deps.clock ?? systemClock;
    const o = this.options;
    this.limiter = new AdaptiveConcurrencyLimiter(o, clock);
    this.breaker = new CircuitBreaker(o.circuitBreaker, () => clock.now());
    const client = new ChatCompletionsClient(o, () => clock.now());
    this.capabilities = new EndpointCapabilities({ mode: o.structuredOutput, schema: o.jsonSchema }, o.tokenParam);
    this.sender = new CompletionSender({
      client,
      limiter: this.limiter,
      breaker: this.breaker,
      cache: deps.cache,
      budget: deps.budget,
      retry: o,
    });
    this.runner = new RecordBatchRunner(o, new PromptBuilder(), this.sender, this.capabilities);
  }

  identity(): EngineIdentity {
    return {
      name: 'openai-compatible',
      version: `openai-compatible/1 model=${this.options.model} endpoint=${new URL(this.options.baseUrl).host}`,
    };
  }

  lineageParameters(): OpenAiLineageParameters {
    const o = this.options;
    const negotiated = this.capabilities.view();
    return {
      model: o.model,
      temperature: o.temperature,
      max_tokens: o.maxTokens,
      structured_output: negotiated.structured_output,
      json_schema: negotiated.json_schema,
      token_param: negotiated.token_param,
      endpoint_kind: 'openai-chat-completions',
    };
  }

  /** The options as they may be logged: never the API key. */
  redacted(): ReturnType<typeof redactedOpenAiEngineOptions> {
    return redactedOpenAiEngineOptions(this.options);
  }

  stats(): OpenAiEngineStats {
    return {
      ...this.sender.counters,
      limiter: this.limiter.stats(),
      circuit: this.breaker.state(),
      capabilities: this.capabilities.view(),
    };
  }

  /** The endpoint as negotiated so far (shown on the generator's /health). */
  capabilityView(): EndpointCapabilitiesView {
    return this.capabilities.view();
  }

  /**
   * One output per planned record, in order. Throws CircuitOpenError (retriable) while the endpoint is paused,
   * and the signal's reason when the job is cancelled: in both cases the pack is to be retried or dropped whole.
   */
  async generate(pack: PromptPack, records: PlannedRecord[], signal?: AbortSignal): Promise<EngineOutput[]> {
    signal?.throwIfAborted();
    this.breaker.assertClosed();
    const compiled = this.compile(pack.record_schema);
    const size = this.options.recordsPerRequest;
    const batches: PlannedRecord[][] = [];
    for (let i = 0; i < records.length; i += size) batches.push(records.slice(i, i + size));
    // The first batch to throw stops the others' waits; their in-flight requests finish (and reach the cache).
    const stopper = new AbortController();
    const cancel = signal ? AbortSignal.any([signal]) : undefined;
    const stop = cancel ? AbortSignal.any([cancel, stopper.signal]) : stopper.signal;
    // Every queued batch listens on these (hundreds for a big pack): by design, not a leak.
    setMaxListeners(0, stop, ...(cancel ? [cancel] : []));
    let failure: { error: unknown } | null = null;
    let outage: LlmEndpointUnavailableError | null = null;
    const outputs = await Promise.all(
      batches.map((batch) =>
        this.runner.run(pack, batch, compiled, cancel, stop).catch((error: unknown) => {
          // An outage lets the other batches run their course: each counts towards the circuit breaker,
          // and whatever does come back reaches the completion cache for the pack's next attempt.
          if (error instanceof LlmEndpointUnavailableError) outage ??= error;
          else {
            failure ??= { error };
            stopper.abort(error);
          }
          return null;
        }),
      ),
    );
    if (failure) throw (failure as { error: unknown }).error;
    if (outage) throw outage;
    const results = outputs.filter((r): r is BatchResult => r !== null);
    const unanswered = everyRequestFailed(results);
    if (unanswered) throw new LlmRequestsFailedError(unanswered);
    return results.flatMap((r) => r.outputs);
  }

  private compile(recordSchema: RecordSchema): CompiledRecordSchema {
    const key = JSON.stringify(recordSchema);
    let compiled = this.compiled.get(key);
    if (!compiled) {
      const validator = compileRecordValidator(recordSchema);
      const fieldNames = recordSchema.fields.map((f) => f.name);
      compiled = { validator, jsonSchema: recordJsonSchema(recordSchema, validator), fieldNames };
      this.compiled.set(key, compiled);
    }
    return compiled;
  }
}

/**
 * The one-line reason when the endpoint answered no request of the pack with records (each one rejected,
 * unreadable or refused), or null when any request was answered. Same verdict whatever the job's size.
 */
function everyRequestFailed(results: BatchResult[]): string | null {
  const requests = results.reduce((n, r) => n + r.requests, 0);
  if (requests === 0 || results.some((r) => r.answered > 0 || r.outputs.some((o) => o.fields !== null))) return null;
  const refusals = results.flatMap((r) => r.refusals);
  if (refusals.length === requests) return oneLine(`llm: all ${requests} requests were refused: ${refusals[0]!}`, 300);
  const last = results.map((r) => r.lastFailure).find((f) => f !== null) ?? refusals[0] ?? 'no usable reply';
  return oneLine(`llm: the endpoint failed all ${requests} requests: ${last}`, 300);
}
