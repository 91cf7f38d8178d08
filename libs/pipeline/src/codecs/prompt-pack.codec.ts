import type { PromptPack, RecordFields, RecordSchema, TargetSurface } from '@vs/contracts';

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

interface PromptPackValue extends Omit<RoutedPromptPack, 'exemplars' | 'record_schema'> {
  exemplars: { exemplar_id: string; prompt: string; record_json: string }[];
  record_schema_json: string;
}

export function toPromptPackValue(pack: RoutedPromptPack): PromptPackValue {
  const { exemplars, record_schema, ...rest } = pack;
  return {
    ...rest,
    exemplars: exemplars.map((e) => ({
      exemplar_id: e.exemplar_id,
      prompt: e.prompt,
      record_json: JSON.stringify(e.record),
    })),
    record_schema_json: JSON.stringify(record_schema),
  };
}

export function fromPromptPackValue(value: PromptPackValue): RoutedPromptPack {
  const { exemplars, record_schema_json, ...rest } = value;
  return {
    ...rest,
    token_budget: rest.token_budget === null ? null : Number(rest.token_budget),
    exemplars: exemplars.map((e) => ({
      exemplar_id: e.exemplar_id,
      prompt: e.prompt,
      record: JSON.parse(e.record_json) as RecordFields,
    })),
    record_schema: JSON.parse(record_schema_json) as RecordSchema,
  };
}
