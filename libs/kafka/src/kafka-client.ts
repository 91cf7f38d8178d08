import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { AppConfig } from '@vs/config';
import type { Logger } from '@vs/logging';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * kafkajs warnings that hold for every producer we start and say nothing an operator can act on, logged at debug
 * so a real warning stands out. Limited retries: a transactional send that gives up aborts its transaction, and a
 * message the outbox relay sends again is absorbed downstream (record ids are derived, effects insert-on-conflict).
 */
const EXPECTED_WARNINGS = new Set(['Limiting retries for the idempotent producer may invalidate EoS guarantees']);

/**
 * Protocol errors kafkajs retries by itself while a broker starts or a group forms: the request is answered
 * again a moment later. Logged at error they made every healthy start look broken; debug keeps them findable.
 */
const TRANSIENT_PROTOCOL_ERRORS =
  /coordinator is (not available|loading)|not the correct coordinator|leadership election|no leader|rebalance in progress|group is rebalancing|There is no leader for this topic-partition/i;

/** A broker out of reach: the stages say so themselves (retrying, paused, resumed), once per cause rather than per connection attempt. */
const UNREACHABLE =
  /Connection error|Failed to connect to seed broker|ECONNREFUSED|Connection timeout|Closed connection/i;

function transient(log: LogEntry['log']): boolean {
  const text = `${String(log.message)} ${String((log as { error?: unknown }).error ?? '')} ${String((log as { stack?: unknown }).stack ?? '')}`;
  return TRANSIENT_PROTOCOL_ERRORS.test(text) || /^Restarting the consumer in/.test(String(log.message));
}

/** How to reach the brokers: TLS, and SASL credentials, as a secured cluster asks for them. */
export interface KafkaSecurity {
  ssl: boolean;
  /** A CA certificate (PEM) trusted beside the system's, for a cluster with a private CA. */
  sslCaFile?: string;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
}

/** The security settings of a validated configuration (loadConfig checked that they go together). */
export function kafkaSecurityFrom(
  config: Pick<
    AppConfig,
    'KAFKA_SSL' | 'KAFKA_SSL_CA_FILE' | 'KAFKA_SASL_MECHANISM' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD'
  >,
): KafkaSecurity {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = config;
  return {
    ssl: config.KAFKA_SSL,
    ...(config.KAFKA_SSL_CA_FILE ? { sslCaFile: config.KAFKA_SSL_CA_FILE } : {}),
    ...(mechanism && username && password ? { sasl: { mechanism, username, password } } : {}),
  };
}

function tlsOptions(security: KafkaSecurity): boolean | { ca: string[] } {
  if (!security.ssl) return false;
  if (!security.sslCaFile) return true;
  try {
    return { ca: [readFileSync(security.sslCaFile, 'utf8')] };
  } catch (error) {
    throw new Error(`KAFKA_SSL_CA_FILE ${security.sslCaFile} cannot be read: ${(error as Error).message}`);
  }
}

/** A kafkajs client whose own log lines go through pino, so they carry `service` like every other line. */
export function createKafka(options: {
  brokers: string[];
  clientId: string;
  logger: Logger;
  security?: KafkaSecurity;
}): Kafka {
  const kafkaLogger = options.logger.child({ component: 'kafkajs' });
  const security = options.security ?? { ssl: false };
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ssl: tlsOptions(security),
    ...(security.sasl ? { sasl: security.sasl as SASLOptions } : {}),
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        const quiet = (EXPECTED_WARNINGS.has(String(message)) && level === logLevel.WARN) || transient(log);
        const unreachable =
          level === logLevel.ERROR && UNREACHABLE.test(`${String(message)} ${String(extra.stack ?? '')}`);
        kafkaLogger[quiet ? 'debug' : unreachable ? 'warn' : (levels[level] ?? 'info')](extra, String(message));
      },
  });
}
