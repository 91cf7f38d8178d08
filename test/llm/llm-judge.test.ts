import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonCheck, type LlmJudgeScore } from '@vs/contracts';
import { FakeOpenAiServer } from '@vs/testing';
import { isTerminal, pipelineHarness, type JobRow, type PipelineHarness } from '../pipeline/pipeline.harness';
import { acceptedRecords, rejectedRecords, type OutputRecord } from './support/llm-job';

const RECORDS = 60;
/** The fake judge finds a record off-topic when its id ends in one of these: about a quarter of them. */
const OFF_TOPIC_ID_ENDINGS = /[0-3]$/;

/**
 * The optional LLM judge in the validator, against the local fake endpoint: deterministic records are
 * generated offline, then judged; the judge's verdict and tokens travel with every record it judged.
 */
describe('LLM judge in the validator', () => {
  let fake: FakeOpenAiServer;
  let h: PipelineHarness;
  let row: JobRow;
  let accepted: (OutputRecord & { scores?: { llm_judge?: LlmJudgeScore | null } })[];
  let rejected: OutputRecord[];

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start({ apiKey: 'judge-key' });
    fake.judgeWith(({ record_id }) =>
      OFF_TOPIC_ID_ENDINGS.test(record_id)
        ? { topicality: 0.1, plausibility: 0.9, reason: 'not about the subchapter' }
        : { topicality: 0.95, plausibility: 0.9, reason: 'fits' },
    );
    h = await pipelineHarness('llm-judge', {
      LLM_BASE_URL: fake.baseUrl,
      LLM_API_KEY: 'judge-key',
      LLM_JUDGE: 'true',
      LLM_JUDGE_MODEL: 'judge-model',
      LLM_JUDGE_RECORDS_PER_REQUEST: '10',
    });
    await h.start();
    const jobId = await h.trigger({
      template_id: 'healthcare-appointment-intake',
      template_revision: 1,
      chapter_key: 'urgent_requests',
      tenant_id: 'acme',
      locale: 'en-US',
      record_count: RECORDS,
      target_surface: 'qa_fixtures',
      engine: 'deterministic',
    });
    row = await h.waitForJob(jobId, isTerminal, 100_000);
    accepted = row.status === 'completed' ? acceptedRecords(row) : [];
    rejected = await rejectedRecords(h.database.db, jobId);
  }, 150_000);

  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  it('rejects exactly the records the judge finds off-topic, with its scores and reason', () => {
    expect(row.status, String(row.error)).toBe('completed');
    expect(row.accepted_records + row.rejected_records).toBe(RECORDS);
    const byJudge = rejected.filter((r) => (r.reasons ?? []).some((reason) => reasonCheck(reason) === 'llm_judge'));
    expect(byJudge.length).toBeGreaterThan(0);
    for (const record of byJudge) {
      expect(record.record_id).toMatch(OFF_TOPIC_ID_ENDINGS);
      expect(record.reasons).toContain(
        'llm_judge: (record): topicality 0.1, plausibility 0.9: not about the subchapter',
      );
    }
    expect(accepted.filter((r) => OFF_TOPIC_ID_ENDINGS.test(r.record_id))).toEqual([]);
    expect(fake.stats().received).toBeGreaterThanOrEqual(Math.ceil((accepted.length + byJudge.length) / 10));
  });

  it("carries the judge's verdict, model and tokens on every accepted record", () => {
    expect(accepted.length).toBeGreaterThan(0);
    for (const record of accepted) {
      expect(record.scores?.llm_judge).toMatchObject({
        topicality: 0.95,
        plausibility: 0.9,
        accepted: true,
        model: 'judge-model',
      });
      expect(record.scores!.llm_judge!.prompt_tokens).toBeGreaterThan(0);
    }
  });
});
