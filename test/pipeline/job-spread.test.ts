import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRequestInput } from '@vs/contracts';
import { TopicNames, type TopicKey } from '@vs/kafka';
import type { RunningPipeline } from '@vs/stages';
import { isTerminal, pipelineHarness, type PipelineHarness } from './pipeline.harness';
import { expectNoDuplicates, parseJsonl, readFileBytes } from './pipeline-outputs';
import { readTopic, type TopicMessage } from './topic-reader';

const PARTITIONS = 6;
const JOB = {
  template_id: 'retail-customer-orders',
  template_revision: 1,
  chapter_key: 'online_checkout',
  tenant_id: 'acme',
  locale: 'de-DE',
  // 50-record packs: 40 of them, so a job on fewer than 3 of 6 partitions would be a broken spread, not bad luck.
  record_count: 2_000,
  target_surface: 'qa_fixtures',
} satisfies JobRequestInput;
const PACKS = 40;

interface Placed {
  partition: number;
  key: string;
  pack_id: string;
  record_id: string | null;
}

/** Every message of the topic, with its key, partition and (decoded) pack and record ids, once `count` arrived. */
async function readPlaced(h: PipelineHarness, key: TopicKey, count: number): Promise<Placed[]> {
  if (count === 0) return [];
  const topic = new TopicNames(h.config.VS_TOPIC_PREFIX).of(key);
  const raw = await readTopic(h.config, topic, (m) => m.length >= count, 120_000, 2_000);
  const registry = new SchemaRegistry({ host: h.config.SCHEMA_REGISTRY_URL });
  return Promise.all(
    raw.map(async (message: TopicMessage) => {
      const value = (await registry.decode(message.value!)) as { pack_id: string; record_id?: string };
      return {
        partition: message.partition,
        key: message.key!.toString(),
        pack_id: value.pack_id,
        record_id: value.record_id ?? null,
      };
    }),
  );
}

/** Every accepted and rejected message of the harness's topics, once the job's counts have arrived. */
async function readDecided(h: PipelineHarness, accepted: number, rejected: number): Promise<Placed[]> {
  return [...(await readPlaced(h, 'recordsAccepted', accepted)), ...(await readPlaced(h, 'recordsRejected', rejected))];
}

function partitionsOf(placed: Placed[]): Set<number> {
  return new Set(placed.map((p) => p.partition));
}

/** Each pack's partition; fails if any pack's messages sit on more than one. */
function packPartitions(placed: Placed[]): Map<string, number> {
  const byPack = new Map<string, number>();
  for (const p of placed) {
    const seen = byPack.get(p.pack_id);
    expect(seen ?? p.partition, `pack ${p.pack_id} on one partition`).toBe(p.partition);
    byPack.set(p.pack_id, p.partition);
  }
  return byPack;
}

describe('one job spreads over every partition of the high-volume topics', () => {
  let h: PipelineHarness;
  let jobId: string;
  let accepted: number;
  let rejected: number;

  beforeAll(async () => {
    h = await pipelineHarness('spread', { KAFKA_TOPIC_PARTITIONS: String(PARTITIONS) });
    await h.start();
    jobId = await h.trigger(JOB);
    const row = await h.waitForJob(jobId, isTerminal, 180_000);
    expect(row.status, String(row.error)).toBe('completed');
    accepted = row.accepted_records;
    rejected = row.rejected_records;
    expect(accepted + rejected).toBe(JOB.record_count);
  }, 240_000);
  afterAll(async () => h?.close());

  it('keeps job_id as the key while each prompt pack, with its records, stays on one partition of its own choosing', async () => {
    const packs = await readPlaced(h, 'promptPacks', PACKS);
    const generated = await readPlaced(h, 'recordsGenerated', JOB.record_count);
    const decided = await readDecided(h, accepted, rejected);
    for (const placed of [packs, generated, decided]) {
      expect(new Set(placed.map((p) => p.key))).toEqual(new Set([jobId]));
      expect(partitionsOf(placed).size).toBeGreaterThanOrEqual(3);
    }
    expect(packs).toHaveLength(PACKS);
    const packHome = packPartitions(packs);
    // The same pack lands on the same partition of every topic (same partition count, same spread key).
    expect(packPartitions(generated)).toEqual(packHome);
    expect(packPartitions(decided)).toEqual(packHome);
    // Nothing published twice, nothing missing.
    expect(new Set(generated.map((g) => g.record_id)).size).toBe(JOB.record_count);
    expect(new Set(decided.map((d) => d.record_id)).size).toBe(JOB.record_count);
    expect(decided).toHaveLength(JOB.record_count);
  }, 180_000);
});

