import { InvalidInputError } from '@vs/contracts';
import { checkRecordRules, compileRecordValidator, sanitiseAvroName } from '@vs/domain';
import { seedFileSchema, type SeedFile, type SeedRevision } from './seed.schema';
import { scanJsonLiterals } from './json-literal.scanner';
import { formatPath, zodIssuesToInputIssues, type InputIssue } from './zod-issues';

function duplicates<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  at: (index: number) => string,
  what: string,
): InputIssue[] {
  const seen = new Set<string>();
  const issues: InputIssue[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (seen.has(key))
      issues.push({
        field: at(index),
        problem: `duplicate ${what} "${key}"`,
        accepted: `a ${what} unique in its list`,
      });
    seen.add(key);
  });
  return issues;
}

/** The largest seed file the importer reads: far above any curated taxonomy, far below what hurts a process. */
export const MAX_SEED_FILE_BYTES = 20 * 1024 * 1024;
/**
 * The largest exemplar record (as JSON). Prompt packs carry their exemplars over Kafka, whose
 * default message limit is 1 MB; three exemplars and the revision's schema must fit with room to spare.
 */
export const MAX_EXEMPLAR_BYTES = 32 * 1024;

/**
 * The name a template's records take in Avro and in the analytics sandbox. Template ids that differ
 * only where this mapping folds them ("adv-coll" and "adv_coll") would share one record type and one
 * table, so the importer refuses the second.
 */
export function templateStorageName(templateId: string): string {
  return sanitiseAvroName(templateId.toLowerCase());
}

/** Template ids (of one file) whose Avro and table names collide with an earlier id's. */
function storageNameCollisions(templateIds: readonly string[]): InputIssue[] {
  const firstByName = new Map<string, string>();
  const issues: InputIssue[] = [];
  templateIds.forEach((id, i) => {
    const name = templateStorageName(id);
    const earlier = firstByName.get(name);
    if (earlier !== undefined && earlier !== id) {
      issues.push({
        field: `templates[${i}].template_id`,
        problem: `"${id}" would share the Avro record type and sandbox table "${name}" with template "${earlier}"`,
        accepted: 'a template id that differs from every other in more than "-" versus "_"',
      });
    }
    if (earlier === undefined) firstByName.set(name, id);
  });
  return issues;
}

/** Checks the structure cannot express: unique keys, exemplar locales, exemplar records against the schema. */
function crossCheckRevision(revision: SeedRevision, at: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const validator = compileRecordValidator(revision.record_schema);
  const exemplars = revision.chapters.flatMap((c, ci) =>
    c.subchapters.flatMap((s, si) =>
      s.exemplars.map((e, ei) => ({ e, path: `${at}.chapters[${ci}].subchapters[${si}].exemplars[${ei}]` })),
    ),
  );
  issues.push(
    ...duplicates(
      revision.chapters,
      (c) => c.chapter_key,
      (i) => `${at}.chapters[${i}].chapter_key`,
      'chapter_key',
    ),
  );
  revision.chapters.forEach((chapter, ci) => {
    issues.push(
      ...duplicates(
        chapter.subchapters,
        (s) => s.subchapter_key,
        (i) => `${at}.chapters[${ci}].subchapters[${i}].subchapter_key`,
        'subchapter_key',
      ),
    );
  });
  // Exemplar ids are unique across the whole revision: lineage names them without their subchapter.
  issues.push(
    ...duplicates(
      exemplars,
      (x) => x.e.exemplar_id,
      (i) => `${exemplars[i]!.path}.exemplar_id`,
      'exemplar_id',
    ),
  );
  for (const { e, path } of exemplars) {
    const bytes = Buffer.byteLength(JSON.stringify(e.record));
    if (bytes > MAX_EXEMPLAR_BYTES) {
      issues.push({
        field: `${path}.record`,
        problem: `is ${bytes} bytes of JSON, over the ${MAX_EXEMPLAR_BYTES}-byte limit (prompt packs carry exemplars over Kafka)`,
        accepted: 'a shorter exemplar: an exemplar shows the shape of a record, it is not a data set',
      });
      continue;
    }
    if (!revision.locales.includes(e.locale)) {
      issues.push({
        field: `${path}.locale`,
        problem: `"${e.locale}" is not one of the revision's locales`,
        accepted: revision.locales.join(' | '),
      });
    }
    const result = validator.validate(e.record);
    for (const line of result.errors) {
      const [where, ...rest] = line.split(': ');
      const field = where === '(record)' ? `${path}.record` : `${path}.record.${where}`;
      issues.push({ field, problem: rest.join(': ') });
    }
    // Exemplars teach the engine and the validator: one that breaks a declared rule would teach both wrong.
    if (result.ok) {
      for (const v of checkRecordRules(revision.record_schema.rules, e.record, e.locale)) {
        const index = revision.record_schema.rules!.indexOf(v.rule);
        issues.push({
          field: `${path}.record.${v.field}`,
          problem: v.message,
          accepted: `a record that keeps ${at}.record_schema.rules[${index}] (${v.rule.rule} ${v.rule.fields.join(', ')})`,
        });
      }
    }
  }
  return issues;
}

