/**
 * Realism of the deterministic engine, counted the way a reader would: for every published revision of a
 * seed, one job per chapter and locale (packs planned by planPromptPacks as the expander plans them),
 * 2,000 records per template in all, and per template the share of records with each defect.
 *
 *   npx tsx bench/realism.bench.ts [seed.json …] [--samples 5]
 *
 * Every measure is written here, independently of the engine's code:
 * - email≠name: an email's local part is not made of the record's name (its ASCII words, initials or
 *   3+ letter prefixes; the Latin spelling of the name where the record has one, Han names otherwise skipped).
 * - unseen: a categorical value (enum, boolean, short recurring string) no exemplar of the subchapter shows,
 *   on fields without varies_freely.
 * - date: a past date after the reference or further back than the revision's exemplar span (+25%, +2 days,
 *   at least 32 days); a future date (semantic soon/future, preferred_/due_/scheduled_… names) before the
 *   reference day or further ahead than that span; a birth date whose age lies outside the subchapter's
 *   exemplar ages widened by 25% of their span (at least half a year each side).
 * - copy: a text whose normalised words (case, punctuation, digits, spacing removed; Intl.Segmenter words for
 *   scripts without spaces) equal an exemplar's of the same field give or take one word added, removed or replaced.
 * - lorem: a word of faker's lorem list (4+ letters) that no exemplar of the revision uses.
 * - language: tinyld names another language than the locale's for a text of 4+ words; script: the letters
 *   of a text are mostly of another script than the locale's exemplars.
 * - repeated: a text value that another record of the same job also has.
 * - number: a value outside the subchapter exemplars' range (of the locale when it has any) widened by 25%
 *   of its span each side (a single value by 25% of itself, at least 1), clamped to the schema.
 * - names another: a text that names an exemplar's person or organisation that is not the record's own.
 * - rules: a declared cross-field rule the record breaks (the shared checkRecordRules).
 */
import { allLocales } from '@faker-js/faker';
import anyAscii from 'any-ascii';
import { readFileSync } from 'node:fs';
import { detectAll } from 'tinyld';
import {
  recordSchemaSchema,
  type PromptPack,
  type RecordField,
  type RecordFields,
  type RecordSchema,
  type RevisionExemplarRef,
} from '@vs/contracts';
import {
  chapterPlanInput,
  checkRecordRules,
  createRecordScorer,
  JobScoringContext,
  planPromptPacks,
  recordId,
  revisionExemplarRefs,
  scorerOptionsFor,
} from '@vs/domain';
import { DeterministicEngine } from '@vs/engines';

const RECORDS_PER_TEMPLATE = 2000;
const REFERENCE_AT = '2025-04-01T09:30:00.000Z';
const DAY = 86_400_000;
const YEAR = 365.2425 * DAY;

interface SeedExemplar {
  exemplar_id: string;
  locale: string;
  prompt: string;
  record: RecordFields;
}
interface SeedSubchapter {
  subchapter_key: string;
  title: string;
  intent: string;
  exemplars: SeedExemplar[];
}
interface SeedChapter {
  chapter_key: string;
  title: string;
  subchapters: SeedSubchapter[];
}
interface SeedRevision {
  revision: number;
  status: string;
  locales: string[];
  record_schema: unknown;
  chapters: SeedChapter[];
}
interface SeedTemplate {
  template_id: string;
  revisions: SeedRevision[];
}

const DEFECTS = [
  'email≠name',
  'unseen',
  'date',
  'copy',
  'lorem',
  'language',
  'script',
  'repeated',
  'number',
  'names another',
  'rules',
  'rejected',
] as const;
type Defect = (typeof DEFECTS)[number];

// ---- text normalisation -------------------------------------------------------------------------

const SPACELESS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const segmenters = new Map<string, Intl.Segmenter>();

