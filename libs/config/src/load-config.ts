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
  if (config.RECORD_COUNT_MIN > config.RECORD_COUNT_MAX) {
    throw new ConfigError([{ key: 'RECORD_COUNT_MIN', message: 'must not exceed RECORD_COUNT_MAX' }]);
  }
  return Object.freeze(config);
}

/** Whether the operator pointed us at existing infrastructure (then nothing is started for them). */
export function infrastructureConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.KAFKA_BROKERS);
}
