import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonCheck } from '@vs/contracts';
import { FakeOpenAiServer } from '@vs/testing';
import { isTerminal, pipelineHarness, type JobRow, type PipelineHarness } from '../pipeline/pipeline.harness';
import { llmRequest, rejectedRecords, type OutputRecord } from './support/llm-job';

const RECORDS = 30;
const PER_REQUEST = 5;

/**
 * How LLM engines fail in production: a model that refuses, or one that leaves its template's placeholder in
 * the prose. One request at a time, so the fake's script decides exactly which 5-record batches go wrong.
 */
describe('Quality gate against LLM replies that are not data', () => {
  let fake: FakeOpenAiServer;
  let h: PipelineHarness;
  let row: JobRow;
  let rejected: OutputRecord[];

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start({ apiKey: 'test-key', seed: 5 });
    fake.script({ outcome: 'refusal', times: 2 }).script({ outcome: 'placeholder', times: 2 });
    h = await pipelineHarness('llm-gate', {
      LLM_BASE_URL: fake.baseUrl,
      LLM_API_KEY: 'test-key',
      LLM_RECORDS_PER_REQUEST: String(PER_REQUEST),
      LLM_MAX_IN_FLIGHT: '1',
    });
    await h.start();
    const jobId = await h.trigger(llmRequest(RECORDS));
    row = await h.waitForJob(jobId, isTerminal, 100_000);
    rejected = await rejectedRecords(h.database.db, jobId);
  }, 150_000);

  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  const rejectedBy = (check: string) =>
    rejected.filter((r) => (r.reasons ?? []).some((reason) => reasonCheck(reason) === check));

  it('rejects every refused record, naming the check, the field and the refusal', () => {
    expect(row.status).toBe('completed');
    const refused = rejectedBy('llm_meta_text');
    expect(refused).toHaveLength(2 * PER_REQUEST);
    for (const record of refused) {
      expect(record.reasons).toContainEqual(
        expect.stringMatching(/^llm_meta_text: customer_note: .*as an AI language model/i),
      );
    }
  });

  it('rejects every record with a template placeholder left in it, naming the placeholder', () => {
    const placeholders = rejectedBy('placeholder_text');
    expect(placeholders).toHaveLength(2 * PER_REQUEST);
    for (const record of placeholders) {
      expect(record.reasons).toContainEqual(
        expect.stringMatching(/^placeholder_text: customer_note: .*\{\{customer_note\}\}/),
      );
    }
    expect(fake.stats().byOutcome).toMatchObject({ refusal: 2, placeholder: 2 });
    expect(row.accepted_records + row.rejected_records).toBe(RECORDS);
  });
});
