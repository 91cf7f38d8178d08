import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { CommittedOffsets, loadSchemaFiles, TOPICS } from '@vs/kafka';
import {
  AcceptedRecordSchema,
  HealthController,
  JobStopWatch,
  JobTokenBudget,
  ProgressReporter,
  SCHEMAS_DIR,
  ServiceRuntime,
} from '@vs/pipeline';
import { AuditLog, TemplateRepository } from '@vs/templates';
import { DistributorService } from '../distributor/distributor.service';
import { JobDecidedListener } from '../distributor/job-decided.listener';
import { JobFinalizer } from '../distributor/job.finalizer';
import { StagingRepository } from '../distributor/staging.repository';
import { ExpanderService } from '../expander/expander.service';
import { EngineRegistry } from '../generator/engine.registry';
import { GeneratorService } from '../generator/generator.service';
import { OutboxRelayService } from '../outbox-relay/outbox-relay.service';
import type { StageName } from '../stage';
import { StatusService } from '../status/status.service';
import { DecisionLedger } from '../validator/decision.ledger';
import { DecisionStore } from '../validator/decision.store';
import { RevisionScoringCache } from '../validator/revision-scoring.cache';
import { ValidatorService } from '../validator/validator.service';
import { llmJudgeStep } from '../validator/llm-judge.factory';
import {
  DistributorConsumer,
  ExpanderConsumer,
  GeneratorConsumer,
  StatusConsumer,
  ValidatorConsumer,
} from './stage.consumers';

const factory = <T>(provide: Type<T> | string, inject: unknown[], build: (...deps: never[]) => T): Provider => ({
  provide,
  inject: inject as never[],
  useFactory: build as (...deps: unknown[]) => T,
});

/** Starts a loop when the app is up and stops it before connections close. */
const lifecycle = (name: string, of: Type<{ start(): unknown; stop(): Promise<void> }>): Provider => ({
  provide: `${name}:lifecycle`,
  inject: [of],
  useFactory: (loop: { start(): unknown; stop(): Promise<void> }) => ({
    onApplicationBootstrap: async () => void (await loop.start()),
    beforeApplicationShutdown: () => loop.stop(),
  }),
});

const shared: Provider[] = [
  factory(
    TemplateRepository,
    [ServiceRuntime],
    (r: ServiceRuntime) => new TemplateRepository(r.db, new AuditLog(r.db)),
  ),
  factory(ProgressReporter, [ServiceRuntime], (r: ServiceRuntime) => new ProgressReporter(r.publisher, r.topics)),
  factory(JobStopWatch, [ServiceRuntime], (r: ServiceRuntime) => new JobStopWatch(r.db, r.logger)),
  {
    provide: 'job-stop-watch:lifecycle',
    inject: [JobStopWatch],
    useFactory: (watch: JobStopWatch) => ({ onModuleInit: () => watch.start(), onModuleDestroy: () => watch.stop() }),
  },
];

const STAGES: Record<StageName, { providers: Provider[]; controllers: Type[] }> = {
  'outbox-relay': {
    providers: [
      factory(OutboxRelayService, [ServiceRuntime], (r: ServiceRuntime) => new OutboxRelayService(r)),
      lifecycle('outbox-relay', OutboxRelayService),
    ],
    controllers: [],
  },
  expander: {
    providers: [
      factory(
        ExpanderService,
        [ServiceRuntime, TemplateRepository, ProgressReporter],
        (r: ServiceRuntime, t: TemplateRepository, p: ProgressReporter) => new ExpanderService(r, t, p),
      ),
    ],
    controllers: [ExpanderConsumer],
  },
  generator: {
    providers: [
      factory(JobTokenBudget, [ServiceRuntime], (r: ServiceRuntime) => new JobTokenBudget(r.db)),
      factory(
        EngineRegistry,
        [ServiceRuntime, JobTokenBudget],
        (r: ServiceRuntime, b: JobTokenBudget) => new EngineRegistry(r.config, r.db, b),
      ),
      factory(
        GeneratorService,
        [ServiceRuntime, EngineRegistry, JobTokenBudget, ProgressReporter, JobStopWatch],
        (r: ServiceRuntime, e: EngineRegistry, b: JobTokenBudget, p: ProgressReporter, w: JobStopWatch) =>
          new GeneratorService(r, e, b, p, w),
      ),
    ],
    controllers: [GeneratorConsumer],
  },
  validator: {
    providers: [
      factory(
        ValidatorService,
        [ServiceRuntime, TemplateRepository, ProgressReporter, JobStopWatch],
        (r: ServiceRuntime, t: TemplateRepository, p: ProgressReporter, w: JobStopWatch) => {
          const envelope = loadSchemaFiles(SCHEMAS_DIR).get(TOPICS.recordsAccepted.schema)!;
          const accepted = new AcceptedRecordSchema(r.serde.http, r.topics.of('recordsAccepted'), envelope);
          const preview = new AcceptedRecordSchema(r.serde.http, r.topics.of('recordsPreview'), envelope);
          const decisions = new DecisionLedger(
            new DecisionStore(r.db),
            new CommittedOffsets(r.kafka),
            r.topics.group('validator'),
          );
          return new ValidatorService(
            r,
            new RevisionScoringCache(t),
            decisions,
            accepted,
            preview,
            p,
            w,
            llmJudgeStep(r),
          );
        },
      ),
    ],
    controllers: [ValidatorConsumer],
  },
  distributor: {
    providers: [
      factory(StagingRepository, [ServiceRuntime], (r: ServiceRuntime) => new StagingRepository(r.db)),
      factory(
        DistributorService,
        [StagingRepository, ProgressReporter, JobStopWatch],
        (s: StagingRepository, p: ProgressReporter, w: JobStopWatch) => new DistributorService(s, p, w),
      ),
      factory(
        JobFinalizer,
        [ServiceRuntime, TemplateRepository, StagingRepository, ProgressReporter],
        (r: ServiceRuntime, t: TemplateRepository, s: StagingRepository, p: ProgressReporter) =>
          new JobFinalizer(r.db, r.logger, t, s, p, new JobDecidedListener(r.config.DATABASE_URL, r.logger), {
            outputRoot: r.config.OUTPUT_ROOT,
            sweepIntervalMs: r.config.FINALIZER_SWEEP_INTERVAL_MS,
          }),
      ),
      lifecycle('job-finalizer', JobFinalizer),
    ],
    controllers: [DistributorConsumer],
  },
  'status-consumer': {
    providers: [
      factory(StatusService, [ServiceRuntime], (r: ServiceRuntime) => new StatusService(r)),
      lifecycle('status-service', StatusService),
    ],
    controllers: [StatusConsumer],
  },
};

/** The pipeline as a NestJS module: the runtime, the chosen stages' services and consumers, and /health, /metrics. */
@Module({})
export class PipelineModule {
  static forStages(runtime: ServiceRuntime, names: readonly StageName[]): DynamicModule {
    return {
      module: PipelineModule,
      providers: [
        { provide: ServiceRuntime, useValue: runtime },
        // Connections close last, after every consumer and loop has stopped.
        { provide: 'runtime:lifecycle', useValue: { onApplicationShutdown: () => runtime.stop() } },
        ...shared,
        ...names.flatMap((name) => STAGES[name].providers),
      ],
      controllers: [HealthController, ...names.flatMap((name) => STAGES[name].controllers)],
    };
  }
}
