import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { loadConfig, type AppConfig } from '@vs/config';
import { PinoNestLogger } from '@vs/logging';
import { AvroKafkaTransport, RethrowRpcFilter, ServiceRuntime } from '@vs/pipeline';
import { CONSUMER_BINDINGS } from './nest/stage.consumers';
import { PipelineModule } from './nest/pipeline.module';
import type { StageName } from './stage';

export interface RunningPipeline {
  runtime: ServiceRuntime;
  app: INestApplication;
  healthPort: number | null;
  stop(): Promise<void>;
}

/**
 * Starts the given stages as one NestJS application: HTTP for /health and /metrics, and an Avro Kafka
 * microservice transport for the consumers. One stage per process in production (scale a stage by starting
 * another process: it joins the same consumer group), all of them in one process for quickstart and tests.
 */
export async function runStages(
  service: string,
  names: readonly StageName[],
  options: { config?: Readonly<AppConfig>; serveHealth?: boolean; healthPort?: number } = {},
): Promise<RunningPipeline> {
  const config = options.config ?? loadConfig();
  const runtime = await ServiceRuntime.start(service, config);
  let app: INestApplication | undefined;
  try {
    app = await NestFactory.create(PipelineModule.forStages(runtime, names), {
      logger: new PinoNestLogger(runtime.logger),
      abortOnError: false,
    });
    app.useGlobalFilters(new RethrowRpcFilter());
    app.connectMicroservice(
      { strategy: new AvroKafkaTransport(runtime, CONSUMER_BINDINGS) },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
    let healthPort: number | null = null;
    if (options.serveHealth === false) {
      await app.init();
    } else {
      await app.listen(options.healthPort ?? config.HTTP_PORT);
      const address = app.getHttpServer().address() as { port: number } | null;
      healthPort = address?.port ?? null;
    }
    runtime.logger.info({ stages: names, health_port: healthPort }, 'stages started');
    const started = app;
    return { runtime, app: started, healthPort, stop: () => started.close() };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await runtime.stop();
    throw error;
  }
}

/** For a service's main.ts: run until SIGTERM/SIGINT, then hand work back and exit. */
export async function runUntilSignalled(service: string, names: readonly StageName[]): Promise<void> {
  let pipeline: RunningPipeline;
  try {
    pipeline = await runStages(service, names);
  } catch (error) {
    // Exit only once the message is out: a pipe drops what is still buffered at process.exit.
    process.stderr.write(`${service} could not start: ${(error as Error).message}\n`, () => process.exit(1));
    return;
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    pipeline.runtime.logger.info({ signal }, 'shutting down');
    pipeline.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
