// Record scorer throughput and false rejections: the deterministic engine writes records for every chapter
// and locale of both seeds; the revision's scorer (as the validator compiles it) scores them. Prints
// records/s of scoring alone and the share rejected with the commonest reasons.
// Run: npx tsx bench/record-scorer.bench.ts [records per chapter and locale] (SHOW_EXAMPLES=1 prints a record per
// common reason, TEMPLATE=<id> scores one template)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedRecord, ScoredRecord } from '@vs/contracts';
import {
  chapterPlanInput,
  createRecordScorer,
  JobScoringContext,
  planPromptPacks,
  recordId,
  revisionExemplarRefs,
  scorerOptionsFor,
  type RecordScorer,
} from '@vs/domain';
import { DeterministicEngine } from '@vs/engines';
import { parseSeedFile } from '@vs/templates';

const perChapterLocale = Number(process.argv[2] ?? 500);
const root = join(__dirname, '..');
const REFERENCE_AT = '2026-12-01T10:00:00Z';

interface BenchJob {
  template_id: string;
  scorer: RecordScorer;
  newContext: () => JobScoringContext;
  records: GeneratedRecord[];
}

/** Scores every job's records with a fresh job context; returns the wall and CPU milliseconds spent scoring alone. */
function scoreAll(
  jobs: readonly BenchJob[],
  onScored?: (job: BenchJob, scored: ScoredRecord) => void,
): { wallMs: number; cpuMs: number } {
  let wallMs = 0;
  let cpuMs = 0;
  for (const job of jobs) {
    const context = job.newContext();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const scored = job.records.map((r) => job.scorer.score(r, context));
    const used = process.cpuUsage(cpu);
    wallMs += performance.now() - started;
    cpuMs += (used.user + used.system) / 1000;
    for (const s of scored) onScored?.(job, s);
  }
  return { wallMs, cpuMs };
}

async function main(): Promise<void> {
  const engine = new DeterministicEngine();
  const jobs: BenchJob[] = [];
  for (const file of ['oracle_template_seed_db.json', 'showcase_seed_db.json']) {
    const seed = parseSeedFile(readFileSync(join(root, 'seeds', file), 'utf8'));
    for (const template of seed.templates) {
      if (process.env['TEMPLATE'] && template.template_id !== process.env['TEMPLATE']) continue;
      const revision = template.revisions.find((r) => r.status === 'published') ?? template.revisions[0]!;
      // The validator's scorer, built as its RevisionScoringCache builds it.
      const scorer = createRecordScorer(scorerOptionsFor(revision));
      const revisionExemplars = revisionExemplarRefs(revision.chapters);
      for (const chapter of revision.chapters) {
        for (const locale of revision.locales) {
          const jobId = `bench-${template.template_id}-${chapter.chapter_key}-${locale}`;
          const packs = planPromptPacks({
            job: {
              job_id: jobId,
              tenant_id: 't',
              locale,
              record_count: perChapterLocale,
              engine: 'deterministic',
              token_budget: null,
              template_id: template.template_id,
              template_revision: revision.revision,
              chapter_key: chapter.chapter_key,
              subchapter_key: null,
              reference_at: REFERENCE_AT,
            },
            chapter: chapterPlanInput(chapter),
            record_schema: revision.record_schema,
            revision_exemplars: revisionExemplars,
          });
          const planned = chapter.subchapters.map((s) => ({
            subchapter_key: s.subchapter_key,
            exemplar_ids: s.exemplars.map((e) => e.exemplar_id),
          }));
          const job: BenchJob = {
            template_id: template.template_id,
            scorer,
            newContext: () => new JobScoringContext(planned, { reference_at: REFERENCE_AT }),
            records: [],
          };
          jobs.push(job);
          for (const pack of packs) {
            const records = Array.from({ length: pack.record_count }, (_, i) => ({
              record_index: pack.first_record_index + i,
              record_id: recordId(jobId, pack.pack_index, pack.first_record_index + i),
            }));
            const outputs = await engine.generate(pack, records);
            const generated: GeneratedRecord[] = outputs.map((o, i) => ({
              record_id: o.record_id,
              job_id: jobId,
              pack_id: pack.pack_id,
              record_index: records[i]!.record_index,
              fields: o.fields,
              generation_error: o.error,
              usage: o.usage,
              lineage: {
                template_id: template.template_id,
                template_revision: revision.revision,
                chapter_key: chapter.chapter_key,
                subchapter_key: pack.subchapter_key,
                exemplar_ids: pack.exemplars.map((e) => e.exemplar_id),
                job_id: jobId,
                tenant_id: 't',
                locale,
                engine: 'deterministic',
                engine_version: engine.identity().version,
              },
            }));
            job.records.push(...generated);
          }
        }
      }
    }
  }
  scoreAll(jobs); // warm-up: JIT and tinyld's model
  const perTemplate = new Map<string, { scored: number; rejected: number }>();
  const reasons = new Map<string, number>();
  const examples = new Map<string, ScoredRecord>();
  const byId = new Map(jobs.flatMap((j) => j.records.map((r) => [r.record_id, r] as const)));
  const { wallMs: ms, cpuMs } = scoreAll(jobs, (job, scored) => {
    const t = perTemplate.get(job.template_id) ?? { scored: 0, rejected: 0 };
    t.scored++;
    if (!scored.accepted) {
      t.rejected++;
      for (const reason of scored.reasons) {
        const key = reason
          .split(' (')[0]!
          .replace(/record [0-9a-f-]{36}/, 'record …')
          .slice(0, 120);
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
        if (!examples.has(key)) examples.set(key, scored);
      }
    }
    perTemplate.set(job.template_id, t);
  });
  let scoredCount = 0;
  let rejectedCount = 0;
  for (const [id, t] of perTemplate) {
    scoredCount += t.scored;
    rejectedCount += t.rejected;
    console.log(`${id}: ${t.scored} scored, ${t.rejected} rejected (${((100 * t.rejected) / t.scored).toFixed(2)}%)`);
  }
  console.log(
    `scored ${scoredCount} records in ${ms.toFixed(0)} ms: ${Math.round((scoredCount / ms) * 1000)} records/s ` +
      `(${Math.round((scoredCount / cpuMs) * 1000)} per CPU second, which other processes on the machine disturb less); ` +
      `rejected ${rejectedCount} (${((100 * rejectedCount) / scoredCount).toFixed(2)}%)`,
  );
  const top = [...reasons].sort((a, b) => b[1] - a[1]);
  for (const [reason, n] of top.slice(0, 30)) console.log(String(n).padStart(6), reason);
  // One rejected record of each of the commonest reasons (and the accepted twin of a near-duplicate), to judge them.
  if (process.env['SHOW_EXAMPLES']) {
    for (const [reason] of top.slice(0, 5)) {
      const example = examples.get(reason)!;
      console.log(`\n${reason}\n  ${example.reasons.join('\n  ')}\n  record ${JSON.stringify(example.fields)}`);
      const twin = /accepted record (\S+)/.exec(example.reasons.join(' '))?.[1];
      if (twin) console.log(`  twin   ${JSON.stringify(byId.get(twin)?.fields)}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
