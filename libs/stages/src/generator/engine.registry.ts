import type { AppConfig } from '@vs/config';
import { PoisonMessageError } from '@vs/contracts';
import type { Database } from '@vs/database';
import { DeterministicEngine, OpenAiCompatibleEngine, type GenerationEngine } from '@vs/engines';
import { PgCompletionCache, type JobTokenBudget } from '@vs/pipeline';

export interface RegisteredEngine {
  engine: GenerationEngine;
  /** Pinned into every record's lineage; read per pack, as the LLM endpoint's negotiated capabilities change. */
  parameters(): Record<string, string>;
}

/** The engines this generator can run, by the name jobs request. */
export class EngineRegistry {
  private readonly engines = new Map<string, RegisteredEngine>();

  constructor(config: Readonly<AppConfig>, db: Database, budget: JobTokenBudget) {
    this.engines.set('deterministic', { engine: new DeterministicEngine(), parameters: () => ({}) });
    const llm = new OpenAiCompatibleEngine(
      {
        baseUrl: config.LLM_BASE_URL,
        apiKey: config.LLM_API_KEY,
        model: config.LLM_MODEL,
        temperature: config.LLM_TEMPERATURE,
        maxTokens: config.LLM_MAX_TOKENS,
        recordsPerRequest: config.LLM_RECORDS_PER_REQUEST,
        maxInFlight: config.LLM_MAX_IN_FLIGHT,
        requestTimeoutMs: config.LLM_TIMEOUT_MS,
        maxCorrectionAttempts: config.LLM_MAX_CORRECTIONS,
        maxTransportRetries: config.LLM_MAX_RETRIES,
        structuredOutput: config.LLM_STRUCTURED_OUTPUT,
        jsonSchema: config.LLM_JSON_SCHEMA,
        tokenParam: config.LLM_TOKEN_PARAM,
        stream: config.LLM_STREAM,
        circuitBreaker: { failureThreshold: 5, cooldownMs: config.LLM_CIRCUIT_COOLDOWN_MS },
      },
      { cache: new PgCompletionCache(db, config.LLM_MODEL), budget },
    );
    const parameters = () =>
      Object.fromEntries(Object.entries(llm.lineageParameters()).map(([k, v]) => [k, String(v)]));
    this.engines.set('openai-compatible', { engine: llm, parameters });
    this.llm = llm;
  }

  private readonly llm: OpenAiCompatibleEngine;

  /** The LLM endpoint as negotiated so far, for /health. */
  llmCapabilities(): ReturnType<OpenAiCompatibleEngine['capabilityView']> {
    return this.llm.capabilityView();
  }

  get(name: string): RegisteredEngine {
    const registered = this.engines.get(name);
    if (!registered)
      throw new PoisonMessageError(`unknown engine "${name}"; known: ${[...this.engines.keys()].join(', ')}`);
    return registered;
  }
}
