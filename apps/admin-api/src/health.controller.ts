import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Database } from '@vs/database';
import type { HttpResponse } from './http.types';
import { DATABASE } from './admin-api.tokens';

/** Live and ready: the admin API needs only PostgreSQL (Kafka is the outbox relay's concern). */
@Controller('health')
export class HealthController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get()
  async health(@Res({ passthrough: true }) response: HttpResponse) {
    const database = await this.db.ping();
    response.status(database ? 200 : 503);
    return { status: database ? 'ok' : 'degraded', checks: { database } };
  }
}
