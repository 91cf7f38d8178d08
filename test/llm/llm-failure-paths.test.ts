import type { KafkaMessage } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { AvroSerde, createKafka } from '@vs/kafka';
import { createLogger } from '@vs/logging';
import type { StageProgressValue } from '@vs/pipeline';
import { FakeOpenAiServer } from '@vs/testing';
import { isTerminal, operator, pipelineHarness, type JobRow, type PipelineHarness } from '../pipeline/pipeline.harness';
import { acceptedRecords, llmRequest, readTopic, rejectedRecords, sumTokens, until } from './support/llm-job';
import { readTopic as readTopicMessages } from '../pipeline/topic-reader';
import { RecordingProxy, type ProxyRules } from './support/recording-proxy';
import { TcpProxy } from '../pipeline/tcp-proxy';

/**
 * A terminal job whose row counts every token the endpoint billed: the progress of requests still in flight
 * when the job failed reaches the row after its status does.
 */
const billedTokensLanded = (proxy: RecordingProxy) => (row: JobRow) => {
  const billed = proxy.billed();
  return (
    isTerminal(row) &&
    Number(row.prompt_tokens) === billed.prompt_tokens &&
    Number(row.completion_tokens) === billed.completion_tokens
  );
};

/** Each endpoint failure on its own, on a small job through the whole pipeline. */
describe('LLM endpoint failure paths', () => {
  let fake: FakeOpenAiServer | undefined;
  let proxy: RecordingProxy | undefined;
  let h: PipelineHarness | undefined;

  async function setUp(label: string, env: Record<string, string>, rules: ProxyRules = {}) {
    fake = await FakeOpenAiServer.start({ latencyMs: 20, apiKey: 'test-key', seed: 5 });
    proxy = await RecordingProxy.start(fake.baseUrl, rules);
    h = await pipelineHarness(label, { LLM_BASE_URL: proxy.baseUrl, LLM_API_KEY: 'test-key', ...env });
    await h.start();
    return { fake, proxy, h };
  }

  afterEach(async () => {
    await h?.close();
    await proxy?.close();
    await fake?.close();
    h = undefined;
    proxy = undefined;
    fake = undefined;
  });

  it('waits out a persistent 429 for as long as Retry-After says, then succeeds', async () => {
    const { fake, proxy, h } = await setUp('llm-429', {
      LLM_MAX_IN_FLIGHT: '1',
      LLM_MAX_RETRIES: '5',
      LLM_RECORDS_PER_REQUEST: '5',
    });
    fake.script({ outcome: 'rate_limited', times: 3, retryAfterSeconds: 2 });
    // One subchapter, one pack: the request order below is that pack's alone.
    const jobId = await h.trigger(llmRequest(10, { subchapter_key: 'first_purchase' }));
    const row = await h.waitForJob(jobId, isTerminal, 60_000);
    expect(row.status).toBe('completed');
    expect(row.accepted_records + row.rejected_records).toBe(10);
    const rejected = await rejectedRecords(h.database.db, jobId);
    expect(rejected.filter((r) => r.reasons!.some((reason) => reason.startsWith('generation_error')))).toEqual([]);

    const log = proxy.log;
    const limited = log.filter((r) => r.status === 429);
    expect(limited.map((r) => r.retryAfter)).toEqual(['2', '2', '2']);
    for (const refused of limited) {
      // Nothing at all is sent while the server's Retry-After runs...
      const during = log.filter((r) => r.arrivedAt > refused.endedAt! && r.arrivedAt - refused.endedAt! < 1950);
      expect(during, `requests within Retry-After of #${refused.n}`).toEqual([]);
      // ...and the refused batch is asked again until it is answered.
      expect(log.some((r) => r.n > refused.n && r.batch === refused.batch && r.status === 200)).toBe(true);
    }
  });

  it('retries a request the server answers after LLM_TIMEOUT_MS', async () => {
    const { proxy, h } = await setUp(
      'llm-timeout',
      { LLM_TIMEOUT_MS: '500', LLM_MAX_IN_FLIGHT: '2', LLM_MAX_RETRIES: '5', LLM_RECORDS_PER_REQUEST: '5' },
      { delayMs: (r) => (r.n <= 3 ? 1500 : 0) },
    );
    const jobId = await h.trigger(llmRequest(10, { subchapter_key: 'first_purchase' }));
    const row = await h.waitForJob(jobId, isTerminal, 60_000);
    expect(row.status).toBe('completed');
    expect(row.accepted_records + row.rejected_records).toBe(10);
    const rejected = await rejectedRecords(h.database.db, jobId);
    expect(rejected.filter((r) => r.reasons!.some((reason) => reason.startsWith('generation_error')))).toEqual([]);

    // The proxy notices an abandoned request when its delayed answer finds the socket closed.
    const settled = () => proxy!.log.filter((r) => r.n <= 3 && r.status !== 'pending').length === 3;
    await until(settled, 'the three slow requests ended', 5000);
    const slow = proxy.log.filter((r) => r.n <= 3);
    expect(slow.map((r) => r.status)).toEqual(['abandoned', 'abandoned', 'abandoned']);
    for (const request of slow) {
      // the client gave up at its timeout, well before the answer would have come
      expect(
        proxy.log.some((r) => r.n > request.n && r.batch === request.batch && r.status === 200),
        request.batch!,
      ).toBe(true);
    }
    expect(acceptedRecords(row).length).toBe(row.accepted_records);
  });

  it('stops generating when the token budget is spent and fails the job with budget_exhausted and its counts so far', async () => {
    const MAX_IN_FLIGHT = 2;
    const { proxy, h } = await setUp('llm-budget', {
      LLM_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
      LLM_RECORDS_PER_REQUEST: '1',
    });
    const budget = 4000;
    const jobId = await h.trigger(llmRequest(30, { token_budget: budget }));
    const row = await h.waitForJob(jobId, isTerminal, 60_000);
    await until(() => proxy.settled(), 'every request in flight at the failure ended');
    const after = await h.waitForJob(jobId, billedTokensLanded(proxy));
    console.log(
      JSON.stringify({
        status: after.status,
        error: after.error,
        generated: after.generated_records,
        accepted: after.accepted_records,
        rejected: after.rejected_records,
        requests: proxy.log.length,
        billed: proxy.billed(),
      }),
    );

    expect(row.status).toBe('failed');
    expect(String(row.error)).toMatch(/^budget_exhausted: token budget of 4000 exhausted/);
    expect(after.generated_records).toBeGreaterThan(0);
    expect(after.generated_records).toBeLessThan(30);
    expect(after.accepted_records + after.rejected_records).toBeLessThan(30);
    // every billed token is on the job row, none lost with the records the budget stopped
    const billed = proxy.billed();
    expect({ prompt_tokens: Number(after.prompt_tokens), completion_tokens: Number(after.completion_tokens) }).toEqual(
      billed,
    );

    // The moment the billed tokens reached the budget: after it, only requests already on their way.
    const log = [...proxy.log].sort((a, b) => a.endedAt! - b.endedAt!);
    let spent = 0;
    const exhaustedAt = log.find(
      (r) => (spent += (r.usage?.prompt_tokens ?? 0) + (r.usage?.completion_tokens ?? 0)) >= budget,
    )?.endedAt;
    expect(exhaustedAt).toBeDefined();
    const later = proxy.log.filter((r) => r.arrivedAt > exhaustedAt!);
    expect(later.length).toBeLessThanOrEqual(MAX_IN_FLIGHT - 1);
    expect(later.filter((r) => r.arrivedAt > exhaustedAt! + 100)).toEqual([]);
  });

  it('reruns a budget-exhausted job with a larger budget: it completes, pays for nothing twice and publishes nothing twice', async () => {
    const RECORDS = 30;
    const { proxy, h } = await setUp('llm-budget-rerun', { LLM_MAX_IN_FLIGHT: '2', LLM_RECORDS_PER_REQUEST: '1' });
    const jobId = await h.trigger(llmRequest(RECORDS, { token_budget: 4000 }));
    await h.waitForJob(jobId, isTerminal, 60_000);
    await until(() => proxy.settled(), 'every request in flight at the failure ended');
    const failed = await h.waitForJob(jobId, billedTokensLanded(proxy));
    expect(failed.status).toBe('failed');
    const paidBefore = proxy.log.filter((r) => r.status === 200).map((r) => r.firstRecordIndex);
    expect(paidBefore.length).toBe(failed.generated_records);

    const refused = h.jobs.rerun(jobId, {}, operator);
    await expect(refused).rejects.toThrow(/token_budget/);
    await h.jobs.rerun(jobId, { token_budget: 1_000_000 }, operator);
    const done = await h.waitForJob(jobId, isTerminal, 60_000);
    expect(done.status, String(done.error)).toBe('completed');
    expect(done.accepted_records + done.rejected_records).toBe(RECORDS);
    expect(done.generated_records).toBe(RECORDS);

    // Only the records the budget stopped were asked for; every other one came from the completion cache.
    const paidAfter = proxy.log.filter((r) => r.status === 200).map((r) => r.firstRecordIndex);
    expect(paidAfter.length).toBe(RECORDS);
    expect(new Set(paidAfter).size).toBe(RECORDS);
    // The job's tokens are what the endpoint billed over both runs, and what its records carry.
    const records = [...acceptedRecords(done), ...(await rejectedRecords(h.database.db, jobId))];
    expect(records).toHaveLength(RECORDS);
    const billed = proxy.billed();
    expect({ prompt_tokens: Number(done.prompt_tokens), completion_tokens: Number(done.completion_tokens) }).toEqual(
      billed,
    );
    expect(sumTokens(records)).toEqual(billed);

    // Nothing accepted in the failed run went out again on the accepted topic.
    const topic = `${h.config.VS_TOPIC_PREFIX}synthetic.records.accepted`;
    const ofJob = (ms: KafkaMessage[]) => ms.filter((m) => m.key?.toString() === jobId);
    let seenOfJob = 0; // counted as they arrive: refiltering every message would make the read quadratic
    const enough = (ms: KafkaMessage[]) =>
      (seenOfJob += ms[ms.length - 1]!.key?.toString() === jobId ? 1 : 0) >= done.accepted_records;
    const messages = ofJob(await readTopicMessages(h.config, topic, enough, 60_000, 2000));
    const ids = messages.map((m) => m.headers?.['x-record-id']?.toString());
    expect(messages).toHaveLength(done.accepted_records);
    expect(new Set(ids).size).toBe(ids.length);
    console.log(
      JSON.stringify({
        generated_before_rerun: failed.generated_records,
        requests_before: paidBefore.length,
        requests_after: paidAfter.length - paidBefore.length,
        accepted: done.accepted_records,
        rejected: done.rejected_records,
        tokens: billed,
      }),
    );
  });

  it('opens the circuit on persistent 500s, reports the pause, fails the job with the reason in bounded time, and a rerun completes it once the endpoint recovers', async () => {
    const { fake, proxy, h } = await setUp('llm-circuit', {
      LLM_MAX_IN_FLIGHT: '4',
      LLM_MAX_RETRIES: '1',
      LLM_RECORDS_PER_REQUEST: '1',
    });
    fake.script({ outcome: 'server_error', times: Infinity });
    const started = Date.now();
    const jobId = await h.trigger(llmRequest(20));
    // While it is paused, the job row says so: admins see why it is not moving.
    const pausedRow = await h.waitForJob(jobId, (r) => typeof r.notice === 'string' || isTerminal(r), 60_000);
    expect(pausedRow.notice).toMatch(
      /^generator paused: llm( endpoint unavailable: gave up after 2 attempts|: endpoint paused after repeated failures)/,
    );
    // the circuit's 30 s cooldown, one failed probe, and the consumer's backoff to notice it
    const row = await h.waitForJob(jobId, isTerminal, 110_000);
    const seconds = (Date.now() - started) / 1000;
    const requestsAtFailure = proxy.log.length;
    console.log(
      JSON.stringify({
        seconds,
        status: row.status,
        error: row.error,
        generated: row.generated_records,
        dead_lettered: row.dead_lettered,
        requests: requestsAtFailure,
      }),
    );

    expect(row.status).toBe('failed');
    expect(String(row.error)).toMatch(
      /^generator: llm endpoint unavailable: still failing after \d+s paused; llm: endpoint paused after repeated failures \(last: gave up after 2 attempts: server error \(500\)/,
    );
    expect(row.dead_lettered).toBe(0);
    expect(row.accepted_records + row.rejected_records).toBeLessThan(20);

    // While it waited, the pause was reported on the job's progress.
    const kafka = createKafka({
      brokers: h.config.KAFKA_BROKERS,
      clientId: 'llm-circuit-reader',
      logger: createLogger('llm-circuit-reader', 'warn'),
    });
    const serde = new AvroSerde(h.config.SCHEMA_REGISTRY_URL);
    const reports = await Promise.all(
      (
        await readTopic(kafka, `${h.config.VS_TOPIC_PREFIX}synthetic.jobs.progress`, (seen) =>
          seen.some(({ value }) => value.includes('endpoint paused after repeated failures')),
        )
      ).map(({ value }) => serde.decode<StageProgressValue>(value)),
    );
    const paused = reports.filter(
      (r) => r.job_id === jobId && r.stage === 'generator' && r.detail_json?.includes('"paused"'),
    );
    expect(paused.length).toBeGreaterThan(0);
    expect(paused.some((r) => /endpoint paused after repeated failures/.test(r.detail_json ?? ''))).toBe(true);

    // Once failed, nothing more is asked of the endpoint for it.
    await until(() => proxy.settled(), 'every request in flight at the failure ended');
    expect(proxy.log.length).toBe(requestsAtFailure);

    // The endpoint recovers; a rerun resumes the job under the same job_id and completes it.
    fake.reset();
    const rerunAt = Date.now();
    await h.jobs.rerun(jobId, {}, operator);
    const done = await h.waitForJob(jobId, isTerminal, 90_000);
    console.log(JSON.stringify({ rerun_to_completed_seconds: (Date.now() - rerunAt) / 1000 }));
    expect(done.status, String(done.error)).toBe('completed');
    expect(done.accepted_records + done.rejected_records).toBe(20);
    expect(done.notice).toBeNull();
    expect(done.reruns).toBe(1);
  }, 250_000);

  it('fails a job whose endpoint cannot be reached at all, rejecting no record for it, and a rerun completes it', async () => {
    fake = await FakeOpenAiServer.start({ apiKey: 'test-key' });
    // The generator's endpoint is a TCP forwarder to the fake, cut before the job starts: connection refused.
    const target = new URL(fake.baseUrl);
    const forwarder = await TcpProxy.start(target.hostname, Number(target.port));
    await forwarder.cut();
    try {
      h = await pipelineHarness('llm-unreachable', {
        LLM_BASE_URL: `http://127.0.0.1:${forwarder.port}/v1`,
        LLM_API_KEY: 'test-key',
        LLM_MAX_RETRIES: '1',
        LLM_RECORDS_PER_REQUEST: '5',
      });
      await h.start();
      const jobId = await h.trigger(llmRequest(20));
      const row = await h.waitForJob(jobId, isTerminal, 110_000);
      expect(row.status).toBe('failed');
      expect(String(row.error)).toMatch(/^generator: llm endpoint unavailable: .*connection failed: ECONNREFUSED/);
      // Nothing was decided on the strength of an outage: no record rejected for it.
      expect(row.accepted_records + row.rejected_records).toBe(0);
      expect(row.dead_lettered).toBe(0);

      await forwarder.restore();
      await h.jobs.rerun(jobId, {}, operator);
      const done = await h.waitForJob(jobId, isTerminal, 90_000);
      expect(done.status, String(done.error)).toBe('completed');
      expect(done.accepted_records + done.rejected_records).toBe(20);
      const rejected = await rejectedRecords(h.database.db, jobId);
      expect(rejected.filter((r) => r.reasons!.some((reason) => /ECONNREFUSED/.test(reason)))).toEqual([]);
    } finally {
      await forwarder.close();
    }
  }, 250_000);
});
