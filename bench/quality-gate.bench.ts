// Quality gate: scores the hand-labelled records of test/fixtures/labelled-records/ with the validator's scorer
// (built per revision as the validator's RevisionScoringCache builds it, one job context per group) and prints
// precision and recall of rejection, recall per class, the false positives and negatives, and which checks
// rejected. Run: npx tsx bench/quality-gate.bench.ts [records.jsonl] [seed.json ...]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reasonCheck, type GeneratedRecord, type RecordFields } from '@vs/contracts';
import { createRecordScorer, JobScoringContext, scorerOptionsFor, type RecordScorer } from '@vs/domain';
import { seedFileSchema, type SeedRevision } from '@vs/templates';

/** The labelled set's dates are written relative to this instant; every job is given it as its reference. */
const REFERENCE_AT = '2025-06-01T00:00:00Z';

const root = join(__dirname, '..');
const [recordsPath = join(root, 'test/fixtures/labelled-records/labelled-records.jsonl'), ...seedArgs] =
  process.argv.slice(2);
const seedPaths =
  seedArgs.length > 0
    ? seedArgs
    : [join(root, 'seeds/oracle_template_seed_db.json'), join(root, 'seeds/showcase_seed_db.json')];

interface LabelledRecord {
  id: string;
  group?: string;
  template_id: string;
  template_revision: number;
  chapter_key: string;
  subchapter_key: string;
  locale: string;
  label: 'good' | 'broken';
  class: string | null;
  note: string;
  fields: RecordFields;
}

/**
 * The one place that knows the scorer's options: what RevisionScoringCache.load passes for a revision, and
 * what its contextFor gives a job. Adapt here when createRecordScorer or JobScoringContext change.
 */
function scoringFor(revision: SeedRevision): {
  scorer: RecordScorer;
  contextFor(chapterKey: string): JobScoringContext;
} {
  const scorer = createRecordScorer(scorerOptionsFor(revision));
  return {
    scorer,
    contextFor(chapterKey) {
      const chapter = revision.chapters.find((c) => c.chapter_key === chapterKey);
      const planned = (chapter?.subchapters ?? []).map((s) => ({
        subchapter_key: s.subchapter_key,
        exemplar_ids: s.exemplars.map((e) => e.exemplar_id),
      }));
      return new JobScoringContext(planned, { reference_at: REFERENCE_AT });
    },
  };
}

const revisions = new Map<string, SeedRevision>();
for (const path of seedPaths) {
  const seed = seedFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  for (const t of seed.templates) for (const r of t.revisions) revisions.set(`${t.template_id}@${r.revision}`, r);
}
const records: LabelledRecord[] = readFileSync(recordsPath, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as LabelledRecord);

const scorings = new Map<string, ReturnType<typeof scoringFor>>();
const jobs = new Map<string, JobScoringContext>();

interface Outcome {
  record: LabelledRecord;
  accepted: boolean;
  reasons: string[];
}

const started = performance.now();
const outcomes: Outcome[] = records.map((r, index) => {
  const key = `${r.template_id}@${r.template_revision}`;
  const revision = revisions.get(key);
  if (!revision) throw new Error(`${r.id}: no revision ${key} in ${seedPaths.join(', ')}`);
  let scoring = scorings.get(key);
  if (!scoring) scorings.set(key, (scoring = scoringFor(revision)));
  // A group is one job, fed in file order; every other record is a job of its own.
  const jobId = r.group ?? `job-${r.id}`;
  let job = jobs.get(jobId);
  if (!job) jobs.set(jobId, (job = scoring.contextFor(r.chapter_key)));
  const subchapter = revision.chapters
    .find((c) => c.chapter_key === r.chapter_key)
    ?.subchapters.find((s) => s.subchapter_key === r.subchapter_key);
  const local = subchapter?.exemplars.filter((e) => e.locale === r.locale) ?? [];
  const generated: GeneratedRecord = {
    record_id: r.id,
    job_id: jobId,
    pack_id: `${jobId}-pack`,
    record_index: index,
    lineage: {
      template_id: r.template_id,
      template_revision: r.template_revision,
      chapter_key: r.chapter_key,
      subchapter_key: r.subchapter_key,
      exemplar_ids: (local.length > 0 ? local : (subchapter?.exemplars ?? [])).map((e) => e.exemplar_id),
      job_id: jobId,
      tenant_id: 'bench',
      locale: r.locale,
      engine: 'labelled',
      engine_version: '1',
    },
    fields: r.fields,
    generation_error: null,
    usage: { prompt_tokens: 0, completion_tokens: 0 },
  };
  const scored = scoring.scorer.score(generated, job);
  return { record: r, accepted: scored.accepted, reasons: scored.reasons };
});
const elapsedMs = performance.now() - started;

