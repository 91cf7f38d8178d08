import { loadConfig } from '@vs/config';
import { AvroSerde, createKafka, KafkaPublisher, PipelineMetrics } from '@vs/kafka';
import { createLogger } from '@vs/logging';
import { uniqueSuffix } from '@vs/testing';

/** Real broker and registry clients for one test file, under a topic prefix of its own. */
export function kafkaHarness(label: string) {
  const prefix = `t-${label}-${uniqueSuffix()}.`;
  const config = loadConfig({ ...process.env, VS_TOPIC_PREFIX: prefix });
  const logger = createLogger(`test-${label}`, 'warn');
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `test-${label}`, logger });
  const serde = new AvroSerde(config.SCHEMA_REGISTRY_URL);
  const metrics = new PipelineMetrics();
  const publisher = new KafkaPublisher(kafka, serde);
  return { prefix, config, logger, kafka, serde, metrics, publisher };
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
