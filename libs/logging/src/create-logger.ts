import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * JSON logs with `service` on every line; `forJob` adds `job_id`. Secrets are redacted by key name
 * wherever they appear so an API key never reaches a log line.
 */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'apiKey',
        '*.apiKey',
        'api_key',
        '*.api_key',
        'authorization',
        '*.authorization',
        'password',
        '*.password',
        '*.sasl.password',
      ],
      censor: '[redacted]',
    },
  });
}

export function forJob(logger: Logger, jobId: string): Logger {
  return logger.child({ job_id: jobId });
}
