/**
 * Deterministic engine throughput on one core: records/s over the sample seed's published templates,
 * every chapter and locale, packs planned by planPromptPacks as the expander plans them.
 *
 *   npx tsx bench/deterministic-engine.bench.ts [seed.json] [--records 120000]
 *
 * The first pass warms the JIT and the per-pack plan cache (plans are learnt once per pack content, as in
 * a generator that runs a job's packs); three timed passes generate every record again from the same packs.
 */
import { DeterministicEngine } from '@vs/engines';
import { seedFileJobs } from '../libs/engines/src/deterministic/seed-packs.fixtures';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--records');
  const total = at >= 0 ? Number(args[at + 1]) : 120_000;
  const path =
    args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1)) ?? 'seeds/oracle_template_seed_db.json';
  const work = seedFileJobs(path, (jobs) => Math.ceil(total / jobs), 'bench').flatMap((job) => job.packs);
  const engine = new DeterministicEngine();
  let records = 0;
  for (const { pack, planned } of work) records += (await engine.generate(pack, planned)).length;
  // CPU time of this process as well as the wall clock, best of three passes: on a shared machine the wall
  // clock also counts the time other processes held the core, and a busy neighbour slows even CPU time.
  let best = { cpu: Infinity, wall: Infinity };
  let failed = 0;
  for (let pass = 0; pass < 3; pass++) {
    const cpuStarted = process.cpuUsage();
    const started = process.hrtime.bigint();
    failed = 0;
    for (const { pack, planned } of work)
      for (const output of await engine.generate(pack, planned)) if (output.fields === null) failed++;
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuStarted);
    best = { cpu: Math.min(best.cpu, (cpu.user + cpu.system) / 1e6), wall: Math.min(best.wall, wall) };
  }
  console.log(
    `${path}: ${records} records in ${work.length} packs; best of 3 passes: ${Math.round(records / best.cpu)} records/s ` +
      `of CPU time (${best.cpu.toFixed(2)} s), ${Math.round(records / best.wall)} records/s of wall time ` +
      `(${best.wall.toFixed(2)} s); ${failed} without fields`,
  );
}

void main();
