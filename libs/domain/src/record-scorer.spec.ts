import { describe, expect, it } from 'vitest';
import { recordSchemaSchema, type GeneratedRecord, type RecordFields } from '@vs/contracts';
import { JobScoringContext } from './job-scoring.context';
import type { ScoringExemplar } from './realism.checks';
import { createRecordScorer } from './record-scorer';

const schema = recordSchemaSchema.parse({
  fields: [
    { name: 'name', type: 'string' },
    { name: 'contact', type: 'string', semantic: 'internet.email' },
    { name: 'phone', type: 'phone', required: false },
    { name: 'price', type: 'number', constraints: { min: 0 } },
    { name: 'description', type: 'text' },
  ],
});
const exemplars: ScoringExemplar[] = [
  {
    exemplar_id: 'e1',
    locale: 'de-DE',
    record: {
      name: 'Anna',
      contact: 'a@example.de',
      phone: '+49 30 123456',
      price: 10,
      description: 'Ein robuster Wasserkocher aus Stahl',
    },
  },
  {
    exemplar_id: 'e2',
    locale: 'de-DE',
    record: {
      name: 'Ben',
      contact: 'b@example.de',
      phone: null,
      price: 30,
      description: 'Eine leise Kaffeemühle für jeden Morgen',
    },
  },
  {
    exemplar_id: 'e3',
    locale: 'ja-JP',
    record: {
      name: '佐藤',
      contact: 's@example.jp',
      phone: null,
      price: 20,
      description: '毎朝使える静かなコーヒーミル',
    },
  },
];
const good: RecordFields = {
  name: 'Clara',
  contact: 'clara@example.de',
  phone: '030 987654',
  price: 22.5,
  description: 'Ein neuer Toaster mit breiten Schlitzen',
};

let next = 0;
function record(
  fields: RecordFields | null,
  overrides: Partial<GeneratedRecord['lineage']> = {},
  error: string | null = null,
): GeneratedRecord {
  const id = `rec-${next++}`;
  return {
    record_id: id,
    job_id: 'job',
    pack_id: 'pack',
    record_index: next,
    fields,
    generation_error: error,
    usage: { prompt_tokens: 0, completion_tokens: 0 },
    lineage: {
      template_id: 't',
      template_revision: 1,
      chapter_key: 'c',
      subchapter_key: 'kitchen',
      exemplar_ids: ['e1', 'e2'],
      job_id: 'job',
      tenant_id: 'tenant',
      locale: 'de-DE',
      engine: 'deterministic',
      engine_version: 'deterministic/1',
      ...overrides,
    },
  };
}

function setup(thresholds = {}) {
  const scorer = createRecordScorer({ record_schema: schema, exemplars, thresholds });
  const job = new JobScoringContext([
    { subchapter_key: 'kitchen', exemplar_ids: ['e1', 'e2', 'e3'] },
    { subchapter_key: 'garden', exemplar_ids: [] },
  ]);
  return { scorer, job };
}

