// Pipeline throughput (issue 10): in one run, a deterministic job end to end (trigger → completed) with all stages in
// one process, with each stage in its own process, and with two instances of every stage, against a bare kafkajs
// chain over the same topics, partitions, record size and producer settings. Prints records/s, the ratio to the
// bare chain, peak RSS per process, database rows read per record, and each instance's share of the work.
// Every mode runs the services as child processes (the all-in-one one is apps/pipeline, runStages of every stage),
// compiled from the working tree as `npm run build` does (or through tsx with --tsx), so each RSS is a service's own.
// Figures are noisy on a shared machine: the load average is printed at the start and the end.
// Run: npx tsx bench/pipeline-throughput.bench.ts [--records 1000000] [--sizes 100000,300000,1000000]
//   [--instance-records 200000] [--instances 2] [--skip-bare] [--skip-per-process] [--skip-instances] [--tsx]
// Quick: --records 20000 --sizes 20000 --instance-records 20000
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { STAGE_NAMES } from '@vs/stages';
import { runBareChain } from './support/bare-kafka-chain';
import { benchEnvironment, type BenchEnvironment } from './support/bench-environment';
import { benchDist, buildServices } from './support/build-services';
import { mib, PeakMemory } from './support/peak-memory';
import { jobMessages, runJob, untilGroupsStable, type JobRun } from './support/pipeline-job';
import { messagesIn, startStageProcesses, stopStageProcesses, type StageProcess } from './support/stage-processes';

const { values: flags } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    sizes: { type: 'string' },
    'instance-records': { type: 'string', default: '200000' },
    instances: { type: 'string', default: '2' },
    'skip-bare': { type: 'boolean', default: false },
    'skip-per-process': { type: 'boolean', default: false },
    'skip-instances': { type: 'boolean', default: false },
    tsx: { type: 'boolean', default: false },
  },
});
const records = Number(flags.records);
const sizes = (flags.sizes ?? flags.records).split(',').map(Number);
const instanceRecords = Number(flags['instance-records']);
const instances = Number(flags.instances);
const build = flags.tsx ? 'tsx' : 'compiled';
/** A small first job: warms the pipeline up and shows what a record weighs on the wire. */
const CALIBRATION_RECORDS = 2_000;
const FALLBACK_RECORD_BYTES = 923;

interface Row {
  mode: string;
  run: JobRun | { records: number; seconds: number; accepted: number; rejected: number };
  peaks: string;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function describePeaks(processes: readonly StageProcess[], peaks: Map<number, number>): string {
  return processes.map((p) => `${p.stage}#${p.instance} ${mib(peaks.get(p.child.pid!) ?? 0)}`).join(', ');
}

/** Mean encoded value size of the calibration job's generated and accepted records. */
async function calibrate(bench: BenchEnvironment): Promise<number> {
  const run = await runJob(bench, CALIBRATION_RECORDS);
  const sizes = [
    ...(await jobMessages(bench, 'recordsGenerated', run.jobId, run.records)),
    ...(await jobMessages(bench, 'recordsAccepted', run.jobId, run.accepted)),
  ].map((m) => m.value?.length ?? 0);
  const recordBytes = sizes.length > 0 ? Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length) : 0;
  console.log(
    `calibration job: ${run.records} records in ${run.seconds.toFixed(1)} s, accepted ${run.accepted}, rejected ${run.rejected}; mean encoded record ${recordBytes} bytes over ${sizes.length} messages`,
  );
  return recordBytes || FALLBACK_RECORD_BYTES;
}

interface Mode {
  name: string;
  apps: readonly string[];
  instances: number;
  sizes: readonly number[];
}

/** Starts the mode's processes, runs a job of each size through them, prints figures; the calibration job first if asked. */
async function measure(bench: BenchEnvironment, mode: Mode, rows: Row[], calibration = false) {
  const processes = await startStageProcesses(bench.env, mode.apps, mode.instances, build);
  try {
    await untilGroupsStable(bench, mode.instances);
    const calibrated = calibration ? await calibrate(bench) : undefined;
    for (const size of mode.sizes) {
      const before = await Promise.all(processes.map(messagesIn));
      const memory = new PeakMemory(processes.map((p) => p.child.pid!));
      const run = await runJob(bench, size);
      const peaks = describePeaks(processes, memory.stop());
      const after = await Promise.all(processes.map(messagesIn));
      rows.push({ mode: mode.name, run, peaks });
      console.log(
        `${mode.name}: ${size} records  ${run.seconds.toFixed(1)} s  ${(size / run.seconds).toFixed(0)} records/s  accepted ${run.accepted} rejected ${run.rejected}  database rows read ${run.rowsRead} (${(run.rowsRead / size).toFixed(1)} per record)`,
      );
      const tables = run.tablesRead.map((t) => `${t.table} ${(t.rows / size).toFixed(1)}`).join(', ');
      console.log(`  rows read per record by table: ${tables}`);
      console.log(`  peak RSS: ${peaks}`);
      if (mode.instances > 1) {
        printShares(processes, before, after);
        await printDuplicates(bench, run);
      }
    }
    return calibrated;
  } finally {
    await stopStageProcesses(processes);
  }
}

