import {
  FIELD_TYPES,
  RECORD_RULE_KINDS,
  recordSchemaSchema,
  type ExemplarRef,
  type PromptPack,
  type RecordFields,
  type RecordSchema,
} from '@vs/contracts';
import { recordId } from '@vs/domain';
import { DeterministicEngine } from '@vs/engines';

type Json = Record<string, unknown>;
interface Message {
  role?: string;
  content?: string;
}

const engine = new DeterministicEngine();

/** The string branch of an optional property (`anyOf: [{type: string, ...}, {type: null}]`), or the property. */
function present(property: Json): Json {
  return ((property.anyOf as Json[] | undefined) ?? []).find((s) => s.type !== 'null') ?? property;
}

// Every request of a pack repeats the same system prompt and schema: read once, so the fake's own work stays out
// of the latency benches measure (it runs in their process).
const schemas = new Map<string, RecordSchema | null>();

function recordSchemaOf(system: string, jsonSchema: Json): RecordSchema | null {
  const key = `${system}\u0000${JSON.stringify(jsonSchema)}`;
  if (!schemas.has(key)) {
    if (schemas.size >= 64) schemas.delete(schemas.keys().next().value!);
    schemas.set(key, readRecordSchema(system, jsonSchema));
  }
  return schemas.get(key)!;
}

/** The record schema the prompt describes: types and hints from its field lines, constraints from its JSON schema. */
function readRecordSchema(system: string, jsonSchema: Json): RecordSchema | null {
  const properties = (jsonSchema.properties ?? {}) as Record<string, Json>;
  const fields = [];
  for (const line of system.split('\n')) {
    const m = /^- ([a-z][a-z0-9_]*) \((\w+), (required|optional)/.exec(line);
    if (!m || !(FIELD_TYPES as readonly string[]).includes(m[2]!)) continue;
    const p = present(properties[m[1]!] ?? {});
    const constraints = Object.fromEntries(
      Object.entries({
        enum: p.enum,
        min: p.minimum,
        max: p.maximum,
        min_length: p.minLength,
        max_length: p.maxLength,
        pattern: p.pattern,
      }).filter(([, v]) => v !== undefined),
    );
    const semantic = /kind: ([\w.]+)$/.exec(line)?.[1];
    fields.push({
      name: m[1],
      type: m[2],
      required: m[3] === 'required',
      constraints,
      ...(semantic ? { semantic } : {}),
    });
  }
  const rules = system
    .split('\n')
    .map((line) => /^- rule (\w+): ([a-z0-9_, ]+) \(/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && (RECORD_RULE_KINDS as readonly string[]).includes(m[1]!))
    .map((m) => ({ rule: m[1], fields: m[2]!.split(', ') }));
  const parsed = recordSchemaSchema.safeParse({ fields, ...(rules.length > 0 ? { rules } : {}) });
  return parsed.success && fields.length > 0 ? parsed.data : null;
}

/** The exemplars the prompt shows: each user prompt followed by an assistant reply holding one record. */
function exemplarsOf(messages: Message[]): ExemplarRef[] {
  const exemplars: ExemplarRef[] = [];
  messages.forEach((m, i) => {
    if (m.role !== 'assistant' || i === 0 || messages[i - 1]?.role !== 'user') return;
    try {
      const record = (JSON.parse(m.content ?? '') as { records?: RecordFields[] }).records?.[0];
      if (record) exemplars.push({ exemplar_id: `shown-${i}`, prompt: messages[i - 1]!.content ?? '', record });
    } catch {
      // A previous (broken) reply in a correction round, not an exemplar.
    }
  });
  return exemplars;
}

/**
 * Records a capable model would write for the prompt the LLM engine sent: the same schema, locale,
 * subchapter, exemplars, rules and reference date, written by the project's offline engine. Null when
 * the request does not look like one of the engine's prompts (then the fake answers from the JSON schema).
 */
export async function realisticRecords(body: Json, count: number, jsonSchema: Json): Promise<Json[] | null> {
  const messages = (body.messages ?? []) as Message[];
  const system = messages.find((m) => m.role === 'system')?.content ?? '';
  const locale = /^Locale: ([A-Za-z0-9-]+)\./m.exec(system)?.[1];
  const schema = recordSchemaOf(system, jsonSchema);
  const batch = messages
    .map((m) => /BATCH: job=(\S+) pack=(\S+) records=(\d+)\.\./.exec(m.content ?? ''))
    .find((m) => m !== null);
  if (!locale || !schema || !batch) return null;
  // Each correction round asks again: a fresh set of ids, so the model's second answer is not its first.
  const round = messages.filter((m) => /RECORD_COUNT:/.test(m.content ?? '')).length;
  const [, jobId, packId, first] = batch;
  const subchapter = /^Subchapter: (.*) \((\S+)\)$/m.exec(system);
  const chapter = /^Chapter: (.*) \((\S+)\)$/m.exec(system);
  const exemplars = exemplarsOf(messages);
  const pack: PromptPack = {
    pack_id: packId!,
    job_id: jobId!,
    pack_index: 0,
    tenant_id: 'fake',
    locale,
    template_id: 'fake',
    template_revision: 1,
    chapter_key: chapter?.[2] ?? 'chapter',
    chapter_title: chapter?.[1] ?? 'Chapter',
    subchapter_key: subchapter?.[2] ?? 'subchapter',
    subchapter_title: subchapter?.[1] ?? 'Subchapter',
    subchapter_intent: /^Intent: (.*)$/m.exec(system)?.[1] ?? '',
    exemplars,
    record_schema: schema,
    first_record_index: Number(first),
    record_count: count,
    engine: 'deterministic',
    token_budget: null,
    reference_at: /^Reference date: (\S+)/m.exec(system)?.[1] ?? null,
    revision_exemplars: exemplars.map((e) => ({ ...e, locale, chapter_key: 'chapter', subchapter_key: 'subchapter' })),
  };
  const planned = Array.from({ length: count }, (_, i) => ({
    record_id: recordId(`${jobId}/${packId}/${round}`, 0, Number(first) + i),
    record_index: Number(first) + i,
  }));
  const outputs = await engine.generate(pack, planned);
  if (outputs.some((o) => o.fields === null)) return null;
  return outputs.map((o) => o.fields as Json);
}
