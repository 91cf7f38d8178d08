import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { NotificationListener } from '@vs/database';
import { CommittedOffsets, loadSchemaFiles, TOPICS } from '@vs/kafka';
import {
  AcceptedRecordSchema,
  HealthController,
  JobRowRepository,
  JobStopWatch,
  JobTokenBudget,
  ProgressReporter,
  SCHEMAS_DIR,
  ServiceRuntime,
  StagePublisher,
} from '@vs/pipeline';
import { AuditLog, TemplateRepository } from '@vs/templates';
import { DistributorService } from '../distributor/distributor.service';
import { JOB_DECIDED_CHANNEL } from '../distributor/job-decided.listener';
import { JobFinalizer } from '../distributor/job.finalizer';
import { StagingRepository } from '../distributor/staging.repository';
import { ExpanderService } from '../expander/expander.service';
import { EngineRegistry } from '../generator/engine.registry';
import { GeneratorService } from '../generator/generator.service';
import { OUTBOX_CHANNEL, OutboxRelayService } from '../outbox-relay/outbox-relay.service';
import type { StageName } from '../stage';
import { JobProgressFold } from '../status/job-progress.fold';
import { JobProgressRepository } from '../status/job-progress.repository';
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

/** A LISTEN connection of its own; the application name tells it from the pool's in pg_stat_activity. */
const listenerOn = (r: ServiceRuntime, channel: string, applicationName: string) =>
  new NotificationListener({ databaseUrl: r.config.DATABASE_URL, channel, applicationName, logger: r.logger });

const shared: Provider[] = [
  factory(
    TemplateRepository,
    [ServiceRuntime],
    (r: ServiceRuntime) => new TemplateRepository(r.db, new AuditLog(r.db)),
  ),
  factory(JobRowRepository, [ServiceRuntime], (r: ServiceRuntime) => r.jobRows),
  factory(ProgressReporter, [ServiceRuntime], (r: ServiceRuntime) => new ProgressReporter(r.publisher, r.topics)),
  factory(
    StagePublisher,
    [ServiceRuntime],
    (r: ServiceRuntime) => new StagePublisher(r.publisher, r.topics, r.metrics),
  ),
  factory(
    JobStopWatch,
    [ServiceRuntime, JobRowRepository],
    (r: ServiceRuntime, j: JobRowRepository) => new JobStopWatch(j, r.logger),
  ),
  {
    provide: 'job-stop-watch:lifecycle',
    inject: [JobStopWatch],
    useFactory: (watch: JobStopWatch) => ({ onModuleInit: () => watch.start(), onModuleDestroy: () => watch.stop() }),
  },
];

const STAGES: Record<StageName, { providers: Provider[]; controllers: Type[] }> = {
  'outbox-relay': {
    providers: [
      factory(
        OutboxRelayService,
        [ServiceRuntime],
        (r: ServiceRuntime) =>
          new OutboxRelayService({
            db: r.db,
            wakeups: listenerOn(r, OUTBOX_CHANNEL, 'velocity-synth-outbox-relay'),
            jobRows: r.jobRows,
            publisher: r.publisher,
            topics: r.topics,
            metrics: r.metrics,
            logger: r.logger,
            maxRetryTimeMs: r.config.PIPELINE_MAX_RETRY_TIME_MS,
          }),
      ),
      lifecycle('outbox-relay', OutboxRelayService),
    ],
    controllers: [],
  },
  expander: {
    providers: [
      factory(
        ExpanderService,
        [ServiceRuntime, JobRowRepository, TemplateRepository, StagePublisher, ProgressReporter],
        (r: ServiceRuntime, j: JobRowRepository, t: TemplateRepository, o: StagePublisher, p: ProgressReporter) =>
          new ExpanderService(j, t, o, p, r.logger),
      ),
    ],
    controllers: [ExpanderConsumer],
  },
  generator: {
    providers: [
      factory(JobTokenBudget, [JobRowRepository], (j: JobRowRepository) => new JobTokenBudget(j)),
      factory(
        EngineRegistry,
        [ServiceRuntime, JobTokenBudget],
        (r: ServiceRuntime, b: JobTokenBudget) => new EngineRegistry(r.config, r.db, b),
      ),
      factory(
        GeneratorService,
        [ServiceRuntime, EngineRegistry, JobTokenBudget, StagePublisher, ProgressReporter, JobStopWatch],
        (
          r: ServiceRuntime,
          e: EngineRegistry,
          b: JobTokenBudget,
          o: StagePublisher,
          p: ProgressReporter,
          w: JobStopWatch,
        ) => {
          r.addHealthDetail('llm_endpoint', () => e.llmCapabilities());
          return new GeneratorService(e, b, o, p, w, r.logger);
        },
      ),
    ],
    controllers: [GeneratorConsumer],
  },
  validator: {
    providers: [
      factory(
        ValidatorService,
        [ServiceRuntime, JobRowRepository, StagePublisher, TemplateRepository, ProgressReporter, JobStopWatch],
        (
          r: ServiceRuntime,
          j: JobRowRepository,
          o: StagePublisher,
          t: TemplateRepository,
          p: ProgressReporter,
          w: JobStopWatch,
        ) => {
          const envelope = loadSchemaFiles(SCHEMAS_DIR).get(TOPICS.recordsAccepted.schema)!;
          const accepted = new AcceptedRecordSchema(r.serde.http, r.topics.of('recordsAccepted'), envelope);
          const preview = new AcceptedRecordSchema(r.serde.http, r.topics.of('recordsPreview'), envelope);
          const decisions = new DecisionLedger(
            new DecisionStore(r.db),
            new CommittedOffsets(r.kafka),
            r.topics.group('validator'),
          );
          return new ValidatorService(
            j,
            o,
            new RevisionScoringCache(t),
            decisions,
            accepted,
            preview,
            p,
            w,
            llmJudgeStep(r.config, r.db),
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
        [ServiceRuntime, JobRowRepository, TemplateRepository, StagingRepository, ProgressReporter],
        (r: ServiceRuntime, j: JobRowRepository, t: TemplateRepository, s: StagingRepository, p: ProgressReporter) =>
          new JobFinalizer(r.db, j, r.logger, t, s, p, listenerOn(r, JOB_DECIDED_CHANNEL, 'velocity-synth-finalizer'), {
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
      factory(
        StatusService,
        [ServiceRuntime, JobRowRepository],
        (r: ServiceRuntime, j: JobRowRepository) =>
          new StatusService(new JobProgressFold(r.db, j, new JobProgressRepository()), j, r.logger),
      ),
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
