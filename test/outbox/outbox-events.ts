import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel } from 'kafkajs';
import type { AppConfig } from '@vs/config';
import type { JobRequestInput } from '@vs/contracts';
import type { Database } from '@vs/database';
import { TopicNames } from '@vs/kafka';
import { operator, type PipelineHarness } from '../pipeline/pipeline.harness';
import { readTopic } from '../pipeline/topic-reader';

export const SMALL_JOB = {
  template_id: 'retail-customer-orders',
  template_revision: 1,
  chapter_key: 'online_checkout',
  tenant_id: 'outbox-tenant',
  locale: 'en-US',
  record_count: 10,
  target_surface: 'qa_fixtures',
} satisfies JobRequestInput;

export interface OutboxRowState {
  id: number;
  aggregate_id: string;
  event_type: 'job.requested' | 'job.cancelled';
  published_at: Date | null;
}

export interface RelayedEvent {
  outboxId: number;
  eventType: OutboxRowState['event_type'];
  key: string;
  jobId: string;
  offset: string;
}

export async function outboxRows(db: Database): Promise<OutboxRowState[]> {
  const rows = await db.query<Omit<OutboxRowState, 'id'> & { id: string }>(
    'SELECT id::text, aggregate_id, event_type, published_at FROM outbox ORDER BY outbox.id',
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * Triggers `count` jobs, `concurrency` at a time, and cancels every one for which `cancel(i)` holds right
 * after its trigger (a queued job's cancel still writes its outbox event); returns the job ids in order.
 */
export async function triggerAndCancel(
  h: PipelineHarness,
  count: number,
  cancel: (index: number) => boolean,
  concurrency = 4,
): Promise<{ jobIds: string[]; cancelled: Set<string> }> {
  const jobIds: string[] = new Array<string>(count);
  const cancelled = new Set<string>();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const jobId = await h.trigger(SMALL_JOB);
      jobIds[i] = jobId;
      if (cancel(i)) {
        const outcome = await h.jobs.cancel(jobId, operator);
        if (!outcome.changed) throw new Error(`cancel of fresh job ${jobId} changed nothing`);
        cancelled.add(jobId);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { jobIds, cancelled };
}

/** Messages on a topic: the sum over partitions of end minus start offsets. */
async function topicSize(brokers: string[], topic: string): Promise<number> {
  const admin = new Kafka({ brokers, clientId: 'outbox-test-offsets', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Everything the relay put on the requested and cancelled topics, decoded as a downstream consumer would.
 * The topics' offsets are read first, so a duplicate anywhere in the log shows up here as an extra event.
 */
export async function relayedEvents(
  config: Readonly<AppConfig>,
): Promise<{ events: RelayedEvent[]; sizes: Record<string, number> }> {
  const topics = new TopicNames(config.VS_TOPIC_PREFIX);
  const registry = new SchemaRegistry({ host: config.SCHEMA_REGISTRY_URL });
  const events: RelayedEvent[] = [];
  const sizes: Record<string, number> = {};
  for (const [eventType, key] of [
    ['job.requested', 'jobsRequested'],
    ['job.cancelled', 'jobsCancelled'],
  ] as const) {
    const topic = topics.of(key);
    const size = await topicSize(config.KAFKA_BROKERS, topic);
    sizes[eventType] = size;
    if (size === 0) continue;
    const messages = await readTopic(config, topic, (read) => read.length >= size, 60_000);
    for (const message of messages) {
      const value = (await registry.decode(message.value!)) as { job_id: string };
      events.push({
        outboxId: Number(message.headers?.['x-outbox-id']?.toString()),
        eventType,
        key: message.key!.toString(),
        jobId: value.job_id,
        offset: message.offset,
      });
    }
  }
  return { events, sizes };
}

/** How many times each outbox id appears among the events; every id must appear exactly once. */
export function countByOutboxId(events: RelayedEvent[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const e of events) counts.set(e.outboxId, (counts.get(e.outboxId) ?? 0) + 1);
  return counts;
}
