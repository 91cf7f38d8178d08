import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import type { AppConfig } from '@vs/config';
import type { Database } from '@vs/database';
import type { Logger } from '@vs/logging';
import { AuditLog, jobPolicyFromConfig, JobRepository, TemplateRepository, TokenService } from '@vs/templates';
import { APP_CONFIG, DATABASE, LOGGER } from './admin-api.tokens';
import { AuthGuard } from './auth.guard';
import { HealthController } from './health.controller';
import { JobsController } from './jobs.controller';
import { OpenApiController } from './openapi.controller';
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
      controllers: [TemplatesController, JobsController, HealthController, OpenApiController],
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
        {
          provide: JobRepository,
          useFactory: (templates: TemplateRepository, audit: AuditLog) =>
            new JobRepository(db, templates, audit, jobPolicyFromConfig(config)),
          inject: [TemplateRepository, AuditLog],
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
export async function createAdminApp(deps: AdminAppDeps): Promise<INestApplication> {
  const app = await NestFactory.create(AdminApiModule.register(deps), {
    logger: new PinoNestLogger(deps.logger),
    abortOnError: false,
  });
  app.useGlobalFilters(new VelocityErrorFilter(deps.logger));
  return app;
}
