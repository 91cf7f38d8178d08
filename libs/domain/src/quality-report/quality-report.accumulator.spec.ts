import { describe, expect, it } from 'vitest';
import type { RecordFields, RecordSchema } from '@vs/contracts';
import { QualityReportAccumulator } from './quality-report.accumulator';
import type { QualityReportPlan } from './quality-report.plan';
import { qualityReportPlan } from './quality-report.plan';
import { parseReason } from './rejection-reasons';
import { DistinctCounter, exemplarDateShift, Reservoir, SKETCH_SIZES } from './index';

const schema: RecordSchema = {
  fields: [
    { name: 'status', type: 'enum', required: true, constraints: { enum: ['open', 'closed', 'pending'] } },
    { name: 'amount', type: 'number', required: true, constraints: { min: 0, max: 100 } },
    { name: 'opened_on', type: 'date', required: true, constraints: {} },
    { name: 'ticket_id', type: 'string', required: true, constraints: { pattern: '^T-[0-9]+$' } },
    { name: 'note', type: 'text', required: false, constraints: {} },
  ],
};

const exemplars: RecordFields[] = [
  { status: 'open', amount: 10, opened_on: '2025-01-01', ticket_id: 'T-1', note: 'a' },
  { status: 'open', amount: 20, opened_on: '2025-01-11', ticket_id: 'T-2', note: 'b' },
  { status: 'closed', amount: 30, opened_on: '2025-01-21', ticket_id: 'T-3', note: 'c' },
  { status: 'closed', amount: 40, opened_on: '2025-01-31', ticket_id: 'T-4', note: 'd' },
];

const plan = (overrides: Partial<QualityReportPlan> = {}): QualityReportPlan => ({
  job_id: '00000000-0000-4000-8000-000000000001',
  template_id: 'support',
  template_revision: 1,
  chapter_key: 'tickets',
  locale: 'en-US',
  record_count: 8,
  record_schema: schema,
  subchapters: [
    { key: 'billing', title: 'Billing', planned_records: 4 },
    { key: 'login', title: 'Login', planned_records: 4 },
  ],
  exemplars,
  ...overrides,
});

const at = new Date('2026-01-01T00:00:00Z');

