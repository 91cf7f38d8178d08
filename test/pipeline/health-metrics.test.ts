import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStages, STAGE_NAMES, type RunningPipeline } from '@vs/stages';
import { isTerminal, pipelineHarness, type PipelineHarness } from './pipeline.harness';
import { TcpProxy } from './tcp-proxy';

interface HealthBody {
  status: string;
  checks: Record<string, boolean>;
}

const get = async (port: number, path: string): Promise<{ status: number; text: string }> => {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, text: await response.text() };
};

/** Sums a metric's samples (optionally only those whose labels contain `labels`). */
function sampleSum(metrics: string, name: string, labels = ''): number {
  return metrics
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => line.includes(labels))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('health and metrics of a running pipeline', () => {
  let h: PipelineHarness;
  let pipeline: RunningPipeline;

  beforeAll(async () => {
    h = await pipelineHarness('health');
    pipeline = await h.start(STAGE_NAMES, { serveHealth: true });
  });
  afterAll(async () => h?.close());

  it('answers /health 200 with kafka, registry and postgres all true, and /health/live 200', async () => {
    expect(pipeline.healthPort).toBeGreaterThan(0);
    const health = await get(pipeline.healthPort!, '/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text) as HealthBody).toMatchObject({
      status: 'ready',
      checks: { kafka: true, registry: true, postgres: true },
    });
    expect((await get(pipeline.healthPort!, '/health/live')).status).toBe(200);
  });

  it('exposes message, dead-letter, processing-time and lag metrics after a small job', async () => {
    const jobId = await h.trigger({
      template_id: 'fintech-card-support',
      template_revision: 1,
      chapter_key: 'payments_declined',
      tenant_id: 'acme',
      locale: 'en-US',
      record_count: 150,
      target_surface: 'qa_fixtures',
    });
    const row = await h.waitForJob(jobId, isTerminal, 120_000);
    expect(row.status, String(row.error)).toBe('completed');

    const metrics = await get(pipeline.healthPort!, '/metrics');
    expect(metrics.status).toBe(200);
    const text = metrics.text;
    expect(text).toContain('# TYPE vs_messages_in_total counter');
    expect(text).toContain('# TYPE vs_messages_out_total counter');
    expect(text).toContain('# TYPE vs_dead_lettered_total counter');
    expect(text).toContain('# TYPE vs_processing_seconds histogram');
    expect(text).toContain('# TYPE vs_consumer_lag gauge');
    // Every record of the job went through the validator and the distributor's accepted consumer.
    expect(sampleSum(text, 'vs_messages_in_total', 'consumer="validator"')).toBeGreaterThanOrEqual(150);
    expect(sampleSum(text, 'vs_messages_in_total', 'consumer="distributor-accepted"')).toBeGreaterThanOrEqual(
      row.accepted_records,
    );
    expect(sampleSum(text, 'vs_messages_out_total', 'synthetic.records.accepted')).toBeGreaterThanOrEqual(
      row.accepted_records,
    );
    expect(sampleSum(text, 'vs_dead_lettered_total')).toBe(0);
    expect(sampleSum(text, 'vs_processing_seconds_count', 'consumer="validator"')).toBeGreaterThan(0);
    expect(text).toMatch(/^vs_processing_seconds_bucket\{[^}]*le="\+Inf"[^}]*\} \d+/m);
    expect(text).toMatch(/^vs_consumer_lag\{consumer="[^"]+",topic="[^"]+",partition="\d+"\} \d+/m);
  });

  describe('when PostgreSQL becomes unreachable', () => {
    let proxy: TcpProxy;
    let cutOff: RunningPipeline;

    beforeAll(async () => {
      const url = new URL(h.database.url);
      proxy = await TcpProxy.start(url.hostname, Number(url.port || 5432));
      url.port = String(proxy.port);
      // A service of its own (no stages: only its runtime and /health) whose PostgreSQL goes through the proxy.
      cutOff = await runStages('e2e-health-cut-off', [], {
        config: { ...h.config, DATABASE_URL: url.toString() },
        serveHealth: true,
      });
    });
    afterAll(async () => {
      await proxy?.restore().catch(() => undefined);
      await cutOff?.stop();
      await proxy?.close();
    });

    it('answers /health 503 naming postgres, stays live, and is ready again once PostgreSQL answers', async () => {
      expect((await get(cutOff.healthPort!, '/health')).status).toBe(200);
      await proxy.cut();
      const down = await get(cutOff.healthPort!, '/health');
      expect(down.status).toBe(503);
      expect(JSON.parse(down.text) as HealthBody).toMatchObject({
        status: 'not_ready',
        checks: { kafka: true, registry: true, postgres: false },
      });
      expect((await get(cutOff.healthPort!, '/health/live')).status).toBe(200);
      await proxy.restore();
      expect((await get(cutOff.healthPort!, '/health')).status).toBe(200);
    });
  });
});
