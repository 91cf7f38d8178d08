import type { PromptPack, RecordFields, RecordSchema, RevisionExemplarRef, TargetSurface } from '@vs/contracts';

export interface JobRequestedValue {
  job_id: string;
  tenant_id: string;
  template_id: string;
  template_revision: number;
  chapter_key: string;
  subchapter_key: string | null;
  locale: string;
  record_count: number;
  target_surface: TargetSurface;
  mode: 'production' | 'preview';
  engine: string;
  token_budget: number | null;
  requested_by: string;
  requested_at: string;
}

export interface JobCancelledValue {
  job_id: string;
  tenant_id: string;
  requested_by: string;
  requested_at: string;
}

/** A prompt pack plus what downstream stages need to route its records. */
export interface RoutedPromptPack extends PromptPack {
  target_surface: TargetSurface;
  mode: 'production' | 'preview';
}

interface ExemplarRefValue {
  exemplar_id: string;
  prompt: string;
  record_json: string;
}

interface RevisionExemplarRefValue extends ExemplarRefValue {
  locale: string;
  chapter_key: string;
  subchapter_key: string;
}

interface PromptPackValue extends Omit<
  RoutedPromptPack,
  'exemplars' | 'record_schema' | 'reference_at' | 'revision_exemplars'
> {
  exemplars: ExemplarRefValue[];
  record_schema_json: string;
  reference_at: string | null;
  revision_exemplars: RevisionExemplarRefValue[];
}

/**
 * Every pack of a job carries the same record schema and revision exemplars (the plan shares one object of
 * each): their wire form is built once and shared, instead of once per pack. A million-record job has 20,000
 * packs, and a copy of the revision's exemplars for each held the expander near 600 MB.
 */
const schemaJson = new WeakMap<RecordSchema, string>();
const revisionExemplarValues = new WeakMap<readonly RevisionExemplarRef[], RevisionExemplarRefValue[]>();

function schemaJsonOf(schema: RecordSchema): string {
  let json = schemaJson.get(schema);
  if (json === undefined) schemaJson.set(schema, (json = JSON.stringify(schema)));
  return json;
}

function revisionExemplarValuesOf(refs: readonly RevisionExemplarRef[] | undefined): RevisionExemplarRefValue[] {
  if (!refs) return [];
  let values = revisionExemplarValues.get(refs);
  if (values === undefined) {
    values = refs.map((e) => ({
      exemplar_id: e.exemplar_id,
      prompt: e.prompt,
      record_json: JSON.stringify(e.record),
      locale: e.locale,
      chapter_key: e.chapter_key,
      subchapter_key: e.subchapter_key,
    }));
    revisionExemplarValues.set(refs, values);
  }
  return values;
}

export function toPromptPackValue(pack: RoutedPromptPack): PromptPackValue {
  const { exemplars, record_schema, reference_at, revision_exemplars, ...rest } = pack;
  return {
    ...rest,
    exemplars: exemplars.map((e) => ({
      exemplar_id: e.exemplar_id,
      prompt: e.prompt,
      record_json: JSON.stringify(e.record),
    })),
    record_schema_json: schemaJsonOf(record_schema),
    reference_at: reference_at ?? null,
    revision_exemplars: revisionExemplarValuesOf(revision_exemplars),
  };
}

export function fromPromptPackValue(value: PromptPackValue): RoutedPromptPack {
  const { exemplars, record_schema_json, revision_exemplars, ...rest } = value;
  return {
    ...rest,
    revision_exemplars: (revision_exemplars ?? []).map(({ record_json, ...e }) => ({
      ...e,
      record: JSON.parse(record_json) as RecordFields,
    })),
    token_budget: rest.token_budget === null ? null : Number(rest.token_budget),
    exemplars: exemplars.map((e) => ({
      exemplar_id: e.exemplar_id,
      prompt: e.prompt,
      record: JSON.parse(e.record_json) as RecordFields,
    })),
    record_schema: JSON.parse(record_schema_json) as RecordSchema,
  };
}
