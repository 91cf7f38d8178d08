import { describe, expect, it } from 'vitest';
import type { Logger } from '@vs/logging';
import { createKafka } from './kafka-client';

/** A logger that records which level each kafkajs line arrived at. */
function recordingLogger(lines: Array<[string, string]>): Logger {
  const at = (level: string) => (_extra: unknown, message: string) => lines.push([level, message]);
  const logger = { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), child: () => logger };
  return logger as unknown as Logger;
}

describe(createKafka.name, () => {
  it('logs the protocol errors kafkajs retries by itself during a healthy start at debug, and real errors at error', () => {
    const lines: Array<[string, string]> = [];
    const kafka = createKafka({ brokers: ['127.0.0.1:9'], clientId: 'spec', logger: recordingLogger(lines) });
    const log = kafka.logger();
    log.error('Response GroupCoordinator(key: 10, version: 2)', { error: 'The group coordinator is not available' });
    log.error(
      "Crash: KafkaJSProtocolError: The coordinator is loading and hence can't process requests for this group",
      {},
    );
    log.error('Restarting the consumer in 300ms', { retryTime: 300 });
    log.error('Response Produce(key: 0, version: 7)', {
      error: 'The request included a message larger than the max message size',
    });
    log.warn('Limiting retries for the idempotent producer may invalidate EoS guarantees', {});
    expect(lines).toEqual([
      ['debug', 'Response GroupCoordinator(key: 10, version: 2)'],
      [
        'debug',
        "Crash: KafkaJSProtocolError: The coordinator is loading and hence can't process requests for this group",
      ],
      ['debug', 'Restarting the consumer in 300ms'],
      ['error', 'Response Produce(key: 0, version: 7)'],
      ['debug', 'Limiting retries for the idempotent producer may invalidate EoS guarantees'],
    ]);
  });
});