describe(createRecordScorer.name, () => {
  it('accepts a complete, plausible, in-plan record with full scores and no reasons', () => {
    const { scorer, job } = setup();
    const scored = scorer.score(record(good), job);
    expect(scored).toMatchObject({
      accepted: true,
      reasons: [],
      scores: { completeness: 1, realism: 1, chapter_coverage: 1 },
    });
    expect(scored.record_id).toMatch(/^rec-/);
  });

  it('rejects a record with a generation error, naming the error', () => {
    const { scorer, job } = setup();
    const scored = scorer.score(record(null, {}, 'rate limited'), job);
    expect(scored.accepted).toBe(false);
    expect(scored.reasons).toEqual(['generation_error: rate limited']);
  });

  it('rejects a schema violation with the validator errors as reasons', () => {
    const { scorer, job } = setup();
    const scored = scorer.score(record({ ...good, price: -1, extra: 'x' }), job);
    expect(scored.accepted).toBe(false);
    expect(scored.reasons.some((r) => r.startsWith('price:'))).toBe(true);
    expect(scored.reasons.join()).toContain('extra');
  });

  it('scores completeness as the share of fields present and non-empty', () => {
    const { scorer, job } = setup();
    const scored = scorer.score(record({ ...good, phone: null, description: '  ' }), job);
    expect(scored.scores.completeness).toBe(0.6);
    expect(scored.reasons).toContain('completeness: 0.6 below threshold 0.8');
    expect(scored.accepted).toBe(false);
  });

  it('penalises implausible formats, naming the field', () => {
    const { scorer, job } = setup();
    const scored = scorer.score(record({ ...good, contact: 'clara at home', phone: 'call me' }), job);
    expect(scored.reasons).toEqual(
      expect.arrayContaining(['contact: not a plausible email', 'phone: not a plausible phone']),
    );
    expect(scored.scores.realism).toBeCloseTo(0.2);
    expect(scored.accepted).toBe(false);
  });

  it('penalises numbers outside the widened exemplar range but keeps a single stretch acceptable', () => {
    const { scorer, job } = setup();
    const scored = scorer.score(record({ ...good, price: 80 }), job);
    expect(scored.reasons).toEqual(['price: 80 outside exemplar range 5..35']);
    expect(scored.scores.realism).toBe(0.8);
    expect(scored.accepted).toBe(true);
  });

  it('penalises text in the wrong script for the locale', () => {
    const { scorer, job } = setup();
    const ja = scorer.score(
      record({ ...good, name: '田中', description: 'A plain English sentence here' }, { locale: 'ja-JP' }),
      job,
    );
    expect(ja.reasons).toEqual(['description: written in latin script, ja-JP expects cjk']);
    const de = scorer.score(record({ ...good, description: '静かなトースター' }), job);
    expect(de.reasons).toEqual(['description: written in cjk script, de-DE expects latin']);
  });

  it('rejects a text value copied verbatim from an exemplar', () => {
    const { scorer, job } = setup();
    const scored = scorer.score(record({ ...good, description: 'Eine leise Kaffeemühle für jeden Morgen ' }), job);
    expect(scored.reasons).toContain('description: copied verbatim from exemplar e2');
    expect(scored.accepted).toBe(false);
  });

  it('rejects a near-duplicate of an accepted record but not the same record redelivered', () => {
    const { scorer, job } = setup();
    const first = record(good);
    expect(scorer.score(first, job).accepted).toBe(true);
    expect(scorer.score(first, job).accepted).toBe(true);
    const twin = scorer.score(
      record({ ...good, name: 'CLARA', description: 'Ein neuer Toaster, mit breiten Schlitzen!' }),
      job,
    );
    expect(twin.reasons).toContain(`(record): near-duplicate of record ${first.record_id}`);
    expect(twin.accepted).toBe(false);
  });

  it('scores chapter coverage as the record contribution to the job plan', () => {
    const { scorer, job } = setup();
    expect(scorer.score(record(good), job).scores.chapter_coverage).toBe(1);
    const stray = scorer.score(record({ ...good, name: 'Dora' }, { subchapter_key: 'attic' }), job);
    expect(stray.scores.chapter_coverage).toBe(0);
    expect(stray.reasons).toContain('lineage: subchapter attic or its exemplars are not in the job plan');
    const foreign = scorer.score(
      record({ ...good, name: 'Emil' }, { subchapter_key: 'garden', exemplar_ids: ['e1'] }),
      job,
    );
    expect(foreign.accepted).toBe(false);
    expect(job.coverage()).toEqual({ covered: 1, planned: 2 });
  });

  it('applies per-template thresholds over the defaults', () => {
    const { scorer, job } = setup({ realism: 0.9 });
    const scored = scorer.score(record({ ...good, price: 80 }), job);
    expect(scored.accepted).toBe(false);
    expect(scored.reasons).toContain('realism: 0.8 below threshold 0.9');
  });
});
