import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonCheck } from '@vs/contracts';
import type { FakeOpenAiServer } from '@vs/testing';
import { isTerminal, operator, type PipelineHarness } from '../pipeline/pipeline.harness';
import { acceptedRecords, fakeAndPipeline, jobAgainst, rejectedRecords, sumTokens } from './support/llm-job';

const RECORDS = 20;
const PER_REQUEST = 5;
const BATCHES = RECORDS / PER_REQUEST;

/**
 * A rerun replays the completions the first run paid for from the cache: a reply the endpoint cut at the token
 * limit must be read as cut again (its complete records kept, the rest asked in halves), not as broken JSON that
 * needs a correction round, or the rerun asks for what it already has and pays twice.
 */
describe('LLM completion cache and a truncating endpoint', () => {
  let fake: FakeOpenAiServer;
  let h: PipelineHarness;

  beforeAll(async () => {
    ({ fake, h } = await fakeAndPipeline('llm-cache-cut', 3, {
      LLM_RECORDS_PER_REQUEST: String(PER_REQUEST),
      // One request at a time: the budget is spent by the first reply, before a second one goes out.
      LLM_MAX_IN_FLIGHT: '1',
    }));
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  it('reads a cached cut reply as cut on a rerun, so no request is sent twice', async () => {
    const { jobId, row: failed } = await jobAgainst(fake, h, RECORDS, { maxRecordsPerReply: 2 }, { token_budget: 100 });
    expect(failed.status).toBe('failed');
    expect(String(failed.error)).toMatch(/^budget_exhausted: token budget of 100 exhausted/);
    // The first reply only: five asked, cut after two.
    expect(fake.requests().map((r) => r.count)).toEqual([PER_REQUEST]);
    expect(fake.requests()[0]!.status).toBe(200);

    await h.jobs.rerun(jobId, { token_budget: 10_000_000 }, operator);
    const done = await h.waitForJob(jobId, (row) => isTerminal(row) && Number(row.reruns) === 1, 60_000);
    expect(done.status, String(done.error)).toBe('completed');
    expect(done.accepted_records + done.rejected_records).toBe(RECORDS);

    // Both runs together asked exactly what one run against this endpoint asks: per batch 5 (cut after 2),
    // then the 3 left as 2 + 1. The cached cut reply was not followed by a correction for its "broken" JSON.
    const requests = fake.requests();
    expect(requests.map((r) => r.count).sort()).toEqual(Array(BATCHES).fill([1, 2, 5]).flat().sort());
    const bodies = requests.map((r) => JSON.stringify(r.body.messages));
    expect(new Set(bodies).size).toBe(bodies.length);
    const lastMessages = requests.map((r) => (r.body.messages as { content: string }[]).at(-1)!.content);
    expect(lastMessages.filter((m) => m.startsWith('Your previous reply'))).toEqual([]);

    const rejected = await rejectedRecords(h.database.db, jobId);
    const generationErrors = rejected.flatMap((r) =>
      (r.reasons ?? []).filter((x) => reasonCheck(x) === 'generation_error'),
    );
    expect(generationErrors).toEqual([]);
    // Tokens over both runs are what the endpoint billed, and what the records carry.
    const billed = fake.stats().usage;
    expect({ prompt_tokens: Number(done.prompt_tokens), completion_tokens: Number(done.completion_tokens) }).toEqual(
      billed,
    );
    expect(sumTokens([...acceptedRecords(done), ...rejected])).toEqual(billed);
  }, 150_000);
});
