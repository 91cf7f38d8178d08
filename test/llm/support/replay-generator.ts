import type { AppConfig } from '@vs/config';
import type { OpenAiCompatibleEngine, OpenAiEngineStats } from '@vs/engines';
import { JobTokenBudget, ServiceRuntime } from '@vs/pipeline';
import { EngineRegistry, GeneratorService, stageCollaborators } from '@vs/stages';

export interface ReplayGenerator {
  /** The replay engine's counters: requests sent, cache hits. */
  stats(): OpenAiEngineStats;
  packsDone(): number;
  stop(): Promise<void>;
}

/**
 * A second generator on the same topics and database under a fresh consumer group: it is handed every prompt
 * pack again from the beginning, exactly as a redelivery after a crash or a rebalance would hand them.
 */
export async function startReplayGenerator(config: Readonly<AppConfig>, group: string): Promise<ReplayGenerator> {
  const runtime = await ServiceRuntime.start(`llm-replay-${group}`, config);
  const { output, progress, stopWatch } = await stageCollaborators(runtime);
  const budget = new JobTokenBudget(runtime.jobRows);
  const engines = new EngineRegistry(runtime.config, runtime.db, budget);
  const service = new GeneratorService(engines, budget, output, progress, stopWatch, runtime.logger);
  let packs = 0;
  const consumer = runtime.consume(group, ['promptPacks'], async (messages) => {
    await service.onPromptPacks(messages as never);
    packs += messages.length;
  });
  await consumer.start();
  return {
    stats: () => (engines.get('openai-compatible').engine as OpenAiCompatibleEngine).stats(),
    packsDone: () => packs,
    async stop() {
      await stopWatch.stop();
      await runtime.stop();
    },
  };
}
