// Short-job latency: every stage in one process, warm, on the local broker, registry and PostgreSQL. Triggers
// 100-record deterministic jobs one after another and prints trigger → completed p50, p95 and max.
// Run: npx tsx bench/job-latency.bench.ts [jobs=30] [records=100]
import { runStages, STAGE_NAMES } from '@vs/stages';
import { benchActor, benchJobRequest, benchEnvironment, quantile } from './support/bench-environment';

const jobCount = Number(process.argv[2] ?? 30);
const records = Number(process.argv[3] ?? 100);
const WARM_UP_JOBS = 3;

async function main(): Promise<void> {
  const bench = await benchEnvironment('latency');
  const pipeline = await runStages('bench-latency', STAGE_NAMES, { config: bench.config, serveHealth: false });
  try {
    const run = async (): Promise<number> => {
      const started = performance.now();
      const { job } = await bench.jobs.trigger(benchJobRequest(records, 'en-US'), benchActor);
      for (;;) {
        const [row] = await bench.db.query<{ status: string; error: string | null }>(
          'SELECT status, error FROM oracle_synthetic_generation_jobs WHERE job_id = $1',
          [job.job_id],
        );
        if (row?.status === 'completed') return performance.now() - started;
        if (row && ['failed', 'cancelled'].includes(row.status))
          throw new Error(`job ${job.job_id} ${row.status}: ${row.error}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    for (let i = 0; i < WARM_UP_JOBS; i++) await run();
    const latencies: number[] = [];
    for (let i = 0; i < jobCount; i++) latencies.push(await run());
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    console.log(
      `${jobCount} jobs of ${records} records, trigger → completed: p50 ${ms(quantile(latencies, 0.5))}  p95 ${ms(quantile(latencies, 0.95))}  min ${ms(Math.min(...latencies))}  max ${ms(Math.max(...latencies))}`,
    );
  } finally {
    await pipeline.stop();
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