/** Seeds nest about ten levels (templates, revisions, chapters, subchapters, exemplars, records). */
const MAX_SEED_DEPTH = 64;

/** What JSON.parse would hide: a key written twice (the first value silently dropped), a __proto__ key, absurd nesting. */
function checkSeedLiterals(text: string): void {
  const scan = scanJsonLiterals(text, MAX_SEED_DEPTH);
  const issues: InputIssue[] = [];
  if (scan.tooDeep)
    issues.push({
      field: '(file)',
      problem: `nests deeper than ${MAX_SEED_DEPTH} levels`,
      accepted: 'the seed format of seeds/README.md',
    });
  if (scan.duplicateKey)
    issues.push({
      field: formatPath(scan.duplicateKey),
      problem: 'is written more than once in the same object (a JSON reader keeps only the last)',
      accepted: 'each key once',
    });
  if (scan.prototypeKey)
    issues.push({
      field: formatPath(scan.prototypeKey),
      problem: 'is named __proto__, which is no field of a seed',
      accepted: 'the fields of seeds/README.md',
    });
  if (issues.length > 0) throw new InvalidInputError(`seed file has ${issues.length} problem(s)`, issues);
}

/**
 * Parses and checks a seed file completely before anything touches the database. Throws
 * InvalidInputError listing every problem by its JSON path.
 */
export function parseSeedFile(text: string): SeedFile {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_SEED_FILE_BYTES) {
    throw new InvalidInputError('seed file too large', [
      {
        field: '(file)',
        problem: `is ${bytes} bytes, over the ${MAX_SEED_FILE_BYTES}-byte limit`,
        accepted: 'a seed file of at most 20 MiB; split a larger taxonomy into several files',
      },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError('seed file is not valid JSON', [
      { field: '(file)', problem: (error as Error).message, accepted: 'a JSON document (see seeds/README.md)' },
    ]);
  }
  checkSeedLiterals(text);
  const parsed = seedFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = zodIssuesToInputIssues(parsed.error);
    throw new InvalidInputError(`seed file has ${issues.length} problem(s)`, issues);
  }
  const seed = parsed.data;
  const issues = duplicates(
    seed.templates,
    (t) => t.template_id,
    (i) => `templates[${i}].template_id`,
    'template_id',
  );
  issues.push(...storageNameCollisions(seed.templates.map((t) => t.template_id)));
  seed.templates.forEach((template, ti) => {
    issues.push(
      ...duplicates(
        template.revisions,
        (r) => String(r.revision),
        (i) => `templates[${ti}].revisions[${i}].revision`,
        'revision',
      ),
    );
    template.revisions.forEach((revision, ri) =>
      issues.push(...crossCheckRevision(revision, formatPath(['templates', ti, 'revisions', ri]))),
    );
  });
  if (issues.length > 0) throw new InvalidInputError(`seed file has ${issues.length} problem(s)`, issues);
  return seed;
}