function words(text: string, locale: string): string[] {
  const plain = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[0-9]+/g, ' ');
  if (!SPACELESS.test(plain)) return plain.split(/[^\p{L}\p{M}']+/u).filter(Boolean);
  let segmenter = segmenters.get(locale);
  if (!segmenter) segmenters.set(locale, (segmenter = new Intl.Segmenter(locale, { granularity: 'word' })));
  return [...segmenter.segment(plain)].filter((s) => s.isWordLike).map((s) => s.segment);
}

function wordDistanceAtMostOne(a: readonly string[], b: readonly string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  // Strip the common prefix and suffix; what is left must be at most one word on each side.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return endA - start <= 1 && endB - start <= 1;
}

// ---- names and emails ---------------------------------------------------------------------------

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', å: 'aa', ø: 'oe' };

function nameTokens(name: string): string[] {
  const variants = [name, name.toLowerCase().replace(/[äöüßåø]/g, (c) => UMLAUTS[c]!)];
  return [
    ...new Set(
      variants.flatMap((v) =>
        anyAscii(v)
          .toLowerCase()
          .replace(/['’]/g, '')
          .split(/[^a-z]+/)
          .filter((t) => t.length > 0),
      ),
    ),
  ];
}

/** Can `chunk` be cut into name tokens, their initials and 3+ letter prefixes, one piece naming more than an initial? */
function builtFrom(chunk: string, tokens: readonly string[]): number {
  // 0: not reachable, 1: reachable with initials only, 2: reachable with a piece that names the person.
  const reach: number[] = Array<number>(chunk.length + 1).fill(0);
  reach[0] = 1;
  for (let i = 0; i < chunk.length; i++) {
    if (reach[i] === 0) continue;
    for (const token of tokens) {
      for (let len = 1; len <= token.length; len++) {
        if (!chunk.startsWith(token.slice(0, len), i)) break;
        if (len === 2 && token.length > 2) continue;
        const named = len >= 3 || (len === token.length && len > 1);
        reach[i + len] = Math.max(reach[i + len]!, named ? 2 : reach[i]!);
      }
    }
  }
  return reach[chunk.length]!;
}

function emailFitsName(email: string, name: string): boolean {
  const chunks = (email.split('@')[0] ?? '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  const tokens = nameTokens(name);
  const reached = chunks.map((c) => builtFrom(c, tokens));
  return reached.length > 0 && reached.every((r) => r > 0) && reached.some((r) => r === 2);
}

// ---- field classification (the bench's own reading of a schema) ---------------------------------

const isPersonName = (f: RecordField) =>
  f.type === 'string' &&
  (/person\.(full)?name/i.test(f.semantic ?? '') || /(^|_)(full_?name|name)$/.test(f.name)) &&
  !/company|merchant|hotel|product|vendor/i.test(f.name);
const isFuture = (f: RecordField) =>
  /soon|future/i.test(f.semantic ?? '') || /^(preferred|due|scheduled|planned|expected|next)_/.test(f.name);
const isBirth = (f: RecordField) => /birth|dob/i.test(`${f.semantic ?? ''} ${f.name}`);
const ms = (v: unknown) =>
  typeof v === 'string' ? Date.parse(/^\d{4}-\d\d-\d\d$/.test(v) ? `${v}T00:00:00Z` : v) : NaN;

function categorical(f: RecordField, revisionValues: readonly unknown[]): boolean {
  if (f.varies_freely) return false;
  if (f.type === 'enum' || f.type === 'boolean') return true;
  if (f.type !== 'string' || f.semantic || f.constraints.pattern) return false;
  const strings = revisionValues.filter((v): v is string => typeof v === 'string');
  return (
    strings.length > 0 &&
    strings.every((s) => s.length < 16 && s.split(/\s+/).length < 3) &&
    new Set(strings).size < strings.length
  );
}

function widened(values: readonly number[], field: RecordField): [number, number] | null {
  if (values.length === 0) return null;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi > lo ? (hi - lo) * 0.25 : Math.max(Math.abs(hi) * 0.25, 1);
  let min = lo >= 0 ? Math.max(0, lo - pad) : lo - pad;
  let max = hi + pad;
  if (field.constraints.min !== undefined) min = Math.max(min, field.constraints.min);
  if (field.constraints.max !== undefined) max = Math.min(max, field.constraints.max);
  return [min, max];
}

const NOT_RECORD_LANGUAGES = new Set(['la', 'tlh', 'eo', 'vo', 'ia', 'io', 'jbo']);

const LOREM = new Set(
  ((allLocales.en.lorem?.word as string[] | undefined) ?? []).filter((w) => w.length >= 4).map((w) => w.toLowerCase()),
);

function scriptOf(text: string): string | null {
  const counts = new Map<string, number>();
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    const script = /\p{Script=Latin}/u.test(ch)
      ? 'latin'
      : /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)
        ? 'cjk'
        : /\p{Script=Cyrillic}/u.test(ch)
          ? 'cyrillic'
          : /\p{Script=Hangul}/u.test(ch)
            ? 'hangul'
            : /\p{Script=Arabic}/u.test(ch)
              ? 'arabic'
              : 'other';
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

// ---- the bench ----------------------------------------------------------------------------------

interface JobContext {
  schema: RecordSchema;
  locale: string;
  revision: RevisionExemplarRef[];
  reference: number;
  /** Every word the revision's exemplars use: a lorem word among them is the operator's, not filler. */
  vocabulary: ReadonlySet<string>;
  exemplarWords: ReadonlyMap<string, string[][]>;
  /** Name and organisation words of every exemplar: a text that names one must be about that record. */
  foreign: readonly string[];
}

function jobContext(schema: RecordSchema, locale: string, revision: RevisionExemplarRef[]): JobContext {
  const vocabulary = new Set(
    revision.flatMap((e) => Object.values(e.record).flatMap((v) => (typeof v === 'string' ? words(v, locale) : []))),
  );
  const exemplarWords = new Map(
    schema.fields
      .filter((f) => f.type === 'text')
      .map((f) => [
        f.name,
        revision
          .map((e) => e.record[f.name])
          .filter((v): v is string => typeof v === 'string')
          .map((v) => words(v, locale)),
      ]),
  );
  const foreign = revision.flatMap((e) =>
    schema.fields.flatMap((x) => {
      const v = e.record[x.name];
      if (typeof v !== 'string') return [];
      // A person's name words, an organisation's brand (its first long word): words that point at one exemplar.
      if (isPersonName(x)) return v.split(/\s+/).filter((t) => t.length >= 3);
      const brand = v.split(/\s+/).find((t) => t.length >= 4);
      return /company|merchant|organi|hotel|vendor/i.test(`${x.semantic ?? ''} ${x.name}`) && brand ? [brand] : [];
    }),
  );
  return { schema, locale, revision, reference: Date.parse(REFERENCE_AT), vocabulary, exemplarWords, foreign };
}

function recordDefects(fields: RecordFields, pack: PromptPack, job: JobContext, found: Set<Defect>): void {
  const { schema, locale, revision, reference } = job;
  const subchapter = revision.filter(
    (e) => e.chapter_key === pack.chapter_key && e.subchapter_key === pack.subchapter_key,
  );
  const subLocal = subchapter.filter((e) => e.locale === locale);
  const sameLanguage = revision.filter((e) => e.locale.split('-')[0] === locale.split('-')[0]);
  const names = schema.fields.filter(isPersonName);
  const latin = names.find(
    (f) => /latin|roman|passport/i.test(`${f.name} ${f.description ?? ''}`) || f.constraints.pattern,
  );
  for (const f of schema.fields) {
    const value = fields[f.name];
    if (value === null || value === undefined) continue;
    const revisionValues = revision.map((e) => e.record[f.name]);
    if (f.type === 'email' && typeof value === 'string') {
      const source = schema.rules?.find((r) => r.rule === 'derived_from' && r.fields[0] === f.name)?.fields[1];
      const nameField = source ? schema.fields.find((x) => x.name === source) : (latin ?? names[0]);
      const name = nameField ? fields[nameField.name] : null;
      if (typeof name === 'string' && !/\p{Script=Han}/u.test(name) && !emailFitsName(value, name))
        found.add('email≠name');
    }
    if (categorical(f, revisionValues)) {
      const seen = new Set(subchapter.map((e) => e.record[f.name]));
      if (!seen.has(value)) found.add('unseen');
    }
    if ((f.type === 'date' || f.type === 'datetime') && typeof value === 'string') {
      const t = ms(value);
      const times = revisionValues.map(ms).filter(Number.isFinite);
      const span = times.length > 1 ? Math.max(...times) - Math.min(...times) : 0;
      const window = Math.max(span * 1.25, 30 * DAY) + 2 * DAY;
      if (isBirth(f)) {
        const events = schema.fields.filter((x) => (x.type === 'date' || x.type === 'datetime') && !isBirth(x));
        const ages = (subLocal.length > 0 ? subLocal : subchapter).flatMap((e) => {
          const at = events.map((x) => ms(e.record[x.name])).find(Number.isFinite);
          const born = ms(e.record[f.name]);
          return at !== undefined && Number.isFinite(born) ? [at - born] : [];
        });
        const age = reference - t;
        if (ages.length > 0) {
          const pad = Math.max((Math.max(...ages) - Math.min(...ages)) * 0.25, 0.5 * YEAR) + 45 * DAY;
          if (age < Math.min(...ages) - pad || age > Math.max(...ages) + pad) found.add('date');
        }
      } else if (isFuture(f)) {
        if (t < reference - DAY || t > reference + window) found.add('date');
      } else if (t > reference + 60_000 || t < reference - window) found.add('date');
    }
    if ((f.type === 'integer' || f.type === 'number') && typeof value === 'number') {
      const own = (subLocal.length > 0 ? subLocal : subchapter)
        .map((e) => e.record[f.name])
        .filter((v): v is number => typeof v === 'number');
      const range = widened(own, f);
      if (range && (value < range[0] - 1e-9 || value > range[1] + 1e-9)) found.add('number');
    }
    if (f.type === 'text' && typeof value === 'string') {
      const w = words(value, locale);
      const exemplarTexts = revisionValues.filter((v): v is string => typeof v === 'string');
      if (exemplarTexts.some((e) => wordDistanceAtMostOne(w, words(e, locale)))) found.add('copy');
      const vocabulary = new Set(
        revision.flatMap((e) =>
          Object.values(e.record).flatMap((v) => (typeof v === 'string' ? words(v, locale) : [])),
        ),
      );
      if (w.some((x) => LOREM.has(x) && !vocabulary.has(x))) found.add('lorem');
      if (w.length >= 4) {
        // tinyld's best guess counts only when it is clearly ahead of the locale's own language.
        const guesses = detectAll(value);
        const expected = locale.split('-')[0]!;
        const own = guesses.find((g) => g.lang === expected)?.accuracy ?? 0;
        // Latin, Klingon and other languages nobody writes records in are tinyld's noise on short texts, not a verdict.
        const best = guesses.find((g) => !NOT_RECORD_LANGUAGES.has(g.lang));
        if (best && best.lang !== expected && best.accuracy >= 2 * own) found.add('language');
      }
      const expected = scriptOf(
        sameLanguage
          .map((e) => e.record[f.name])
          .filter((v) => typeof v === 'string')
          .join(' '),
      );
      const actual = scriptOf(value);
      if (expected && actual && expected !== actual) found.add('script');
      // The record's own words are cut as the text's are: «Козлов of its own company is the text's Козлов.
      const wordsOf = (v: string) => v.split(/[^\p{L}\p{M}'’-]+/u);
      const own = new Set(Object.values(fields).flatMap((v) => (typeof v === 'string' ? wordsOf(v) : [])));
      const tokens = new Set(wordsOf(value));
      if (job.foreign.some((t) => tokens.has(t) && !own.has(t))) found.add('names another');
    }
  }
  if (checkRecordRules(schema.rules, fields, locale).length > 0) found.add('rules');
}

function balanced(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

async function benchSeed(path: string, samples: number): Promise<void> {
  const seed = JSON.parse(readFileSync(path, 'utf8')) as { templates: SeedTemplate[] };
  const engine = new DeterministicEngine();
  console.log(`\n${path}: ${RECORDS_PER_TEMPLATE} records per template, reference ${REFERENCE_AT}`);
  console.log(['template'.padEnd(30), ...DEFECTS.map((d) => d.padStart(9))].join(' '));
  const shown: RecordFields[] = [];
  for (const template of seed.templates) {
    const counts = new Map<Defect, number>(DEFECTS.map((d) => [d, 0]));
    const reasons = new Map<string, number>();
    const rejectedSamples: string[] = [];
    const examples = new Map<Defect, string>();
    let total = 0;
    for (const revision of template.revisions.filter((r) => r.status === 'published')) {
      const schema = recordSchemaSchema.parse(revision.record_schema);
      const revisionExemplars = revisionExemplarRefs(revision.chapters);
      const jobs = revision.chapters.flatMap((c) => revision.locales.map((locale) => ({ chapter: c, locale })));
      // The validator's scorer, built as the validator builds it: every exemplar with locale, subchapter and prompt.
      const scorer = createRecordScorer(scorerOptionsFor({ ...revision, record_schema: schema }));
      const shares = balanced(RECORDS_PER_TEMPLATE, jobs.length);
      for (const [j, { chapter, locale }] of jobs.entries()) {
        const jobId = `realism-${template.template_id}-${revision.revision}-${chapter.chapter_key}-${locale}`;
        const packs = planPromptPacks({
          job: {
            job_id: jobId,
            tenant_id: 'bench',
            locale,
            record_count: shares[j]!,
            engine: 'deterministic',
            token_budget: null,
            template_id: template.template_id,
            template_revision: revision.revision,
            chapter_key: chapter.chapter_key,
            subchapter_key: null,
            reference_at: REFERENCE_AT,
          },
          chapter: chapterPlanInput(chapter),
          record_schema: schema,
          revision_exemplars: revisionExemplars,
        });
        const job = jobContext(schema, locale, revisionExemplars);
        const scoring = new JobScoringContext(
          chapter.subchapters.map((s) => ({
            subchapter_key: s.subchapter_key,
            exemplar_ids: s.exemplars.map((e) => e.exemplar_id),
          })),
          { reference_at: REFERENCE_AT },
        );
        const perRecord: Array<{ fields: RecordFields; defects: Set<Defect> }> = [];
        for (const pack of packs) {
          // Packs planned before the expander passed these on still get them, as the expander does now.
          pack.reference_at ??= REFERENCE_AT;
          if (!pack.revision_exemplars?.length) pack.revision_exemplars = revisionExemplars;
          const planned = Array.from({ length: pack.record_count }, (_, i) => {
            const index = pack.first_record_index + i;
            return { record_id: recordId(pack.job_id, pack.pack_index, index), record_index: index };
          });
          for (const [i, output] of (await engine.generate(pack, planned)).entries()) {
            const defects = new Set<Defect>();
            if (output.fields === null) defects.add('rules');
            else recordDefects(output.fields, pack, job, defects);
            const scored = scorer.score(
              {
                record_id: output.record_id,
                job_id: pack.job_id,
                pack_id: pack.pack_id,
                record_index: planned[i]!.record_index,
                lineage: {
                  template_id: template.template_id,
                  template_revision: revision.revision,
                  chapter_key: chapter.chapter_key,
                  subchapter_key: pack.subchapter_key,
                  exemplar_ids: pack.exemplars.map((e) => e.exemplar_id),
                  job_id: pack.job_id,
                  tenant_id: 'bench',
                  locale,
                  engine: 'deterministic',
                  engine_version: engine.identity().version,
                },
                fields: output.fields,
                generation_error: output.error,
                usage: output.usage,
              },
              scoring,
            );
            if (!scored.accepted) {
              defects.add('rejected');
              for (const reason of scored.reasons) {
                const key = reason.replace(/[:(].*$/, '').slice(0, 60);
                reasons.set(key, (reasons.get(key) ?? 0) + 1);
              }
              if (rejectedSamples.length < 3)
                rejectedSamples.push(`${scored.reasons.join(' | ')}  ${JSON.stringify(output.fields)}`);
            }
            perRecord.push({ fields: output.fields ?? {}, defects });
            if (shown.length < samples && j === shown.length % jobs.length && output.fields) shown.push(output.fields);
          }
        }
        const textCounts = new Map<string, number>();
        for (const { fields } of perRecord)
          for (const f of schema.fields)
            if (f.type === 'text' && typeof fields[f.name] === 'string') {
              const key = `${f.name}\u0000${fields[f.name] as string}`;
              textCounts.set(key, (textCounts.get(key) ?? 0) + 1);
            }
        if (process.env.VERBOSE)
          for (const [key, n] of [...textCounts].sort((a, b) => b[1] - a[1]).slice(0, 3))
            if (n > 1) console.log(`    ${jobId}: ${n} × ${key.replace('\u0000', ': ')}`);
        for (const { fields, defects } of perRecord) {
          if (
            schema.fields.some(
              (f) => f.type === 'text' && (textCounts.get(`${f.name}\u0000${String(fields[f.name])}`) ?? 0) > 1,
            )
          )
            defects.add('repeated');
          for (const d of defects) {
            counts.set(d, counts.get(d)! + 1);
            if (!examples.has(d)) examples.set(d, JSON.stringify(fields));
          }
          total++;
        }
      }
    }
    const row = DEFECTS.map((d) => `${((100 * counts.get(d)!) / Math.max(total, 1)).toFixed(2)}%`.padStart(9));
    console.log([`${template.template_id} (${total})`.padEnd(30), ...row].join(' '));
    if (process.env.VERBOSE) {
      for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8))
        console.log(`    ${n} × ${reason}`);
      for (const sample of rejectedSamples) console.log(`    ${sample.slice(0, 600)}`);
      for (const [d, example] of examples) if (d !== 'rejected') console.log(`    e.g. ${d}: ${example.slice(0, 700)}`);
    }
  }
  for (const record of shown) console.log(JSON.stringify(record, null, 2));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const samplesAt = args.indexOf('--samples');
  const samples = samplesAt >= 0 ? Number(args[samplesAt + 1]) : 0;
  const seeds = args.filter((a, i) => !a.startsWith('--') && (samplesAt < 0 || i !== samplesAt + 1));
  const paths = seeds.length > 0 ? seeds : ['seeds/oracle_template_seed_db.json', 'seeds/showcase_seed_db.json'];
  for (const path of paths) await benchSeed(path, samples);
}

void main();
