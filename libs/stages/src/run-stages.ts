import { loadConfig, type AppConfig } from '@vs/config';
import { ServiceRuntime } from '@vs/pipeline';
import { startStage } from './start-stage';
import type { RunningStage, StageName } from './stage';

export interface RunningPipeline {
  runtime: ServiceRuntime;
  stages: RunningStage[];
  healthPort: number | null;
  stop(): Promise<void>;
}

/**
 * Starts the given stages on one runtime: one stage per process in production (scale a stage by starting
 * another process: it joins the same consumer group), all of them in one process for quickstart and tests.
 */
export async function runStages(
  service: string,
  names: readonly StageName[],
  options: { config?: Readonly<AppConfig>; serveHealth?: boolean } = {},
): Promise<RunningPipeline> {
  const config = options.config ?? loadConfig();
  const runtime = await ServiceRuntime.start(service, config);
  const stages: RunningStage[] = [];
  try {
    for (const name of names) stages.push(await startStage(name, runtime));
  } catch (error) {
    for (const stage of stages.reverse()) await stage.stop().catch(() => undefined);
    await runtime.stop();
    throw error;
  }
  const healthPort = options.serveHealth === false ? null : await runtime.serveHealth();
  runtime.logger.info({ stages: names }, 'stages started');
  return {
    runtime,
    stages,
    healthPort,
    async stop() {
      for (const stage of [...stages].reverse()) await stage.stop().catch((error: unknown) => runtime.logger.error({ err: error, stage: stage.name }, 'stage did not stop cleanly'));
      await runtime.stop();
    },
  };
}

/** For a service's main.ts: run until SIGTERM/SIGINT, then hand work back and exit. */
export async function runUntilSignalled(service: string, names: readonly StageName[]): Promise<void> {
  let pipeline: RunningPipeline;
  try {
    pipeline = await runStages(service, names);
  } catch (error) {
    console.error(`${service} could not start: ${(error as Error).message}`);
    process.exit(1);
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
