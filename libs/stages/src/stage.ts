import { JobStopWatch, ProgressReporter, StagePublisher, type ServiceRuntime } from '@vs/pipeline';

export const STAGE_NAMES = [
  'outbox-relay',
  'expander',
  'generator',
  'validator',
  'distributor',
  'status-consumer',
] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** What most stages share: their output, progress reports and the set of jobs to stop working on. */
export async function stageCollaborators(
  runtime: ServiceRuntime,
): Promise<{ output: StagePublisher; progress: ProgressReporter; stopWatch: JobStopWatch }> {
  const stopWatch = new JobStopWatch(runtime.jobRows, runtime.logger);
  await stopWatch.start();
  return {
    output: new StagePublisher(runtime.publisher, runtime.topics, runtime.metrics),
    progress: new ProgressReporter(runtime.publisher, runtime.topics),
    stopWatch,
  };
}
