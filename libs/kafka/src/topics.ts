import type { Kafka } from 'kafkajs';

/** The wire contract: each topic, keyed by job_id, with the Avro schema file that types its values. */
export const TOPICS = {
  jobsRequested: { name: 'synthetic.jobs.requested', schema: 'job-requested.avsc' },
  jobsCancelled: { name: 'synthetic.jobs.cancelled', schema: 'job-cancelled.avsc' },
  promptPacks: { name: 'synthetic.prompt-packs', schema: 'prompt-pack.avsc' },
  recordsGenerated: { name: 'synthetic.records.generated', schema: 'generated-record.avsc' },
  recordsAccepted: { name: 'synthetic.records.accepted', schema: 'accepted-record-envelope.avsc' },
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

/** Creates the topics (and their dead-letter topics) that do not exist yet. */
export async function ensureTopics(kafka: Kafka, topics: string[], partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.flatMap((t) => [t, dlqName(t)]).filter((t) => !existing.has(t));
    if (wanted.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: wanted.map((topic) => ({
          topic,
          numPartitions: topic.endsWith('.dlq') ? 1 : partitions,
          replicationFactor: -1,
        })),
      });
    } catch (error) {
      // Several services starting at once race to create the same topics; losing that race is fine.
      const now = new Set(await admin.listTopics());
      if (!wanted.every((t) => now.has(t))) throw error;
    }
  } finally {
    await admin.disconnect();
  }
}