const pct = (n: number, d: number) => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const broken = outcomes.filter((o) => o.record.label === 'broken');
const good = outcomes.filter((o) => o.record.label === 'good');
const truePositives = broken.filter((o) => !o.accepted).length;
const falsePositives = good.filter((o) => !o.accepted);
const precision = truePositives / Math.max(1, truePositives + falsePositives.length);
const recall = truePositives / Math.max(1, broken.length);

console.log(`quality gate on ${records.length} labelled records (${good.length} good, ${broken.length} broken)`);
console.log(`reference instant ${REFERENCE_AT}; ${jobs.size} jobs; scored in ${elapsedMs.toFixed(0)} ms`);
console.log(`\nprecision of rejection ${precision.toFixed(3)}   recall of rejection ${recall.toFixed(3)}`);
console.log(
  `good rejected ${falsePositives.length}/${good.length}   broken accepted ${broken.length - truePositives}/${broken.length}`,
);

console.log('\nrecall per class');
const classes = [...new Set(broken.map((o) => o.record.class ?? '(none)'))].sort();
for (const cls of classes) {
  const of = broken.filter((o) => o.record.class === cls);
  const caught = of.filter((o) => !o.accepted).length;
  console.log(
    `  ${cls.padEnd(24)} ${String(caught).padStart(3)}/${String(of.length).padEnd(3)} ${pct(caught, of.length)}`,
  );
}

console.log('\nper template: good rejected, broken caught');
for (const template of [...new Set(records.map((r) => r.template_id))]) {
  const g = good.filter((o) => o.record.template_id === template);
  const b = broken.filter((o) => o.record.template_id === template);
  const caught = b.filter((o) => !o.accepted).length;
  console.log(
    `  ${template.padEnd(32)} ${String(g.length - g.filter((o) => o.accepted).length).padStart(3)}/${String(g.length).padEnd(3)}  ${String(caught).padStart(3)}/${String(b.length).padEnd(3)} ${pct(caught, b.length)}`,
  );
}

console.log(`\nfalse positives (good records rejected): ${falsePositives.length}`);
for (const o of falsePositives) console.log(`  ${o.record.id}: ${o.reasons.join(' | ')}`);

console.log('\nfalse negatives (broken records accepted), by class');
for (const cls of classes) {
  const missed = broken.filter((o) => o.record.class === cls && o.accepted);
  if (missed.length === 0) continue;
  console.log(`  ${cls} (${missed.length})`);
  for (const o of missed) {
    const soft = o.reasons.length === 0 ? '' : ` [reasons: ${o.reasons.join(' | ')}]`;
    console.log(`    ${o.record.id}: ${o.record.note}${soft}`);
  }
}

console.log('\nrejecting reasons by check (records with at least one reason of the check, among rejected ones)');
const byCheck = new Map<string, { broken: number; good: number }>();
for (const o of outcomes.filter((x) => !x.accepted)) {
  for (const check of new Set(o.reasons.map((reason) => reasonCheck(reason) ?? '(unnamed)'))) {
    const entry = byCheck.get(check) ?? { broken: 0, good: 0 };
    entry[o.record.label] += 1;
    byCheck.set(check, entry);
  }
}
console.log(`  ${'check'.padEnd(20)} broken  good`);
for (const [check, n] of [...byCheck].sort((a, b) => b[1].broken + b[1].good - (a[1].broken + a[1].good))) {
  console.log(`  ${check.padEnd(20)} ${String(n.broken).padStart(6)} ${String(n.good).padStart(5)}`);
}
