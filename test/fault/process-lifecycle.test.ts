import { describe, expect, it } from 'vitest';
import { pipelineHarness } from '../pipeline/pipeline.harness';
import { ServiceProcess } from './service-process';

const exited = (service: ServiceProcess, timeoutMs: number) =>
  new Promise<string>((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const poll = setInterval(() => {
      if (!service.running && service.exitDescription !== 'none') {
        clearInterval(poll);
        resolve(service.exitDescription);
      } else if (Date.now() > deadline) {
        clearInterval(poll);
        reject(new Error(`${service.name} still running after ${timeoutMs} ms`));
      }
    }, 50);
  });

describe('a service process', () => {
  it('refuses to start on bad configuration, naming every bad key', async () => {
    const service = new ServiceProcess('expander', {
      KAFKA_BROKERS: 'no-port-here',
      HTTP_PORT: '99999',
      DATABASE_URL: 'mysql://x',
    });
    service.start();
    expect(await exited(service, 30_000)).toBe('1');
    const output = service.output.join('');
    expect(output).toContain('expander could not start: invalid configuration (3 problems)');
    for (const key of ['KAFKA_BROKERS', 'HTTP_PORT', 'DATABASE_URL']) expect(output).toContain(`- ${key}:`);
  });

  it('serves /health once started and exits 0 on SIGTERM after leaving its consumer group', async () => {
    const h = await pipelineHarness('lifecycle');
    try {
      const port = 19_000 + Math.floor(Math.random() * 1000);
      const service = new ServiceProcess('generator', {
        DATABASE_URL: h.config.DATABASE_URL,
        VS_TOPIC_PREFIX: h.config.VS_TOPIC_PREFIX,
        HTTP_PORT: String(port),
        LOG_LEVEL: 'info',
      });
      service.start();
      let health: { status: string } | undefined;
      for (let i = 0; i < 300 && !health; i++) {
        health = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.json() as Promise<{ status: string }>,
          () => undefined,
        );
        if (!health) await new Promise((r) => setTimeout(r, 100));
      }
      expect(health?.status).toBe('ready');
      const stopping = Date.now();
      await service.kill('SIGTERM');
      expect(service.exitDescription).toBe('0');
      expect(Date.now() - stopping).toBeLessThan(15_000);
      expect(service.output.join('')).toContain('"msg":"shutting down"');
    } finally {
      await h.close();
    }
  });
});