/** Each instance's share of the messages its consumer groups took during the job. */
function printShares(processes: readonly StageProcess[], before: Map<string, number>[], after: Map<string, number>[]) {
  const consumers = new Set(after.flatMap((counts) => [...counts.keys()]));
  for (const consumer of [...consumers].sort()) {
    // An instance that took none of it has no such series yet: list every instance of the app that consumes it.
    const apps = new Set(processes.filter((_, i) => after[i]!.has(consumer)).map((p) => p.stage));
    const taken = processes
      .map((p, i) => ({ p, n: (after[i]!.get(consumer) ?? 0) - (before[i]!.get(consumer) ?? 0) }))
      .filter(({ p }) => apps.has(p.stage));
    const total = taken.reduce((sum, { n }) => sum + n, 0);
    const shares = taken
      .map(({ p, n }) => `#${p.instance} ${n} (${total > 0 ? ((100 * n) / total).toFixed(0) : 0}%)`)
      .join('  ');
    console.log(`  ${consumer.padEnd(22)} ${String(total).padStart(8)} messages  ${shares}`);
  }
}

async function printDuplicates(bench: BenchEnvironment, run: JobRun) {
  const accepted = await jobMessages(bench, 'recordsAccepted', run.jobId, run.accepted);
  const ids = new Set(accepted.map((m) => m.headers?.['x-record-id']?.toString()));
  const [stored] = await bench.db.query<{ n: number; distinct: number }>(
    'SELECT count(*)::int AS n, count(DISTINCT record_id)::int AS distinct FROM job_accepted_records WHERE job_id = $1',
    [run.jobId],
  );
  const exact = run.accepted + run.rejected === run.records;
  console.log(
    `  counts: accepted ${run.accepted} + rejected ${run.rejected} = ${run.accepted + run.rejected} of ${run.records} (${exact ? 'exact' : 'NOT EXACT'}); accepted topic (read-committed) ${accepted.length} messages, ${ids.size} distinct record ids (${accepted.length - ids.size} duplicates); job_accepted_records ${stored!.n} rows, ${stored!.distinct} distinct`,
  );
}

function printTable(rows: Row[], bare: number | null) {
  console.log('');
  console.log(
    `${'mode'.padEnd(40)} ${'records'.padStart(9)} ${'seconds'.padStart(8)} ${'records/s'.padStart(10)} ${'ratio'.padStart(6)} ${'accepted'.padStart(9)} ${'rejected'.padStart(9)} ${'rows/rec'.padStart(8)}  peak RSS per process`,
  );
  for (const { mode, run, peaks } of rows) {
    const rate = run.records / run.seconds;
    const rowsRead = 'rowsRead' in run ? (run.rowsRead / run.records).toFixed(1) : '-';
    console.log(
      `${mode.padEnd(40)} ${String(run.records).padStart(9)} ${run.seconds.toFixed(1).padStart(8)} ${rate.toFixed(0).padStart(10)} ${(bare ? (rate / bare).toFixed(2) : '-').padStart(6)} ${String(run.accepted).padStart(9)} ${String(run.rejected).padStart(9)} ${rowsRead.padStart(8)}  ${peaks}`,
    );
  }
}

async function main(): Promise<void> {
  console.log(`load average at start: ${load()}`);
  if (build === 'compiled') {
    const seconds = await buildServices(['pipeline', ...STAGE_NAMES]);
    console.log(`services compiled from the working tree into ${benchDist} in ${seconds.toFixed(1)} s`);
  }
  const bench = await benchEnvironment('throughput');
  const rows: Row[] = [];
  let bare: number | null = null;
  try {
    const allInOne = { name: `all stages, one process (${build})`, apps: ['pipeline'], instances: 1, sizes };
    const recordBytes = (await measure(bench, allInOne, rows, true))!;
    // The chain rejects the share the real jobs rejected (a small job may reject none), so its rejected hop carries work too.
    const rejectedShare =
      rows.reduce((sum, { run }) => sum + run.rejected, 0) / rows.reduce((sum, { run }) => sum + run.records, 0);
    if (!flags['skip-bare']) {
      const run = await runBareChain({
        brokers: bench.config.KAFKA_BROKERS,
        partitions: bench.config.KAFKA_TOPIC_PARTITIONS,
        records,
        recordBytes,
        rejectedShare,
      });
      bare = run.records / run.seconds;
      rows.unshift({ mode: `bare kafkajs chain (${recordBytes} B records)`, run, peaks: '(in the bench process)' });
      console.log(
        `bare kafkajs chain: ${records} records of ${recordBytes} bytes  ${run.seconds.toFixed(1)} s  ${bare.toFixed(0)} records/s`,
      );
    }
    const stages = STAGE_NAMES;
    if (!flags['skip-per-process'])
      await measure(
        bench,
        { name: `each stage its own process (${build})`, apps: stages, instances: 1, sizes: [records] },
        rows,
      );
    if (!flags['skip-instances'])
      await measure(
        bench,
        { name: `${instances} instances of every stage`, apps: stages, instances, sizes: [instanceRecords] },
        rows,
      );
    printTable(rows, bare);
  } finally {
    await bench.close();
    console.log(`load average at end: ${load()}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
