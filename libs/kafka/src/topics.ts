import type { Kafka } from 'kafkajs';
import { retry, TransientError } from '@vs/contracts';

/** The wire contract: each topic, keyed by job_id, with the Avro schema file that types its values. */
export const TOPICS = {
  jobsRequested: { name: 'synthetic.jobs.requested', schema: 'job-requested.avsc' },
  jobsCancelled: { name: 'synthetic.jobs.cancelled', schema: 'job-cancelled.avsc' },
  promptPacks: { name: 'synthetic.prompt-packs', schema: 'prompt-pack.avsc' },
  recordsGenerated: { name: 'synthetic.records.generated', schema: 'generated-record.avsc' },
  recordsAccepted: { name: 'synthetic.records.accepted', schema: 'accepted-record-envelope.avsc' },
  // A preview job's accepted records (a draft revision's, capped): never on the topic production consumers read.
  recordsPreview: { name: 'synthetic.records.preview', schema: 'accepted-record-envelope.avsc' },
  recordsRejected: { name: 'synthetic.records.rejected', schema: 'rejected-record.avsc' },
  jobsProgress: { name: 'synthetic.jobs.progress', schema: 'stage-progress.avsc' },
} as const;

export type TopicKey = keyof typeof TOPICS;

export const dlqName = (topic: string): string => `${topic}.dlq`;

/** Resolves logical topic names under an isolation prefix (tenant, environment or test run). */
export class TopicNames {
  constructor(private readonly prefix: string) {}

  of(key: TopicKey): string {
    return `${this.prefix}${TOPICS[key].name}`;
  }

  all(): string[] {
    return (Object.keys(TOPICS) as TopicKey[]).map((key) => this.of(key));
  }

  group(consumer: string): string {
    return `${this.prefix}velocity-synth.${consumer}`;
  }
}

/**
 * Creates the topics (and their dead-letter topics) that do not exist yet, and returns once the broker
 * serves metadata for every one of them. Several services starting at once race to create the same
 * topics, and a just-created topic can briefly be unknown to the broker (UNKNOWN_TOPIC_OR_PARTITION):
 * both are retried by the retry module (a lost race as a transient cause: the next attempt lists again).
 */
export async function ensureTopics(kafka: Kafka, topics: string[], partitions: number): Promise<void> {
  const admin = kafka.admin();
  const all = topics.flatMap((t) => [t, dlqName(t)]);
  try {
    await retry(
      async () => {
        await admin.connect();
        const existing = new Set(await admin.listTopics());
        const wanted = all.filter((t) => !existing.has(t));
        if (wanted.length > 0) {
          await admin
            .createTopics({
              waitForLeaders: true,
              topics: wanted.map((topic) => ({
                topic,
                numPartitions: topic.endsWith('.dlq') ? 1 : partitions,
                replicationFactor: -1,
              })),
            })
            .catch((error: unknown) => {
              if (!lostCreateRace(error)) throw error;
              throw new TransientError('another service created some of the topics first', {
                cause: error,
                dependency: 'Kafka',
              });
            });
        }
        await admin.fetchTopicMetadata({ topics: all });
      },
      { initialRetryTime: 300, maxElapsedMs: 30_000 },
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function lostCreateRace(error: unknown): boolean {
  const { type, errors } = error as { type?: string; errors?: { type?: string }[] };
  return type === 'TOPIC_ALREADY_EXISTS' || (errors ?? []).some((e) => e.type === 'TOPIC_ALREADY_EXISTS');
}
