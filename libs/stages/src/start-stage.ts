import { join } from 'node:path';
import { loadSchemaFiles, TOPICS } from '@vs/kafka';
import { AcceptedRecordSchema, SCHEMAS_DIR, type ServiceRuntime } from '@vs/pipeline';
import { AuditLog, TemplateRepository } from '@vs/templates';
import { DistributorService } from './distributor/distributor.service';
import { JobFinalizer } from './distributor/job.finalizer';
import { StagingRepository } from './distributor/staging.repository';
import { ExpanderService } from './expander/expander.service';
import { EngineRegistry } from './generator/engine.registry';
import { GeneratorService } from './generator/generator.service';
import { OutboxRelayService } from './outbox-relay/outbox-relay.service';
import { stageCollaborators, type RunningStage, type StageName } from './stage';
import { StatusService } from './status/status.service';
import { DecisionStore } from './validator/decision.store';
import { RevisionScoringCache } from './validator/revision-scoring.cache';
import { ValidatorService } from './validator/validator.service';
import { JobTokenBudget } from '@vs/pipeline';

/** Wires one stage to the runtime's Kafka and PostgreSQL and starts it. */
export async function startStage(name: StageName, runtime: ServiceRuntime): Promise<RunningStage> {
  const templates = new TemplateRepository(runtime.db, new AuditLog(runtime.db));
  switch (name) {
    case 'outbox-relay': {
      const relay = new OutboxRelayService(runtime);
      await relay.start();
      return { name, stop: () => relay.stop() };
    }
    case 'expander': {
      const { progress, stopWatch } = await stageCollaborators(runtime);
      const service = new ExpanderService(runtime, templates, progress, stopWatch);
      const consumer = runtime.consume('expander', ['jobsRequested'], (m) => service.onJobsRequested(m as never), { chunkSize: 10 });
      await consumer.start();
      return { name, stop: async () => (stopWatch.stop(), await consumer.stop()) };
    }
    case 'generator': {
      const { progress, stopWatch } = await stageCollaborators(runtime);
      const budget = new JobTokenBudget(runtime.db);
      const service = new GeneratorService(runtime, new EngineRegistry(runtime.config, runtime.db, budget), budget, progress, stopWatch);
      const consumer = runtime.consume('generator', ['promptPacks'], (m) => service.onPromptPacks(m as never), { chunkSize: 4 });
      await consumer.start();
      return { name, stop: async () => (stopWatch.stop(), await consumer.stop()) };
    }
    case 'validator': {
      const { progress, stopWatch } = await stageCollaborators(runtime);
      const base = loadSchemaFiles(SCHEMAS_DIR).get(TOPICS.recordsAccepted.schema)!;
      const accepted = new AcceptedRecordSchema(runtime.config.SCHEMA_REGISTRY_URL, runtime.topics.of('recordsAccepted'), base);
      const service = new ValidatorService(runtime, new RevisionScoringCache(templates), new DecisionStore(runtime.db), accepted, progress, stopWatch);
      const consumer = runtime.consume('validator', ['recordsGenerated'], (m) => service.onGeneratedRecords(m as never), { chunkSize: 500 });
      await consumer.start();
      return { name, stop: async () => (stopWatch.stop(), await consumer.stop()) };
    }
    case 'distributor': {
      const { progress, stopWatch } = await stageCollaborators(runtime);
      const staging = new StagingRepository(runtime.db);
      const service = new DistributorService(runtime, staging, progress, stopWatch);
      const accepted = runtime.consume('distributor-accepted', ['recordsAccepted'], (m) => service.onAcceptedRecords(m as never), { chunkSize: 500 });
      const rejected = runtime.consume('distributor-rejected', ['recordsRejected'], (m) => service.onRejectedRecords(m as never), { chunkSize: 500 });
      const finalizer = new JobFinalizer(runtime, templates, staging, progress);
      await accepted.start();
      await rejected.start();
      finalizer.start();
      return { name, stop: async () => (stopWatch.stop(), await finalizer.stop(), await accepted.stop(), await rejected.stop()) };
    }
    case 'status-consumer': {
      const service = new StatusService(runtime);
      const progressConsumer = runtime.consume('status-progress', ['jobsProgress'], (m) => service.onProgress(m as never), { chunkSize: 500 });
      const cancelConsumer = runtime.consume('status-cancel', ['jobsCancelled'], (m) => service.onCancelled(m as never));
      await progressConsumer.start();
      await cancelConsumer.start();
      return { name, stop: async () => (await progressConsumer.stop(), await cancelConsumer.stop()) };
    }
  }
}

export const MIGRATIONS_DIR = join(__dirname, '..', '..', '..', 'migrations');
