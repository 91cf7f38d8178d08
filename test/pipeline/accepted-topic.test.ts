import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import * as avro from 'avsc';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRequestInput, RecordSchema } from '@vs/contracts';
import { TopicNames } from '@vs/kafka';
import { AuditLog, TemplateRepository } from '@vs/templates';
import { isTerminal, pipelineHarness, type PipelineHarness } from './pipeline.harness';
import { expectFullLineage } from './pipeline-outputs';
import { readTopic } from './topic-reader';

const RETAIL = {
  template_id: 'retail-customer-orders',
  template_revision: 1,
  chapter_key: 'online_checkout',
  tenant_id: 'acme',
  locale: 'de-DE',
  record_count: 300,
  target_surface: 'analytics_sandbox',
} satisfies JobRequestInput;
const FINTECH = {
  template_id: 'fintech-card-support',
  template_revision: 1,
  chapter_key: 'card_security',
  tenant_id: 'acme',
  locale: 'en-US',
  record_count: 200,
  target_surface: 'analytics_sandbox',
} satisfies JobRequestInput;
const RETAIL_NAME = 'velocity_synth.records.retail_customer_orders_r1';
const FINTECH_NAME = 'velocity_synth.records.fintech_card_support_r1';

interface DecodedAccepted {
  record_id: string;
  job_id: string;
  record_index: number;
  lineage: Record<string, unknown>;
  scores: Record<string, number>;
  record: Record<string, unknown> | null;
}

