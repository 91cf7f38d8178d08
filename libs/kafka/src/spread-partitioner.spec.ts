import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { SpreadPartitioner } from './spread-partitioner';

const partitionMetadata: PartitionMetadata[] = Array.from({ length: 6 }, (_, partition) => ({
  partitionId: partition,
  leader: 1,
  partitionErrorCode: 0,
  replicas: [1],
  isr: [1],
}));

function place(message: { key: string; spreadKey?: string; partition?: number }): number {
  const partitioner = SpreadPartitioner();
  return partitioner({ topic: 't', partitionMetadata, message: { value: null, ...message } });
}

describe('SpreadPartitioner', () => {
  it('places a message without a spread key where Kafka default partitioning puts its key', () => {
    const byKey = Partitioners.DefaultPartitioner();
    for (const key of ['job-a', 'job-b', 'job-c', 'job-d']) {
      expect(place({ key })).toBe(byKey({ topic: 't', partitionMetadata, message: { key, value: null } }));
    }
  });

  it('places messages of one spread key on one partition, whatever their key', () => {
    const home = place({ key: 'job-a', spreadKey: 'job-a/pack-7' });
    expect(place({ key: 'job-b', spreadKey: 'job-a/pack-7' })).toBe(home);
    expect(place({ key: 'job-a', spreadKey: 'job-a/pack-7' })).toBe(home);
  });

  it("spreads one key's messages over the partitions by their spread keys", () => {
    const used = new Set(Array.from({ length: 60 }, (_, i) => place({ key: 'job-a', spreadKey: `job-a/${i}` })));
    expect(used.size).toBe(6);
  });

  it('honours an explicit partition before either key', () => {
    expect(place({ key: 'job-a', spreadKey: 'job-a/1', partition: 4 })).toBe(4);
  });
});
