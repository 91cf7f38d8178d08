import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@vs/config';
import type { Database } from '@vs/database';
import type { Logger } from '@vs/logging';
import {
  AuditLog,
  jobPolicyFromConfig,
  JobRepository,
  JobService,
  TemplateRepository,
  TokenService,
} from '@vs/templates';
import { APP_CONFIG, DATABASE, LOGGER } from './admin-api.tokens';
import { AuthGuard } from './auth.guard';
import { JobOutputsController } from './console/job-outputs.controller';
import { mountConsole } from './console/console.static';
import { SessionController } from './console/session.controller';
import { HealthController } from './health.controller';
import { isReadableJson } from './json-media-type';
import { JobsController } from './jobs.controller';
import { OpenApiController } from './openapi.controller';
import { RequestShapeGuard } from './request-shape.guard';
import { PinoNestLogger } from '@vs/logging';
import { TemplatesController } from './templates.controller';
import { VelocityErrorFilter } from './velocity-error.filter';

export interface AdminAppDeps {
  db: Database;
  config: Readonly<AppConfig>;
  logger: Logger;
}

@Module({})
export class AdminApiModule {
  /** Every collaborator built from the three given values, so tests and the all-in-one runner share one wiring. */
  static register({ db, config, logger }: AdminAppDeps): DynamicModule {
    return {
      module: AdminApiModule,
      controllers: [
        TemplatesController,
        JobsController,
        JobOutputsController,
        SessionController,
        HealthController,
        OpenApiController,
      ],
      providers: [
        { provide: DATABASE, useValue: db },
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: AuditLog, useFactory: () => new AuditLog(db) },
        { provide: TokenService, useFactory: () => new TokenService(db) },
        {
          provide: TemplateRepository,
          useFactory: (audit: AuditLog) => new TemplateRepository(db, audit),
          inject: [AuditLog],
        },
        { provide: JobRepository, useFactory: () => new JobRepository(db) },
        {
          provide: JobService,
          useFactory: (jobs: JobRepository, templates: TemplateRepository, audit: AuditLog) =>
            new JobService(db, jobs, templates, audit, jobPolicyFromConfig(config)),
          inject: [JobRepository, TemplateRepository, AuditLog],
        },
        {
          provide: APP_GUARD,
          useFactory: (tokens: TokenService, reflector: Reflector) => new AuthGuard(tokens, reflector),
          inject: [TokenService, Reflector],
        },
      ],
    };
  }
}

/** The admin HTTP app, not yet listening: the caller owns the database and decides the port. */
export async function createAdminApp(deps: AdminAppDeps): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AdminApiModule.register(deps), {
    logger: new PinoNestLogger(deps.logger),
    abortOnError: false,
    bodyParser: false,
    rawBody: true, // RequestShapeGuard reads how numbers and keys were written, which JSON.parse forgets
  });
  // Not strict: a bare `null` or `3` parses, so RequestShapeGuard can say "must be a JSON object" instead of "invalid JSON".
  app.useBodyParser('json', {
    limit: REQUEST_BODY_LIMIT,
    strict: false,
    type: (request) => isReadableJson(request.headers['content-type']),
  });
  app.useGlobalGuards(new RequestShapeGuard());
  app.useGlobalFilters(new VelocityErrorFilter(deps.logger));
  mountConsole(app);
  return app;
}

/** The largest request body the API reads; a template draft is the biggest thing anyone sends. */
export const REQUEST_BODY_LIMIT = '100kb';
