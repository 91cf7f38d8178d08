import { envSchema, type AppConfig } from './config.schema';

export class ConfigError extends Error {
  constructor(readonly problems: { key: string; message: string }[]) {
    super(
      `invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p.key}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/**
 * Reads the environment once and validates every key; lists every bad key in one error so an
 * operator fixes them all in one go. Empty strings count as unset.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<AppConfig> {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ key: String(issue.path[0] ?? '(env)'), message: issue.message })),
    );
  }
  const config = parsed.data;
  const problems = crossKeyProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** Whether the operator pointed us at existing infrastructure (then nothing is started for them). */
export function infrastructureConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.KAFKA_BROKERS);
}

/** Keys that are each valid alone but not together. */
function crossKeyProblems(config: AppConfig): { key: string; message: string }[] {
  const problems: { key: string; message: string }[] = [];
  if (config.RECORD_COUNT_MIN > config.RECORD_COUNT_MAX) {
    problems.push({ key: 'RECORD_COUNT_MIN', message: 'must not exceed RECORD_COUNT_MAX' });
  }
  if (config.KAFKA_SASL_MECHANISM) {
    for (const key of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (!config[key]) problems.push({ key, message: `required when KAFKA_SASL_MECHANISM is set` });
    }
  } else if (config.KAFKA_SASL_USERNAME || config.KAFKA_SASL_PASSWORD) {
    problems.push({
      key: 'KAFKA_SASL_MECHANISM',
      message: 'set it (plain, scram-sha-256 or scram-sha-512) to use KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    });
  }
  if (Boolean(config.SCHEMA_REGISTRY_USERNAME) !== Boolean(config.SCHEMA_REGISTRY_PASSWORD)) {
    const missing = config.SCHEMA_REGISTRY_USERNAME ? 'SCHEMA_REGISTRY_PASSWORD' : 'SCHEMA_REGISTRY_USERNAME';
    problems.push({
      key: missing,
      message: 'set both SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD, or neither',
    });
  }
  if (config.LLM_JUDGE && !config.LLM_API_KEY) {
    problems.push({
      key: 'LLM_API_KEY',
      message: 'required when LLM_JUDGE is on (any non-empty value for a local server); or set LLM_JUDGE=false',
    });
  }
  if (config.KAFKA_SSL_CA_FILE && !config.KAFKA_SSL) {
    problems.push({ key: 'KAFKA_SSL', message: 'set KAFKA_SSL=true to use KAFKA_SSL_CA_FILE' });
  }
  return problems;
}
