import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import type { AppConfig } from '@vs/config';
import { TopicNames } from '@vs/kafka';
import { uniqueSuffix } from '@vs/testing';

/** A consumed message and the partition it was read from. */
export type TopicMessage = KafkaMessage & { partition: number };

/**
 * Reads a topic from the beginning with a consumer group of its own (so it never disturbs the pipeline's)
 * until `enough` says so; what a downstream team's plain consumer would see.
 */
export async function readTopic(
  config: Readonly<AppConfig>,
  topic: string,
  enough: (messages: TopicMessage[]) => boolean,
  timeoutMs = 60_000,
  /** Keep reading this long after `enough` says so, to catch anything (a duplicate) that follows. */
  lingerMs = 0,
): Promise<TopicMessage[]> {
  const kafka = new Kafka({ brokers: config.KAFKA_BROKERS, clientId: 'e2e-topic-reader', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `e2e-reader-${uniqueSuffix()}`, maxWaitTimeInMs: 200 });
  const messages: TopicMessage[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        messages.push({ ...message, partition });
        if (enough(messages)) resolve();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`read ${messages.length} message(s) from ${topic} in ${timeoutMs} ms, not enough`)),
        timeoutMs,
      );
    });
    await Promise.race([done, timeout]).finally(() => clearTimeout(timer));
    if (lingerMs > 0) await new Promise((r) => setTimeout(r, lingerMs));
    return [...messages];
  } finally {
    await consumer.disconnect();
  }
}

/**
 * The record id of every message on the accepted topic, read as a downstream team reads it (read-committed),
 * once `count` have arrived and for 5 s more, so a duplicate that follows is counted too.
 */
export async function acceptedRecordIds(config: Readonly<AppConfig>, count: number): Promise<string[]> {
  const topic = new TopicNames(config.VS_TOPIC_PREFIX).of('recordsAccepted');
  const messages = await readTopic(config, topic, (m) => m.length >= count, 120_000, 5_000);
  return messages.map((m) => m.headers!['x-record-id']!.toString());
}
