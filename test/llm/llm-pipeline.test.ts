import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AvroSerde, createKafka } from '@vs/kafka';
import { createLogger } from '@vs/logging';
import type { GeneratedRecordValue } from '@vs/pipeline';
import { FakeOpenAiServer } from '@vs/testing';
import { isTerminal, pipelineHarness, type JobRow, type PipelineHarness } from '../pipeline/pipeline.harness';
import {
  acceptedRecords,
  llmRequest,
  readTopic,
  rejectedRecords,
  sumTokens,
  type OutputRecord,
} from './support/llm-job';
import { RecordingProxy } from './support/recording-proxy';
import { startReplayGenerator } from './support/replay-generator';

const RECORDS = 200;
// Long enough that only the deliberately delayed answers time out, even on a loaded machine.
const TIMEOUT_MS = 3000;
/** Batches starting at these record indexes are answered with malformed JSON every time, corrections included. */
const POISONED_STARTS = new Set([5, 65, 125]);

/**
 * A 200-record LLM job through the real pipeline while the endpoint misbehaves in every way it can, then a
 * redelivery of all its prompt packs to a second generator, which must be served entirely from the cache.
 */
describe('LLM engine through the pipeline, under faults', () => {
  let fake: FakeOpenAiServer;
  let proxy: RecordingProxy;
  let h: PipelineHarness;
  let jobId: string;
  let row: JobRow;
  let accepted: OutputRecord[];
  let rejected: OutputRecord[];

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start({ latencyMs: 20, apiKey: 'test-key', seed: 11 });
    fake.mix({
      rate_limited: 0.05,
      server_error: 0.08,
      malformed: 0.08,
      invalid: 0.08,
      drop: 0.04,
      retryAfterSeconds: 1,
      seed: 42,
    });
    proxy = await RecordingProxy.start(fake.baseUrl, {
      // every 11th request answers after the client's timeout
      delayMs: (r) => (r.n % 11 === 0 ? TIMEOUT_MS + 500 : 0),
      poison: (r) => r.firstRecordIndex !== null && POISONED_STARTS.has(r.firstRecordIndex),
    });
    h = await pipelineHarness('llm-faults', {
      LLM_BASE_URL: proxy.baseUrl,
      LLM_API_KEY: 'test-key',
      LLM_MODEL: 'kimi-k2-0905-preview',
      LLM_MAX_RETRIES: '8',
      LLM_MAX_CORRECTIONS: '2',
      LLM_RECORDS_PER_REQUEST: '5',
      LLM_MAX_IN_FLIGHT: '8',
      LLM_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    await h.start();
    jobId = await h.trigger(llmRequest(RECORDS));
    row = await h.waitForJob(jobId, isTerminal, 150_000);
    accepted = row.status === 'completed' ? acceptedRecords(row) : [];
    rejected = await rejectedRecords(h.database.db, jobId);
  }, 200_000);

  afterAll(async () => {
    await h?.close();
    await proxy?.close();
    await fake?.close();
  });

  it('completes with exact counts while the endpoint injects every kind of fault', () => {
    const seen = fake.stats().byOutcome;
    const log = proxy.log;
    console.log(
      JSON.stringify({
        status: row.status,
        accepted: row.accepted_records,
        rejected: row.rejected_records,
        fake: seen,
        proxied: log.length,
        abandoned: log.filter((r) => r.status === 'abandoned').length,
        error: row.error,
      }),
    );
    const reasons = new Map<string, number>();
    for (const r of rejected)
      for (const reason of r.reasons ?? [])
        reasons.set(reason.slice(0, 90), (reasons.get(reason.slice(0, 90)) ?? 0) + 1);
    console.log([...reasons].sort((a, b) => b[1] - a[1]).slice(0, 12));
    expect(row.status).toBe('completed');
    expect(row.accepted_records + row.rejected_records).toBe(RECORDS);
    expect(row.accepted_records, 'corrections and retries rescue most records').toBeGreaterThanOrEqual(RECORDS / 2);
    expect(accepted).toHaveLength(row.accepted_records);
    expect(rejected).toHaveLength(row.rejected_records);
    expect(new Set([...accepted, ...rejected].map((r) => r.record_index))).toEqual(
      new Set(Array.from({ length: RECORDS }, (_, i) => i)),
    );
    // every fault really happened during this job
    for (const fault of ['rate_limited', 'server_error', 'malformed', 'invalid', 'drop'] as const)
      expect(seen[fault], fault).toBeGreaterThan(0);
    expect(
      log.some((r) => r.status === 'abandoned'),
      'a slow answer timed out',
    ).toBe(true);
    expect(log.some((r) => r.status === 429 && r.retryAfter === '1')).toBe(true);
  });

  it('rejects records that stayed invalid after the correction budget, naming why, and drops none', () => {
    const poisoned = proxy.log.filter((r) => r.firstRecordIndex !== null && POISONED_STARTS.has(r.firstRecordIndex));
    // three attempts (1 + LLM_MAX_CORRECTIONS) for each poisoned batch, then it gives up
    expect(poisoned.filter((r) => !r.correction)).toHaveLength(POISONED_STARTS.size);
    expect(poisoned).toHaveLength(POISONED_STARTS.size * 3);
    const poisonedIndexes = [...POISONED_STARTS].flatMap((start) => Array.from({ length: 5 }, (_, i) => start + i));
    for (const index of poisonedIndexes) {
      const record = rejected.find((r) => r.record_index === index);
      expect(record, `record ${index} is kept as rejected`).toBeDefined();
      expect(record!.reasons!.join(' | ')).toMatch(
        /^generation_error: \(record\): llm: invalid after 3 attempts: reply: not valid JSON/,
      );
    }
    for (const record of rejected) expect(record.reasons!.length).toBeGreaterThan(0);
  });

  it('sums tokens on the job row exactly as the records carry them, and as the endpoint billed them', () => {
    const lineage = sumTokens([...accepted, ...rejected]);
    expect({ prompt_tokens: Number(row.prompt_tokens), completion_tokens: Number(row.completion_tokens) }).toEqual(
      lineage,
    );
    expect(lineage).toEqual(proxy.billed());
    expect(lineage.prompt_tokens).toBeGreaterThan(0);
    expect(lineage.completion_tokens).toBeGreaterThan(0);
  });

  it('pins model, endpoint kind, parameters and engine version into every record lineage', () => {
    for (const record of [...accepted, ...rejected]) {
      expect(record.lineage.engine).toBe('openai-compatible');
      expect(record.lineage.engine_version).toMatch(
        /^openai-compatible\/1 model=kimi-k2-0905-preview endpoint=127\.0\.0\.1:\d+$/,
      );
      expect(record.lineage.engine_parameters).toEqual({
        model: 'kimi-k2-0905-preview',
        temperature: '0.7',
        max_tokens: '4096',
        structured_output: 'json_schema',
        json_schema: 'full',
        token_param: 'max_tokens',
        endpoint_kind: 'openai-chat-completions',
      });
      expect(record.lineage.job_id).toBe(jobId);
    }
  });

  it('regenerates byte-identical records from the completion cache when the packs are delivered again, with no request', async () => {
    const generatedTopic = `${h.config.VS_TOPIC_PREFIX}synthetic.records.generated`;
    const requestsBefore = fake.stats().received;
    const proxiedBefore = proxy.log.length;
    const planned = Number(row.planned_packs);
    const replay = await startReplayGenerator(h.config, 'generator-replay');
    try {
      const deadline = Date.now() + 60_000;
      while (replay.packsDone() < planned && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(replay.packsDone()).toBe(planned);
      const stats = replay.stats();
      expect(stats.requests).toBe(0);
      expect(stats.cacheHits).toBeGreaterThan(0);
    } finally {
      await replay.stop();
    }
    expect(fake.stats().received).toBe(requestsBefore);
    expect(proxy.log.length).toBe(proxiedBefore);

    // Every record now sits on the generated topic at least twice (first run, replay): all copies byte-identical.
    const kafka = createKafka({
      brokers: h.config.KAFKA_BROKERS,
      clientId: 'llm-replay-reader',
      logger: createLogger('llm-replay-reader', 'warn'),
    });
    const serde = new AvroSerde(h.config.SCHEMA_REGISTRY_URL);
    const byRecord = new Map<string, Buffer[]>();
    for (const { value } of await readTopic(kafka, generatedTopic, (seen) => seen.length >= RECORDS * 2)) {
      const { record_id } = await serde.decode<GeneratedRecordValue>(value);
      byRecord.set(record_id, [...(byRecord.get(record_id) ?? []), value]);
    }
    expect(byRecord.size).toBe(RECORDS);
    for (const [recordId, copies] of byRecord) {
      expect(copies.length, recordId).toBeGreaterThanOrEqual(2);
      for (const copy of copies) expect(copy.equals(copies[0]!), recordId).toBe(true);
    }

    // The redelivery changed nothing on the job.
    await new Promise((r) => setTimeout(r, 2000));
    const after = await h.waitForJob(jobId, isTerminal);
    for (const column of [
      'status',
      'accepted_records',
      'rejected_records',
      'generated_records',
      'prompt_tokens',
      'completion_tokens',
    ])
      expect(after[column], column).toEqual(row[column]);
  }, 120_000);
});
