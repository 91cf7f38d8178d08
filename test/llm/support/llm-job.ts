import { readFileSync } from 'node:fs';
import type { Kafka } from 'kafkajs';
import type { OutputManifest } from '@vs/contracts';
import type { Database } from '@vs/database';
import { recordOutputs } from '@vs/domain';
import type { LineageValue } from '@vs/pipeline';
import { FakeOpenAiServer, uniqueSuffix, type FakeBehaviour } from '@vs/testing';
import { isTerminal, pipelineHarness, type JobRow, type PipelineHarness } from '../../pipeline/pipeline.harness';

/** What the LLM tests trigger: qa_fixtures, so accepted records (with lineage) land in a JSONL file. */
export function llmRequest(recordCount: number, extra: { token_budget?: number; subchapter_key?: string } = {}) {
  return {
    template_id: 'retail-customer-orders',
    template_revision: 1,
    chapter_key: 'online_checkout',
    tenant_id: 'acme',
    locale: 'en-US',
    record_count: recordCount,
    target_surface: 'qa_fixtures' as const,
    engine: 'openai-compatible' as const,
    ...extra,
  };
}

export interface OutputRecord {
  record_id: string;
  record_index: number;
  lineage: LineageValue;
  reasons: string[] | null;
}

/** Accepted records from the job's JSONL output (lineage included). */
export function acceptedRecords(row: JobRow): OutputRecord[] {
  const manifest = row.output_manifest as OutputManifest;
  // The JSONL only: quality.html and quality.json are listed beside it.
  return recordOutputs(manifest.outputs).flatMap((output) =>
    readFileSync(output.location, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => ({ ...(JSON.parse(line) as Omit<OutputRecord, 'reasons'>), reasons: null })),
  );
}

/** Rejected records kept on the job, with their reasons and lineage. */
export async function rejectedRecords(db: Database, jobId: string): Promise<OutputRecord[]> {
  return db.query<OutputRecord>(
    'SELECT record_id::text, record_index, lineage, reasons FROM job_rejected_records WHERE job_id = $1 ORDER BY record_index',
    [jobId],
  );
}

export function sumTokens(records: OutputRecord[]): { prompt_tokens: number; completion_tokens: number } {
  return records.reduce(
    (sum, r) => ({
      prompt_tokens: sum.prompt_tokens + Number(r.lineage.prompt_tokens),
      completion_tokens: sum.completion_tokens + Number(r.lineage.completion_tokens),
    }),
    { prompt_tokens: 0, completion_tokens: 0 },
  );
}

/** Resolves once `condition` holds (checked every 50 ms); throws naming `what` if it does not within `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not so after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type TopicMessage = { key: string; value: Buffer };

/** Messages on a topic as raw bytes, read by a group of the test's own from the beginning until `enough` holds. */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  enough: (seen: TopicMessage[]) => boolean,
  timeoutMs = 60_000,
): Promise<TopicMessage[]> {
  const consumer = kafka.consumer({ groupId: `test-reader-${uniqueSuffix()}`, maxWaitTimeInMs: 200 });
  const seen: TopicMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({ key: message.key?.toString() ?? '', value: message.value ?? Buffer.alloc(0) });
      },
    });
    await until(() => enough(seen), `reading ${topic}`, timeoutMs);
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

/** A fake endpoint and a pipeline pointed at it, with the API key both agree on. */
export async function fakeAndPipeline(
  label: string,
  seed: number,
  env: Record<string, string>,
): Promise<{ fake: FakeOpenAiServer; h: PipelineHarness }> {
  const fake = await FakeOpenAiServer.start({ apiKey: 'test-key', seed });
  const h = await pipelineHarness(label, { LLM_BASE_URL: fake.baseUrl, LLM_API_KEY: 'test-key', ...env });
  await h.start();
  return { fake, h };
}

/** One job of `records` (one subchapter: one pack) against the fake behaving so; what it ended as and cost. */
export async function jobAgainst(
  fake: FakeOpenAiServer,
  h: PipelineHarness,
  records: number,
  behaviour: FakeBehaviour,
  extra: { token_budget?: number } = {},
  timeoutMs = 60_000,
) {
  fake.clearRequests().behave(behaviour);
  const jobId = await h.trigger(llmRequest(records, { subchapter_key: 'first_purchase', ...extra }));
  const row = await h.waitForJob(jobId, isTerminal, timeoutMs);
  const rejected = await rejectedRecords(h.database.db, jobId);
  return { jobId, row, rejected, requests: fake.requests() };
}
