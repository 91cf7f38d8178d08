import type { Kafka } from 'kafkajs';

/** Where a consumed message came from, as a consumer group sees it. */
export interface MessageSource {
  group: string;
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Whether a consumer group has committed past a message. In consume-transform-produce, the consumed offsets
 * commit in the same Kafka transaction as what was produced, so "committed past it" means "what that message
 * produced is on the output topics", which a service can ask after a crash left its own bookkeeping behind.
 */
export class CommittedOffsets {
  constructor(private readonly kafka: Kafka) {}

  /** For each source, true when its group's committed offset on that partition is beyond its offset. */
  async committedPast(sources: readonly MessageSource[]): Promise<boolean[]> {
    if (sources.length === 0) return [];
    const committed = new Map<string, bigint>();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const [group, topics] of groupTopics(sources)) {
        for (const entry of await admin.fetchOffsets({ groupId: group, topics: [...topics] })) {
          for (const p of entry.partitions) committed.set(`${group}/${entry.topic}/${p.partition}`, BigInt(p.offset));
        }
      }
    } finally {
      await admin.disconnect();
    }
    // A group with nothing committed answers -1, which is past no offset.
    return sources.map((s) => (committed.get(`${s.group}/${s.topic}/${s.partition}`) ?? -1n) > BigInt(s.offset));
  }
}

function groupTopics(sources: readonly MessageSource[]): Map<string, Set<string>> {
  const byGroup = new Map<string, Set<string>>();
  for (const s of sources) byGroup.set(s.group, (byGroup.get(s.group) ?? new Set()).add(s.topic));
  return byGroup;
}