describe('two instances of every stage share one job', () => {
  let h: PipelineHarness;
  let instances: RunningPipeline[];

  beforeAll(async () => {
    h = await pipelineHarness('spread2', { KAFKA_TOPIC_PARTITIONS: String(PARTITIONS) });
    instances = [await h.start(), await h.start()];
    await waitForStableGroups(h, ['generator', 'validator', 'distributor-accepted'], instances.length);
  }, 180_000);
  afterAll(async () => h?.close());

  it('splits the generator, validator and distributor work of one job between them, with exact counts', async () => {
    const jobId = await h.trigger(JOB);
    const row = await h.waitForJob(jobId, isTerminal, 180_000);
    expect(row.status, String(row.error)).toBe('completed');
    expect(row.accepted_records + row.rejected_records).toBe(JOB.record_count);
    for (const consumer of ['generator', 'validator', 'distributor-accepted']) {
      const shares = await Promise.all(instances.map((i) => consumed(i, consumer)));
      expect(
        shares.every((s) => s > 0),
        `${consumer} shares ${JSON.stringify(shares)}`,
      ).toBe(true);
      if (consumer === 'generator') expect(shares.reduce((a, b) => a + b, 0)).toBe(PACKS);
    }
    const decided = await readDecided(h, row.accepted_records, row.rejected_records);
    expect(decided).toHaveLength(JOB.record_count);
    expect(new Set(decided.map((d) => d.record_id)).size).toBe(JOB.record_count);
    // The surface: one JSONL file with every accepted record once, whoever staged it.
    const manifest = row.output_manifest as { outputs: { format: string; location: string; record_count: number }[] };
    const jsonl = manifest.outputs.filter((o) => o.format === 'jsonl');
    expect(jsonl).toHaveLength(1);
    const lines = parseJsonl(readFileBytes(jsonl[0]!.location));
    expect(lines).toHaveLength(row.accepted_records);
    expectNoDuplicates(
      lines.map((l) => l.record_id),
      'JSONL record_id',
    );
  }, 240_000);
});

/** Messages an instance's consumer took in, from its own metrics. */
async function consumed(instance: RunningPipeline, consumer: string): Promise<number> {
  const metric = await instance.runtime.metrics.messagesIn.get();
  return metric.values.filter((v) => v.labels.consumer === consumer).reduce((sum, v) => sum + v.value, 0);
}

/** Waits until each group has `members` members with partitions assigned, so work cannot all go to the first. */
async function waitForStableGroups(h: PipelineHarness, consumers: string[], members: number): Promise<void> {
  const topics = new TopicNames(h.config.VS_TOPIC_PREFIX);
  const kafka = new Kafka({ brokers: h.config.KAFKA_BROKERS, clientId: 'e2e-groups', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { groups } = await admin.describeGroups(consumers.map((c) => topics.group(c)));
      const stable = groups.every(
        (g) =>
          g.state === 'Stable' &&
          g.members.filter((m) => assignedPartitions(m.memberAssignment) > 0).length === members,
      );
      if (stable) return;
      if (Date.now() > deadline)
        throw new Error(`groups not stable with ${members} members: ${JSON.stringify(groups.map((g) => g.state))}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await admin.disconnect();
  }
}

function assignedPartitions(memberAssignment: Buffer): number {
  const decoded = AssignerProtocol.MemberAssignment.decode(memberAssignment);
  return Object.values(decoded?.assignment ?? {}).reduce((sum, partitions) => sum + partitions.length, 0);
}