describe(QualityReportAccumulator.name, () => {
  it('measures categories by TV distance and adherence to the enum', () => {
    const acc = new QualityReportAccumulator(plan());
    // records: open 2, closed 1, pending 1 → shares .5/.25/.25 against exemplars .5/.5/0 → TV .25
    for (const status of ['open', 'open', 'closed', 'pending'])
      acc.addAccepted({ fields: { ...exemplars[0]!, status }, subchapter_key: 'billing' });
    const status = acc.finish(at).fields.find((f) => f.field === 'status')!;
    expect(status.kind).toBe('categorical');
    expect(status.category_adherence).toBe(1);
    expect(status.distribution).toMatchObject({ metric: 'tv_distance', distance: 0.25 });
    expect(status.categories!.map((c) => [c.value, c.record_share, c.exemplar_share])).toEqual([
      ['open', 0.5, 0.5],
      ['closed', 0.25, 0.5],
      ['pending', 0.25, 0],
    ]);
  });

  it('counts a value outside the enum against category adherence', () => {
    const acc = new QualityReportAccumulator(plan());
    acc.addAccepted({ fields: { ...exemplars[0]!, status: 'open' }, subchapter_key: 'billing' });
    acc.addAccepted({ fields: { ...exemplars[0]!, status: 'reopened' }, subchapter_key: 'billing' });
    const status = acc.finish(at).fields.find((f) => f.field === 'status')!;
    expect(status.category_adherence).toBe(0.5);
    expect(status.categories!.find((c) => c.value === 'reopened')!.in_category).toBe(false);
  });

  it('measures numbers and dates by the KS statistic and the widened exemplar span within schema bounds', () => {
    const acc = new QualityReportAccumulator(plan());
    // exemplar amounts 10..40 widen to 2.5..47.5; 60 and 90 fall outside; KS of {10,20,60,90} vs {10,20,30,40} is .5
    const days = ['2025-01-01', '2025-01-11', '2025-06-01', '2025-07-01'];
    [10, 20, 60, 90].forEach((amount, i) =>
      acc.addAccepted({ fields: { ...exemplars[0]!, amount, opened_on: days[i]! }, subchapter_key: 'login' }),
    );
    const report = acc.finish(at);
    const amount = report.fields.find((f) => f.field === 'amount')!;
    expect(amount.kind).toBe('numeric');
    expect(amount.bounds).toEqual({ min: 2.5, max: 47.5, source: 'schema+exemplars' });
    expect(amount.boundary_adherence).toBe(0.5);
    expect(amount.distribution).toMatchObject({ metric: 'ks_statistic', distance: 0.5, exemplar_values: 4 });
    expect(amount.histogram!.reduce((s, b) => s + b.record_share, 0)).toBeCloseTo(1, 9);
    const opened = report.fields.find((f) => f.field === 'opened_on')!;
    expect(opened.kind).toBe('datetime');
    expect(opened.bounds!.source).toBe('exemplars');
    expect(opened.boundary_adherence).toBe(0.5);
    expect(opened.distribution!.distance).toBe(0.5);
  });

  it('reports null share and uniqueness, free text without distribution', () => {
    const acc = new QualityReportAccumulator(plan());
    ['x', 'x', null, ''].forEach((note, i) =>
      acc.addAccepted({ fields: { ...exemplars[0]!, ticket_id: `T-${i}`, note }, subchapter_key: 'billing' }),
    );
    const report = acc.finish(at);
    const note = report.fields.find((f) => f.field === 'note')!;
    expect(note).toMatchObject({
      kind: 'free',
      null_share: 0.5,
      uniqueness_share: 0.5,
      distribution: null,
      score: null,
    });
    expect(report.fields.find((f) => f.field === 'ticket_id')!.uniqueness_share).toBe(1);
  });

  it('compares accepted records with the plan per subchapter and tallies rejections by check and field', () => {
    const acc = new QualityReportAccumulator(plan());
    for (let i = 0; i < 3; i++) acc.addAccepted({ fields: exemplars[i % 4]!, subchapter_key: 'billing' });
    acc.addAccepted({ fields: exemplars[0]!, subchapter_key: 'login' });
    acc.addRejected({
      reasons: ['near_duplicate: note: a near-duplicate of record x ("a")', 'empty_text: note: only whitespace'],
      subchapter_key: 'billing',
    });
    acc.addRejected({ reasons: ['amount: 500 outside exemplar range 2.5..47.5'], subchapter_key: 'login' });
    acc.addRejected({ reasons: ['completeness: 0.8 below threshold 0.9'], subchapter_key: 'login' });
    acc.addRejected({ reasons: ['near_duplicate: (record): near-duplicate of record y'], subchapter_key: 'stray' });
    const report = acc.finish(at);
    expect(report.records).toEqual({ planned: 8, accepted: 4, rejected: 4 });
    expect(report.subchapters).toEqual([
      {
        subchapter_key: 'billing',
        title: 'Billing',
        planned_records: 4,
        accepted_records: 3,
        rejected_records: 1,
        coverage: 0.75,
      },
      {
        subchapter_key: 'login',
        title: 'Login',
        planned_records: 4,
        accepted_records: 1,
        rejected_records: 2,
        coverage: 0.25,
      },
      {
        subchapter_key: 'stray',
        title: '(not in the plan)',
        planned_records: null,
        accepted_records: 0,
        rejected_records: 1,
        coverage: null,
      },
    ]);
    expect(report.rejections.by_check.map((c) => [c.check, c.records, c.reasons])).toEqual([
      ['near_duplicate', 2, 2],
      ['unnamed', 2, 2],
      ['empty_text', 1, 1],
    ]);
    expect(report.rejections.by_check_and_field).toContainEqual({ check: 'unnamed', field: 'amount', reasons: 1 });
    expect(report.rejections.by_check_and_field).toContainEqual({ check: 'unnamed', field: '(record)', reasons: 1 });
    expect(report.rejections.by_check_and_field).toContainEqual({ check: 'near_duplicate', field: 'note', reasons: 1 });
    expect(report.score.components.acceptance).toBe(0.5);
    expect(report.score.components.coverage).toBe(0.5);
    expect(report.score.overall).toBeGreaterThan(0);
    expect(report.score.overall).toBeLessThanOrEqual(1);
  });

  it('keeps memory bounded on a stream of 300,000 records, all values distinct', () => {
    const acc = new QualityReportAccumulator(plan({ record_count: 300_000 }));
    const statuses = ['open', 'closed', 'pending'];
    for (let i = 0; i < 300_000; i++) {
      acc.addAccepted({
        fields: {
          status: i % 10 === 0 ? `odd-${i}` : statuses[i % 3]!,
          amount: (i * 7919) % 100,
          opened_on: new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10),
          ticket_id: `T-${i}`,
          note: `note ${i}`,
        },
        subchapter_key: i % 2 === 0 ? 'billing' : 'login',
      });
    }
    expect(acc.footprint()).toEqual({
      reservoir: SKETCH_SIZES.reservoir,
      distinct: SKETCH_SIZES.distinct,
      categories: SKETCH_SIZES.categories,
      subchapters: 2,
    });
    const report = acc.finish(at);
    const ticket = report.fields.find((f) => f.field === 'ticket_id')!;
    expect(ticket.distinct_exact).toBe(false);
    expect(ticket.uniqueness_share!).toBeGreaterThan(0.93);
    const status = report.fields.find((f) => f.field === 'status')!;
    expect(status.category_adherence).toBeCloseTo(0.9, 6);
    expect(status.other_categories_share!).toBeGreaterThan(0);
    // The reservoir is a fair sample: amounts 0..99 uniformly, so KS against themselves is small.
    const amount = report.fields.find((f) => f.field === 'amount')!;
    expect(amount.distribution!.record_values).toBe(SKETCH_SIZES.reservoir);
    expect(JSON.stringify(report).length).toBeLessThan(50_000);
  });

  it('builds the same report from the same records', () => {
    const run = () => {
      const acc = new QualityReportAccumulator(plan());
      for (let i = 0; i < 5000; i++)
        acc.addAccepted({ fields: { ...exemplars[i % 4]!, amount: i % 97 }, subchapter_key: 'billing' });
      return JSON.stringify(acc.finish(at));
    };
    expect(run()).toBe(run());
  });
});

