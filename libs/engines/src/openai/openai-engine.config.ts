import { z } from 'zod';

export const STRUCTURED_OUTPUT_MODES = ['json_schema', 'json_object', 'prompt_only'] as const;
export type StructuredOutputMode = (typeof STRUCTURED_OUTPUT_MODES)[number];

/**
 * Options of the OpenAI-compatible engine. Plain values only: the config lib reads the environment
 * and hands the result here, so this file never touches process.env.
 */
export const openAiEngineOptionsSchema = z
  .object({
    // Any OpenAI-compatible base URL: Moonshot, vLLM, Ollama's /v1, a gateway.
    baseUrl: z.url().default('https://api.moonshot.ai/v1'),
    apiKey: z.string().min(1).optional(),
    model: z.string().min(1).default('kimi-k2-0905-preview'),
    temperature: z.number().min(0).max(2).default(0.7),
    // Bounded so a runaway reply cannot bill unbounded tokens; some servers default to tiny limits otherwise.
    maxTokens: z.number().int().positive().default(4096),
    recordsPerRequest: z.number().int().positive().max(100).default(5),
    maxInFlight: z.number().int().positive().default(16),
    minInFlight: z.number().int().positive().default(1),
    requestTimeoutMs: z.number().int().positive().default(60_000),
    maxCorrectionAttempts: z.number().int().nonnegative().default(2),
    maxTransportRetries: z.number().int().nonnegative().default(5),
    retryBaseDelayMs: z.number().int().nonnegative().default(500),
    retryMaxDelayMs: z.number().int().nonnegative().default(30_000),
    structuredOutput: z.enum(STRUCTURED_OUTPUT_MODES).default('json_schema'),
    // `simplified` leaves bounds, item counts and long patterns out of the json_schema (some guided decoders reject them).
    jsonSchema: z.enum(['full', 'simplified']).default('full'),
    // OpenAI's reasoning models refuse max_tokens; a 400 naming the other field switches it anyway.
    tokenParam: z.enum(['max_tokens', 'max_completion_tokens']).default('max_tokens'),
    // Ask for an event stream with usage in its last chunk (stream_options.include_usage).
    stream: z.boolean().default(false),
    circuitBreaker: z
      .object({
        failureThreshold: z.number().int().positive().default(5),
        cooldownMs: z.number().int().positive().default(30_000),
      })
      .strict()
      .default({ failureThreshold: 5, cooldownMs: 30_000 }),
  })
  .strict()
  .refine((o) => o.minInFlight <= o.maxInFlight, {
    path: ['minInFlight'],
    message: 'minInFlight must not exceed maxInFlight',
  });

export type OpenAiEngineOptions = z.infer<typeof openAiEngineOptionsSchema>;
export type OpenAiEngineOptionsInput = z.input<typeof openAiEngineOptionsSchema>;

/** Parses and defaults options; throws a ZodError naming every bad key. */
export function parseOpenAiEngineOptions(input: OpenAiEngineOptionsInput): OpenAiEngineOptions {
  return openAiEngineOptionsSchema.parse(input);
}

/** The options as they may be logged: the API key is never shown, only whether one is set. */
export function redactedOpenAiEngineOptions(options: OpenAiEngineOptions): Omit<OpenAiEngineOptions, 'apiKey'> & {
  apiKey: '[redacted]' | null;
} {
  return { ...options, apiKey: options.apiKey ? '[redacted]' : null };
}