describe('the accepted topic, read by a plain Confluent Avro consumer', () => {
  let h: PipelineHarness;
  let topic: string;
  let subject: string;
  let templates: TemplateRepository;
  let retailJob: string;
  let retailAccepted: number;

  beforeAll(async () => {
    h = await pipelineHarness('accepted');
    topic = new TopicNames(h.config.VS_TOPIC_PREFIX).of('recordsAccepted');
    subject = `${topic}-value`;
    templates = new TemplateRepository(h.database.db, new AuditLog(h.database.db));
    await h.start();
    retailJob = await h.trigger(RETAIL);
    const row = await h.waitForJob(retailJob, isTerminal, 180_000);
    expect(row.status, String(row.error)).toBe('completed');
    retailAccepted = row.accepted_records;
    console.log(
      JSON.stringify({
        job: 'retail',
        accepted: row.accepted_records,
        rejected: row.rejected_records,
        seconds: seconds(row),
      }),
    );
  }, 240_000);
  afterAll(async () => h?.close());

  const registryGet = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${h.config.SCHEMA_REGISTRY_URL.replace(/\/$/, '')}${path}`);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  /** Every accepted message of a job, decoded by a registry client that has never seen this topic before. */
  async function decodeJob(
    jobId: string,
    count: number,
    from = topic,
  ): Promise<{ raw: KafkaMessage[]; decoded: DecodedAccepted[] }> {
    const ofJob = (ms: KafkaMessage[]) => ms.filter((m) => m.key?.toString() === jobId);
    const raw = ofJob(await readTopic(h.config, from, (ms) => ofJob(ms).length >= count, 90_000));
    const registry = new SchemaRegistry({ host: h.config.SCHEMA_REGISTRY_URL });
    const decoded: DecodedAccepted[] = [];
    for (const message of raw) decoded.push((await registry.decode(message.value!)) as DecodedAccepted);
    return { raw, decoded };
  }

  /** The record union is unwrapped while it has one record branch, wrapped by full name once it has several. */
  function unwrap(record: Record<string, unknown> | null, fullName: string): Record<string, unknown> {
    expect(record).not.toBeNull();
    const keys = Object.keys(record!);
    if (keys.length === 1 && keys[0]!.includes('.')) {
      expect(keys[0]).toBe(fullName);
      return record![fullName] as Record<string, unknown>;
    }
    return record!;
  }

  /** Typed values, lineage, and for each record exactly the sandbox row's columns. */
  async function expectEqualToSandbox(
    jobId: string,
    request: JobRequestInput,
    fullName: string,
    decoded: DecodedAccepted[],
  ): Promise<void> {
    const revision = await templates.getRevision(request.template_id, request.template_revision);
    const schema: RecordSchema = revision.record_schema;
    const table = `analytics_sandbox.${fullName.split('.').pop()}`;
    const rows = await h.database.db.query<{
      record_id: string;
      record_index: number;
      lineage: Record<string, unknown>;
      scores: Record<string, number>;
      row: Record<string, unknown>;
    }>(`SELECT record_id::text, record_index, lineage, scores, to_jsonb(t) AS row FROM ${table} t WHERE job_id = $1`, [
      jobId,
    ]);
    const byId = new Map(rows.map((r) => [r.record_id, r]));
    expect(new Set(decoded.map((d) => d.record_id)).size).toBe(rows.length);
    const chapter = revision.chapters.find((c) => c.chapter_key === request.chapter_key)!;
    for (const message of decoded) {
      const row = byId.get(message.record_id);
      expect(row, `sandbox row for ${message.record_id}`).toBeDefined();
      expect(message.job_id).toBe(jobId);
      expect(message.record_index).toBe(row!.record_index);
      expectFullLineage(message.lineage, {
        ...request,
        job_id: jobId,
        subchapters: chapter.subchapters.map((s) => s.subchapter_key),
      });
      expect(message.lineage).toEqual(row!.lineage);
      expect(message.scores).toEqual(row!.scores);
      const fields = unwrap(message.record, fullName);
      for (const field of schema.fields) {
        const value = fields[field.name];
        if (value === null) {
          expect(field.required, `${field.name} is null`).toBe(false);
        } else if (field.type === 'integer') {
          expect(Number.isInteger(value), `${field.name}=${String(value)}`).toBe(true);
        } else if (field.type === 'number') {
          expect(typeof value, field.name).toBe('number');
        } else if (field.type === 'boolean') {
          expect(typeof value, field.name).toBe('boolean');
        } else {
          expect(typeof value, field.name).toBe('string');
        }
        expect(comparable(value, field.type), field.name).toEqual(comparable(row!.row[field.name], field.type));
      }
    }
  }

  it('decodes typed records equal to what the sandbox holds', async () => {
    const { decoded } = await decodeJob(retailJob, retailAccepted);
    expect(decoded).toHaveLength(retailAccepted);
    await expectEqualToSandbox(retailJob, RETAIL, RETAIL_NAME, decoded);
  });

  it('registers the subject <topic>-value with BACKWARD compatibility', async () => {
    const config = await registryGet<{ compatibilityLevel?: string; compatibility?: string }>(
      `/config/${encodeURIComponent(subject)}`,
    );
    expect(config.compatibilityLevel ?? config.compatibility).toBe('BACKWARD');
    const versions = await registryGet<number[]>(`/subjects/${encodeURIComponent(subject)}/versions`);
    expect(versions.length).toBeGreaterThan(0);
  });

  it("grows the union to two branches for a second template, and the first job's records still decode", async () => {
    const fintechJob = await h.trigger(FINTECH);
    const row = await h.waitForJob(fintechJob, isTerminal, 180_000);
    expect(row.status, String(row.error)).toBe('completed');
    console.log(
      JSON.stringify({
        job: 'fintech',
        accepted: row.accepted_records,
        rejected: row.rejected_records,
        seconds: seconds(row),
      }),
    );

    const latest = await registryGet<{ schema: string; version: number }>(
      `/subjects/${encodeURIComponent(subject)}/versions/latest`,
    );
    const envelope = JSON.parse(latest.schema) as { fields: { name: string; type: unknown }[] };
    const union = envelope.fields.find((f) => f.name === 'record')!.type as (
      string | { name: string; namespace?: string }
    )[];
    const branches = union
      .filter((b) => b !== 'null')
      .map((b) => (typeof b === 'string' ? b : b.name.includes('.') ? b.name : `${b.namespace}.${b.name}`));
    expect(branches.sort()).toEqual([FINTECH_NAME, RETAIL_NAME]);

    const fintech = await decodeJob(fintechJob, row.accepted_records);
    expect(fintech.decoded).toHaveLength(row.accepted_records);
    await expectEqualToSandbox(fintechJob, FINTECH, FINTECH_NAME, fintech.decoded);

    // The first job's messages, read again by a fresh client after the union grew: same typed records.
    const retail = await decodeJob(retailJob, retailAccepted);
    await expectEqualToSandbox(retailJob, RETAIL, RETAIL_NAME, retail.decoded);

    // And a reader holding only the latest schema resolves them too: the growth was BACKWARD compatible.
    const reader = avro.Type.forSchema(JSON.parse(latest.schema) as avro.Schema);
    const writers = new Map<number, avro.Type>();
    for (const [i, message] of retail.raw.entries()) {
      const id = message.value!.readInt32BE(1);
      if (!writers.has(id))
        writers.set(
          id,
          avro.Type.forSchema(
            JSON.parse((await registryGet<{ schema: string }>(`/schemas/ids/${id}`)).schema) as avro.Schema,
          ),
        );
      const resolved = reader.fromBuffer(
        message.value!.subarray(5),
        reader.createResolver(writers.get(id)!),
      ) as DecodedAccepted;
      expect(resolved.record_id).toBe(retail.decoded[i]!.record_id);
      expect(unwrap(resolved.record, RETAIL_NAME)).toEqual(unwrap(retail.decoded[i]!.record, RETAIL_NAME));
    }
  });

  it("keeps a draft's preview off the accepted topic: its records and its own union branch go to the preview topic", async () => {
    const previewJob = await h.trigger({
      ...RETAIL,
      template_revision: 2,
      chapter_key: 'loyalty_promotions',
      mode: 'preview',
      record_count: 40,
    });
    const row = await h.waitForJob(previewJob, isTerminal, 120_000);
    expect(row.status, String(row.error)).toBe('completed');
    expect(row.accepted_records).toBeGreaterThan(0);
    const branchesOf = async (subjectName: string) => {
      const latest = await registryGet<{ schema: string }>(
        `/subjects/${encodeURIComponent(subjectName)}/versions/latest`,
      );
      const union = (JSON.parse(latest.schema) as { fields: { name: string; type: unknown[] }[] }).fields.find(
        (f) => f.name === 'record',
      )!.type;
      return union.filter((b): b is { name: string } => typeof b === 'object').map((b) => b.name);
    };
    // Production consumers' subject never learns the draft's record type...
    expect(await branchesOf(subject)).not.toContain('retail_customer_orders_r2');
    // ...which lives, with the preview's records, under the preview topic's own subject.
    const previewTopic = new TopicNames(h.config.VS_TOPIC_PREFIX).of('recordsPreview');
    expect(await branchesOf(`${previewTopic}-value`)).toEqual(['retail_customer_orders_r2']);

    // A preview is never distributed, so its decoded records are compared with what the distributor staged.
    const { decoded } = await decodeJob(previewJob, row.accepted_records, previewTopic);
    const staged = await h.database.db.query<{ record_id: string; fields: Record<string, unknown> }>(
      'SELECT record_id::text, fields FROM job_accepted_records WHERE job_id = $1',
      [previewJob],
    );
    const byId = new Map(staged.map((s) => [s.record_id, s.fields]));
    expect(decoded).toHaveLength(staged.length);
    for (const message of decoded) {
      const fields = unwrap(message.record, 'velocity_synth.records.retail_customer_orders_r2');
      expect(typeof fields.order_status).toBe('string');
      expect(fields).toEqual(byId.get(message.record_id));
    }
    // Everything on the accepted topic belongs to the production jobs.
    const production = await readTopic(h.config, topic, (ms) => ms.length >= retailAccepted, 60_000, 2_000);
    expect(production.filter((m) => m.key?.toString() === previewJob)).toEqual([]);
  });
});

function seconds(row: Record<string, unknown>): number {
  return (
    (new Date(String(row.completed_at ?? row.updated_at)).getTime() - new Date(String(row.created_at)).getTime()) / 1000
  );
}

/** The same value as Avro decodes it and as PostgreSQL's to_jsonb shows it: instants for datetimes, the rest as is. */
function comparable(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'datetime') return new Date(String(value)).toISOString();
  return value;
}