describe(qualityReportPlan.name, () => {
  it('recomputes the expander’s plan: records per subchapter and the locale’s exemplars', () => {
    const exemplar = (id: string, locale: string) => ({ exemplar_id: id, prompt: 'p', locale, record: exemplars[0]! });
    const result = qualityReportPlan({
      job: {
        job_id: '00000000-0000-4000-8000-000000000002',
        tenant_id: 'acme',
        locale: 'de-DE',
        record_count: 7,
        engine: 'deterministic',
        token_budget: null,
        template_id: 'support',
        template_revision: 1,
        chapter_key: 'tickets',
        subchapter_key: null,
      },
      chapter: {
        key: 'tickets',
        title: 'Tickets',
        subchapters: [
          { key: 'login', title: 'Login', intent: 'i', exemplars: [exemplar('l1', 'en-US')] },
          {
            key: 'billing',
            title: 'Billing',
            intent: 'i',
            exemplars: [exemplar('b1', 'de-DE'), exemplar('b2', 'en-US')],
          },
        ],
      },
      record_schema: schema,
    });
    expect(result.subchapters).toEqual([
      { key: 'billing', title: 'Billing', planned_records: 4 },
      { key: 'login', title: 'Login', planned_records: 3 },
    ]);
    expect(result.exemplars).toHaveLength(2); // billing's de-DE one, login's only (en-US) one
  });
});

describe(parseReason.name, () => {
  const fields = new Set(['note', 'amount']);
  it('reads check and field from `check: field: message`', () => {
    expect(parseReason('placeholder_text: note: placeholder text ("TODO")', fields)).toEqual({
      check: 'placeholder_text',
      field: 'note',
    });
    expect(parseReason('near_duplicate: (record): near-duplicate of record 1', fields)).toEqual({
      check: 'near_duplicate',
      field: '(record)',
    });
  });

  it('counts reasons without a check name as unnamed, taking the field when the schema declares it', () => {
    expect(parseReason('amount: 500 outside exemplar range', fields)).toEqual({ check: 'unnamed', field: 'amount' });
    expect(parseReason('completeness: 0.8 below threshold 0.9', fields)).toEqual({
      check: 'unnamed',
      field: '(record)',
    });
    expect(parseReason('generation_error: engine said: no', fields)).toEqual({
      check: 'generation_error',
      field: '(record)',
    });
  });
});

describe('sketches', () => {
  it('counts distinct values exactly below the sketch size and within 5% above it', () => {
    const small = new DistinctCounter(1024);
    for (let i = 0; i < 3000; i++) small.add(`v${i % 500}`);
    expect([small.estimate(), small.exact]).toEqual([500, true]);
    const large = new DistinctCounter(4096);
    for (let i = 0; i < 200_000; i++) large.add(`v${i}`);
    expect(large.exact).toBe(false);
    expect(Math.abs(large.estimate() - 200_000) / 200_000).toBeLessThan(0.05);
  });

  it('keeps a uniform reservoir of fixed size', () => {
    const reservoir = new Reservoir('seed', 2048);
    for (let i = 0; i < 1_000_000; i++) reservoir.add(i);
    const sample = reservoir.sorted();
    expect(sample).toHaveLength(2048);
    const mean = sample.reduce((a, b) => a + b, 0) / sample.length;
    expect(Math.abs(mean - 500_000) / 500_000).toBeLessThan(0.05);
  });
});

describe(exemplarDateShift.name, () => {
  it('moves exemplar dates so their latest falls on the reference instant, as generators anchor them', () => {
    const shift = exemplarDateShift(schema.fields, exemplars, '2026-01-31T00:00:00.000Z');
    expect(shift).toBe(Date.parse('2026-01-31') - Date.parse('2025-01-31'));
    expect(exemplarDateShift(schema.fields, exemplars, null)).toBe(0);
    const acc = new QualityReportAccumulator(plan({ reference_at: '2026-01-31T00:00:00.000Z' }));
    for (const day of ['2026-01-01', '2026-01-11', '2026-01-21', '2026-01-31'])
      acc.addAccepted({ fields: { ...exemplars[0]!, opened_on: day }, subchapter_key: 'billing' });
    const opened = acc.finish(at).fields.find((f) => f.field === 'opened_on')!;
    expect(opened.distribution!.distance).toBe(0);
    expect(opened.boundary_adherence).toBe(1);
  });
});
