import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaPublisher } from '@vs/kafka';
import type { ServiceRuntime } from '@vs/pipeline';
import { runStages, type RunningPipeline } from '@vs/stages';
import { waitFor } from '../foundation/kafka-harness';
import { pipelineHarness, type PipelineHarness } from '../pipeline/pipeline.harness';
import {
  countByOutboxId,
  outboxRows,
  relayedEvents,
  triggerAndCancel,
  type OutboxRowState,
  type RelayedEvent,
} from './outbox-events';
import { RelayProcess, type LogLine } from './relay-process';
import { ScratchBroker } from './scratch-broker';

/** One call of a relay's publisher, in the order the process saw sends start and acks arrive. */
interface PublishCall {
  relay: string;
  outboxId: number;
  jobId: string;
  sentSeq: number;
  ackedSeq: number;
}

/** Per job: its requested and cancelled rows, in outbox-id order. */
function byJob(rows: OutboxRowState[]): Map<string, OutboxRowState[]> {
  const jobs = new Map<string, OutboxRowState[]>();
  for (const row of rows) jobs.set(row.aggregate_id, [...(jobs.get(row.aggregate_id) ?? []), row]);
  return jobs;
}

/** The relay published exactly the outbox: one event per row, on the row's topic, keyed and valued by its job. */
function expectOneEventPerRow(rows: OutboxRowState[], events: RelayedEvent[]): void {
  const counts = countByOutboxId(events);
  const duplicated = [...counts].filter(([, n]) => n !== 1);
  expect(duplicated, 'outbox ids published more than once').toEqual([]);
  expect([...counts.keys()].sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
  const rowById = new Map(rows.map((r) => [r.id, r]));
  for (const event of events) {
    const row = rowById.get(event.outboxId)!;
    expect({ type: event.eventType, key: event.key, job: event.jobId }).toEqual({
      type: row.event_type,
      key: row.aggregate_id,
      job: row.aggregate_id,
    });
  }
}

/** Every job's requested event carries a lower outbox id than its cancelled one, and was marked published no later. */
function expectRequestedBeforeCancelled(rows: OutboxRowState[], events: RelayedEvent[], cancelled: Set<string>): void {
  const idOnTopic = new Map(events.map((e) => [`${e.jobId}/${e.eventType}`, e.outboxId]));
  for (const [jobId, jobRows] of byJob(rows)) {
    const requested = jobRows.find((r) => r.event_type === 'job.requested')!;
    expect(idOnTopic.get(`${jobId}/job.requested`)).toBe(requested.id);
    if (!cancelled.has(jobId)) {
      expect(jobRows).toHaveLength(1);
      continue;
    }
    const cancel = jobRows.find((r) => r.event_type === 'job.cancelled')!;
    expect(jobRows.map((r) => r.event_type)).toEqual(['job.requested', 'job.cancelled']);
    expect(idOnTopic.get(`${jobId}/job.cancelled`)).toBe(cancel.id);
    expect(requested.id).toBeLessThan(cancel.id);
    expect(requested.published_at!.getTime(), `job ${jobId}: published_at order`).toBeLessThanOrEqual(
      cancel.published_at!.getTime(),
    );
  }
}

describe('outbox relay: two instances at once', () => {
  const JOBS = 60;
  const cancelJob = (i: number) => i % 4 !== 0; // 45 of 60
  let h: PipelineHarness;
  const relays: { name: string; pipeline: RunningPipeline }[] = [];
  const calls: PublishCall[] = [];
  let seq = 0;

  /** Passes every publish through to the real producer, noting when it started and when Kafka acked it. */
  function instrument(name: string, runtime: ServiceRuntime): void {
    const publisher = runtime.publisher;
    const send = publisher.publish.bind(publisher);
    publisher.publish = async (topic, messages) => {
      const sentSeq = ++seq;
      await send(topic, messages);
      const ackedSeq = ++seq;
      for (const m of messages)
        calls.push({ relay: name, outboxId: Number(m.headers?.['x-outbox-id']), jobId: m.key, sentSeq, ackedSeq });
    };
  }

  beforeAll(async () => {
    h = await pipelineHarness('outbox-two');
    for (const name of ['relay-a', 'relay-b']) {
      // Separate runtimes: each has its own producer, PostgreSQL pool, LISTEN connection and metrics registry.
      const pipeline = await runStages(`outbox-${name}`, ['outbox-relay'], { config: h.config, serveHealth: false });
      instrument(name, pipeline.runtime);
      relays.push({ name, pipeline });
    }
  });

  afterAll(async () => {
    for (const { pipeline } of relays.splice(0)) await pipeline.stop();
    await h?.close();
  });

  it('keeps per-job order, publishes each row exactly once and marks every row, with both relays publishing', async () => {
    const startedAt = Date.now();
    const { jobIds, cancelled } = await triggerAndCancel(h, JOBS, cancelJob);
    const triggeredMs = Date.now() - startedAt;
    expect(cancelled.size).toBe(45);
    const expectedRows = JOBS + cancelled.size;

    const rows = await waitFor(
      async () => {
        const all = await outboxRows(h.database.db);
        return all.length === expectedRows && all.every((r) => r.published_at !== null) ? all : undefined;
      },
      60_000,
      `all ${expectedRows} outbox rows published`,
    );
    const allPublishedMs = Date.now() - startedAt;
    expect(new Set(rows.map((r) => r.aggregate_id))).toEqual(new Set(jobIds));

    const { events, sizes } = await relayedEvents(h.config);
    expect(sizes).toEqual({ 'job.requested': JOBS, 'job.cancelled': cancelled.size });
    expectOneEventPerRow(rows, events);
    expectRequestedBeforeCancelled(rows, events, cancelled);

    // The order the relays actually published in: a job's cancelled event was only sent after Kafka had acked
    // its requested one, whichever relay sent each; no row was sent twice (a rolled-back send would show here).
    expect(calls).toHaveLength(expectedRows);
    const callByOutboxId = new Map(calls.map((c) => [c.outboxId, c]));
    expect(callByOutboxId.size).toBe(expectedRows);
    let handedOver = 0;
    for (const jobId of cancelled) {
      const [requested, cancel] = byJob(rows)
        .get(jobId)!
        .map((r) => callByOutboxId.get(r.id)!);
      expect(requested!.ackedSeq, `job ${jobId}: cancelled sent before requested was acked`).toBeLessThan(
        cancel!.sentSeq,
      );
      if (requested!.relay !== cancel!.relay) handedOver++;
    }

    // Both relays did real work: each one's own vs_messages_out_total grew, and together they count every row.
    const outTotals: Record<string, number> = {};
    for (const { name, pipeline } of relays) {
      const metric = await pipeline.runtime.metrics.messagesOut.get();
      outTotals[name] = metric.values.reduce((sum, v) => sum + v.value, 0);
      expect(outTotals[name], `${name} published nothing`).toBeGreaterThan(0);
    }
    expect(Object.values(outTotals).reduce((a, b) => a + b, 0)).toBe(expectedRows);
    const byRelay = Object.fromEntries(relays.map(({ name }) => [name, calls.filter((c) => c.relay === name).length]));
    expect(byRelay).toEqual(outTotals);

    console.log(
      JSON.stringify({
        jobs: JOBS,
        cancelled: cancelled.size,
        outbox_rows: expectedRows,
        triggered_and_cancelled_ms: triggeredMs,
        all_published_ms: allPublishedMs,
        published_by_relay: outTotals,
        jobs_whose_cancel_went_out_through_the_other_relay: handedOver,
      }),
    );
  });
});

/** The relay's 'paused' lines during an outage: consecutive failures counted up, each wait longer, capped, honoured. */
function expectBoundedBackoff(paused: LogLine[], windowMs: number): void {
  expect(paused.length).toBeGreaterThanOrEqual(1);
  expect(paused.map((l) => l.consecutive_failures)).toEqual(paused.map((_, i) => i + 1));
  const delays = paused.map((l) => Number(l.retry_in_ms));
  for (let i = 1; i < delays.length; i++) {
    expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    if (delays[i - 1]! < 30_000) expect(delays[i]).toBeGreaterThan(delays[i - 1]!);
    const gap = new Date(paused[i]!.time).getTime() - new Date(paused[i - 1]!.time).getTime();
    expect(gap, `attempt ${i + 1} came ${gap} ms after a ${delays[i - 1]} ms back-off`).toBeGreaterThanOrEqual(
      delays[i - 1]!,
    );
  }
  expect(Math.max(...delays)).toBeLessThanOrEqual(30_000);
  // Even if every attempt failed instantly, waiting out each back-off allows only this many attempts in the window.
  let allowed = 0;
  for (let waited = 0; waited <= windowMs; allowed++) waited += Math.min(30_000, 250 * 2 ** Math.min(allowed + 1, 7));
  expect(paused.length).toBeLessThanOrEqual(allowed);
}

describe('outbox relay: a broker outage', () => {
  const BATCH = 8;
  const cancelJob = (i: number) => i % 4 !== 0; // 6 of 8
  const MIN_OUTAGE_MS = 20_000;
  const MAX_OUTAGE_MS = 150_000;
  let broker: ScratchBroker | undefined;
  let relay: RelayProcess | undefined;
  let h: PipelineHarness | undefined;

  beforeAll(async () => {
    broker = await ScratchBroker.create();
    await broker.start();
    h = await pipelineHarness('outbox-outage', { KAFKA_BROKERS: broker.brokers });
    relay = new RelayProcess({
      DATABASE_URL: h.config.DATABASE_URL,
      VS_TOPIC_PREFIX: h.config.VS_TOPIC_PREFIX,
      KAFKA_BROKERS: broker.brokers,
      KAFKA_TOPIC_PARTITIONS: '3',
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
    });
    relay.start();
    await waitFor(
      () => relay!.logged('stages started').length > 0 || !relay!.running || undefined,
      90_000,
      'the relay process to start',
    );
    if (!relay.running) throw new Error(relay.describe());
  });

  afterAll(async () => {
    // The scratch broker goes whatever else fails: kill its process group, remove its data.
    await relay?.stop().catch(() => undefined);
    await broker?.destroy();
    await h?.close();
  });

  async function waitAllPublished(expected: number, timeoutMs: number): Promise<OutboxRowState[]> {
    return waitFor(
      async () => {
        const all = await outboxRows(h!.database.db);
        return all.length === expected && all.every((r) => r.published_at !== null) ? all : undefined;
      },
      timeoutMs,
      `all ${expected} outbox rows published`,
    );
  }

  it('pauses while the broker is down, loses nothing, and resumes by itself exactly once per row, in order per job', async () => {
    const before = await triggerAndCancel(h!, BATCH, cancelJob);
    await waitAllPublished(BATCH + before.cancelled.size, 30_000);
    const publishedBefore = relay!.logged('outbox event published').length;
    expect(publishedBefore).toBe(BATCH + before.cancelled.size);

    await broker!.kill('SIGKILL');
    const killedAt = Date.now();
    const during = await triggerAndCancel(h!, BATCH, cancelJob);
    const expected = 2 * BATCH + before.cancelled.size + during.cancelled.size;

    // While the broker is down: rows stay unpublished, the relay stays up and says it is paused. Keep it down
    // until the relay has failed at least twice (each failure is a whole send, kafkajs's own retries included).
    const cpuAtKill = relay!.cpuSeconds();
    let samples = 0;
    for (;;) {
      const rows = await outboxRows(h!.database.db);
      expect(rows).toHaveLength(expected);
      expect(rows.filter((r) => r.published_at === null)).toHaveLength(BATCH + during.cancelled.size);
      expect(relay!.running, relay!.describe()).toBe(true);
      samples++;
      if (relay!.logged('outbox relay paused').length >= 2 && Date.now() - killedAt >= MIN_OUTAGE_MS) break;
      if (Date.now() - killedAt > MAX_OUTAGE_MS)
        throw new Error(
          `relay paused ${relay!.logged('outbox relay paused').length}x in ${MAX_OUTAGE_MS} ms; ${relay!.describe()}`,
        );
      await new Promise((r) => setTimeout(r, 1000));
    }
    const outageCpuSeconds = relay!.cpuSeconds() - cpuAtKill;
    const pausedDuringOutage = relay!.logged('outbox relay paused');
    const outageMs = Date.now() - killedAt;
    expectBoundedBackoff(pausedDuringOutage, outageMs);
    // No busy loop: a relay spinning on a dead broker would burn a core; this one mostly sleeps.
    expect(outageCpuSeconds).toBeLessThan((0.25 * outageMs) / 1000);

    const restartingAt = Date.now();
    await broker!.start();
    const answeredAt = Date.now();
    const rows = await waitAllPublished(expected, 120_000);
    const allPublishedAt = Date.now();
    const published = relay!.logged('outbox event published');
    const firstAfterRestart = published[publishedBefore];

    const { events, sizes } = await relayedEvents(h!.config);
    expect(sizes).toEqual({
      'job.requested': 2 * BATCH,
      'job.cancelled': before.cancelled.size + during.cancelled.size,
    });
    expectOneEventPerRow(rows, events);
    expectRequestedBeforeCancelled(rows, events, new Set([...before.cancelled, ...during.cancelled]));

    // The relay's own account, in the order it published (one process, one log stream): each row once,
    // a job's requested before its cancelled.
    const publishedIds = published.map((l) => Number(l.outbox_id));
    expect([...publishedIds].sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
    for (const jobRows of byJob(rows).values()) {
      const positions = jobRows.map((r) => publishedIds.indexOf(r.id));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }

    const pausedLines = relay!.logged('outbox relay paused');
    // Once the broker is back, the relay has nothing left to fail on.
    expect(pausedLines.every((l) => new Date(l.time).getTime() <= allPublishedAt)).toBe(true);
    console.log(
      JSON.stringify({
        outbox_rows: expected,
        outage_ms: restartingAt - killedAt,
        outage_samples: samples,
        relay_cpu_seconds_during_outage: Number(outageCpuSeconds.toFixed(2)),
        paused_lines_during_outage: pausedDuringOutage.length,
        paused_lines_total: pausedLines.length,
        paused: pausedLines.map((l) => ({
          at_ms: new Date(l.time).getTime() - killedAt,
          failures: l.consecutive_failures,
          retry_in_ms: l.retry_in_ms,
        })),
        broker_restart_to_answer_ms: answeredAt - restartingAt,
        broker_answer_to_first_publish_ms: firstAfterRestart
          ? new Date(firstAfterRestart.time).getTime() - answeredAt
          : null,
        broker_answer_to_all_published_ms: allPublishedAt - answeredAt,
        relay_running: relay!.running,
        kafkajs_lines: relay!.lines.filter((l) => l.component === 'kafkajs').length,
      }),
    );
  }, 300_000);
});

describe('outbox relay: the broker dies in the middle of a claimed batch', () => {
  const JOBS = 20;
  const cancelJob = (i: number) => i % 2 === 1; // 10 of 20
  const ACKED_BEFORE_KILL = 5;
  const send = KafkaPublisher.prototype.publish;
  let broker: ScratchBroker | undefined;
  let h: PipelineHarness | undefined;
  let relay: RunningPipeline | undefined;

  afterAll(async () => {
    KafkaPublisher.prototype.publish = send;
    await relay?.stop().catch(() => undefined);
    await broker?.destroy();
    await h?.close();
  });

  it('keeps what Kafka acked before the failure, so nothing goes out twice, and resumes in order', async () => {
    broker = await ScratchBroker.create();
    await broker.start();
    h = await pipelineHarness('outbox-midbatch', { KAFKA_BROKERS: broker.brokers });
    // Rows first, relay second: its first claim takes every job, so the kill lands inside one transaction.
    const { cancelled } = await triggerAndCancel(h, JOBS, cancelJob);
    const expected = JOBS + cancelled.size;
    const sends: number[] = [];
    // Patched on the prototype because the relay starts publishing before runStages returns its runtime;
    // every send still goes to the real broker, the SIGKILL lands right after the fifth ack.
    KafkaPublisher.prototype.publish = async function (this: KafkaPublisher, topic, messages) {
      sends.push(Number(messages[0]?.headers?.['x-outbox-id']));
      await send.call(this, topic, messages);
      if (sends.length === ACKED_BEFORE_KILL) await broker!.kill('SIGKILL');
    };
    relay = await runStages('outbox-midbatch', ['outbox-relay'], { config: h.config, serveHealth: false });

    // The sixth send fails once kafkajs gives up; the five acked rows are committed as published, the rest not.
    const afterFailure = await waitFor(
      async () => {
        const rows = await outboxRows(h!.database.db);
        return rows.some((r) => r.published_at !== null) ? rows : undefined;
      },
      120_000,
      'the acked rows to be kept',
    );
    expect(afterFailure.filter((r) => r.published_at !== null).map((r) => r.id)).toEqual(
      afterFailure.slice(0, ACKED_BEFORE_KILL).map((r) => r.id),
    );
    expect(sends.slice(0, ACKED_BEFORE_KILL)).toEqual(afterFailure.slice(0, ACKED_BEFORE_KILL).map((r) => r.id));

    await broker.start();
    const rows = await waitFor(
      async () => {
        const all = await outboxRows(h!.database.db);
        return all.every((r) => r.published_at !== null) ? all : undefined;
      },
      120_000,
      `all ${expected} outbox rows published`,
    );
    expect(rows).toHaveLength(expected);
    const { events, sizes } = await relayedEvents(h.config);
    expect(sizes).toEqual({ 'job.requested': JOBS, 'job.cancelled': cancelled.size });
    expectOneEventPerRow(rows, events);
    expectRequestedBeforeCancelled(rows, events, cancelled);
    // The acked five were never sent again; only the send that failed was repeated.
    const sentTwice = [...countByOutboxId(sends.map((outboxId) => ({ outboxId }) as RelayedEvent))]
      .filter(([, n]) => n > 1)
      .map(([id]) => id);
    expect(sentTwice.every((id) => id === rows[ACKED_BEFORE_KILL]!.id)).toBe(true);
    console.log(
      JSON.stringify({
        outbox_rows: expected,
        acked_before_kill: ACKED_BEFORE_KILL,
        sends: sends.length,
        sent_again: sentTwice,
      }),
    );
  }, 300_000);
});
