import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ServiceRuntime } from '../service-runtime';

interface HttpResponse {
  status(code: number): HttpResponse;
  type(contentType: string): HttpResponse;
  send(body: string): void;
}

/** /health (ready only when Kafka, the registry and PostgreSQL answer), /health/live and Prometheus /metrics. */
@Controller()
export class HealthController {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  @Get('health/live')
  live(): { status: string } {
    return { status: 'live' };
  }

  @Get('health')
  async health(@Res() res: HttpResponse): Promise<void> {
    const checks = await this.runtime.checks();
    const ready = Object.values(checks).every(Boolean);
    res
      .status(ready ? 200 : 503)
      .type('application/json')
      .send(JSON.stringify({ status: ready ? 'ready' : 'not_ready', checks, ...this.runtime.details() }));
  }

  @Get('metrics')
  async metrics(@Res() res: HttpResponse): Promise<void> {
    const registry = this.runtime.metrics.registry;
    res
      .status(200)
      .type(registry.contentType)
      .send(await registry.metrics());
  }
}
