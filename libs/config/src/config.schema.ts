import { z } from 'zod';

const brokerList = z
  .string()
  .min(1)
  .transform((v) => v.split(',').map((b) => b.trim()))
  .pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'each broker must be host:port')).min(1));

const intFromEnv = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Every environment key the project reads, with its default. */
export const envSchema = z.object({
  KAFKA_BROKERS: brokerList.default(['127.0.0.1:9092']),
  /** TLS to the brokers; KAFKA_SSL_CA_FILE adds a CA (PEM) to the system's for a private one. */
  KAFKA_SSL: z.stringbool().default(false),
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  SCHEMA_REGISTRY_URL: z.url().default('http://127.0.0.1:8081/apis/ccompat/v7'),
  /** HTTP basic auth to the registry (Confluent Cloud: the API key and secret). */
  SCHEMA_REGISTRY_USERNAME: z.string().min(1).optional(),
  SCHEMA_REGISTRY_PASSWORD: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+\/[^/?]+/, 'must be postgres://user@host:port/database')
    .default('postgres://postgres@127.0.0.1:5432/velocity_synth'),
  /** Isolates topics (and consumer groups) per tenant, environment or test run: "<prefix>synthetic.…". */
  VS_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/, 'only letters, digits, ".", "_" and "-"')
    .max(100)
    .default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HTTP_PORT: intFromEnv(0, 65535).default(3000),
  OUTPUT_ROOT: z.string().min(1).default('.output'),
  RECORD_COUNT_MIN: intFromEnv(1, 10_000_000).default(1),
  RECORD_COUNT_MAX: intFromEnv(1, 10_000_000).default(10_000_000),
  PREVIEW_RECORD_COUNT_MAX: intFromEnv(1, 10_000).default(50),
  /**
   * The finaliser's fallback sweep for ready jobs. A job is normally finalised as soon as its last record is
   * decided (migration 0012 notifies); the sweep only catches a wake-up lost while the database was away.
   */
  FINALIZER_SWEEP_INTERVAL_MS: intFromEnv(100, 3_600_000).default(5_000),
  KAFKA_TOPIC_PARTITIONS: intFromEnv(1, 1000).default(6),
  /** How soon a dead consumer's partitions move to a live one; the broker allows 6000 and up. */
  KAFKA_SESSION_TIMEOUT_MS: intFromEnv(6000, 300_000).default(30_000),
  /**
   * How many assigned partitions each stage works on at once. A chunk spends most of its time waiting on
   * PostgreSQL and the broker; with a job spread over the partitions, another partition's chunk uses that wait.
   */
  KAFKA_PARTITIONS_CONCURRENTLY: intFromEnv(1, 64).default(1),
  /**
   * How long a stage retries a transient cause (broker, registry or PostgreSQL unreachable) with back-off and
   * jitter before it pauses: consumption of the topic stops, group membership stays, the waiting jobs show
   * `paused: <stage> waiting for <dependency>`, and the stage resumes by itself once the dependency answers.
   */
  PIPELINE_MAX_RETRY_TIME_MS: intFromEnv(100, 3_600_000).default(30_000),
  LLM_BASE_URL: z.url().default('https://api.moonshot.ai/v1'),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_MODEL: z.string().min(1).default('kimi-k2-0905-preview'),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.7),
  LLM_MAX_TOKENS: intFromEnv(16, 200_000).default(4096),
  LLM_MAX_IN_FLIGHT: intFromEnv(1, 1024).default(16),
  LLM_RECORDS_PER_REQUEST: intFromEnv(1, 100).default(5),
  LLM_MAX_RETRIES: intFromEnv(0, 20).default(5),
  LLM_MAX_CORRECTIONS: intFromEnv(0, 10).default(2),
  LLM_TIMEOUT_MS: intFromEnv(100, 600_000).default(60_000),
  LLM_STRUCTURED_OUTPUT: z.enum(['json_schema', 'json_object', 'prompt_only']).default('json_schema'),
  LLM_DEFAULT_TOKEN_BUDGET: intFromEnv(1, 1_000_000_000).optional(),
  /** The request's token limit field: OpenAI's reasoning models refuse max_tokens and want max_completion_tokens. */
  LLM_TOKEN_PARAM: z.enum(['max_tokens', 'max_completion_tokens']).default('max_tokens'),
  /** `simplified` leaves item counts, bounds and long patterns out of the json_schema (the gate checks them after). */
  LLM_JSON_SCHEMA: z.enum(['full', 'simplified']).default('full'),
  /** Ask for `stream: true` (with usage in the last chunk) and read the event stream. */
  LLM_STREAM: z.stringbool().default(false),
  /** How long the endpoint stays paused after repeated outages before one probe. */
  LLM_CIRCUIT_COOLDOWN_MS: intFromEnv(100, 600_000).default(30_000),
  /** The optional LLM judge in the validator: off unless set; it uses LLM_BASE_URL and LLM_API_KEY. */
  LLM_JUDGE: z.stringbool().default(false),
  /** The judge's model; the generation model when unset. */
  LLM_JUDGE_MODEL: z.string().min(1).optional(),
  /** A record whose topicality or plausibility the judge scores below this is rejected. */
  LLM_JUDGE_MIN_SCORE: z.coerce.number().min(0).max(1).default(0.5),
  LLM_JUDGE_RECORDS_PER_REQUEST: intFromEnv(1, 100).default(10),
});

export type AppConfig = z.output<typeof envSchema>;
