import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export type HealthChecks = () => Promise<Record<string, boolean>>;
/** Facts a stage shows beside its checks (e.g. the LLM endpoint's negotiated capabilities); they never gate readiness. */
export type HealthDetails = () => Record<string, unknown>;

/** /health (ready only when every dependency answers), /health/live, and Prometheus /metrics. */
export class HealthServer {
  private server: Server | undefined;

  constructor(
    private readonly checks: HealthChecks,
    private readonly registry: Registry,
    private readonly details: HealthDetails = () => ({}),
  ) {}

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const send = (status: number, body: string, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type });
        res.end(body);
      };
      if (path === '/health/live') return send(200, JSON.stringify({ status: 'live' }));
      if (path === '/health') {
        this.checks().then(
          (checks) => {
            const ready = Object.values(checks).every(Boolean);
            send(
              ready ? 200 : 503,
              JSON.stringify({ status: ready ? 'ready' : 'not_ready', checks, ...this.details() }),
            );
          },
          (error: Error) => send(503, JSON.stringify({ status: 'not_ready', error: error.message })),
        );
        return;
      }
      if (path === '/metrics') {
        this.registry.metrics().then(
          (text) => send(200, text, this.registry.contentType),
          (error: Error) => send(500, JSON.stringify({ error: error.message })),
        );
        return;
      }
      send(404, JSON.stringify({ error: `no route ${path}; try /health or /metrics` }));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
