import type { QualityScores, RecordFields } from '@vs/contracts';
import { clamp01 } from './distribution-distance';
import { exemplarDateShift, FieldQualityAccumulator, SKETCH_SIZES } from './field-quality.accumulator';
import type { QualityReportPlan } from './quality-report.plan';
import type { JobQualityReport, QualityScoreSummary, SubchapterCoverage } from './quality-report.types';
import { RejectionTally } from './rejection-reasons';

export interface AcceptedRecordInput {
  fields: RecordFields;
  subchapter_key: string | null;
  scores?: Partial<QualityScores>;
}

export interface RejectedRecordInput {
  reasons: readonly string[];
  subchapter_key: string | null;
}

export const QUALITY_SCORE_WEIGHTS = { field_quality: 0.5, coverage: 0.25, acceptance: 0.25 } as const;
// Subchapter keys come from lineage; a plan names a handful, so this only guards against garbage.
const UNPLANNED_SUBCHAPTER_CAP = 64;

interface SubchapterCounts {
  title: string;
  planned: number | null;
  accepted: number;
  rejected: number;
}

/**
 * A job's quality report, fed one record at a time. Memory is bounded whatever the job's size: per field a
 * reservoir of numbers, a distinct-value sketch and a capped category counter (SKETCH_SIZES), tallies per
 * check and field, counts per subchapter; records are never kept.
 */
export class QualityReportAccumulator {
  private readonly fields: FieldQualityAccumulator[];
  private readonly rejections: RejectionTally;
  private readonly subchapters = new Map<string, SubchapterCounts>();
  private accepted = 0;
  private completenessSum = 0;
  private completenessCount = 0;
  private realismSum = 0;
  private realismCount = 0;

  constructor(private readonly plan: QualityReportPlan) {
    const shift = exemplarDateShift(plan.record_schema.fields, plan.exemplars, plan.reference_at);
    this.fields = plan.record_schema.fields.map(
      (f) => new FieldQualityAccumulator(f, plan.exemplars, plan.job_id, shift),
    );
    this.rejections = new RejectionTally(new Set(plan.record_schema.fields.map((f) => f.name)));
    for (const s of plan.subchapters)
      this.subchapters.set(s.key, { title: s.title, planned: s.planned_records, accepted: 0, rejected: 0 });
  }

  addAccepted(record: AcceptedRecordInput): void {
    this.accepted++;
    for (const field of this.fields) field.add(record.fields);
    const counts = this.subchapter(record.subchapter_key);
    if (counts) counts.accepted++;
    const { completeness, realism } = record.scores ?? {};
    if (typeof completeness === 'number') {
      this.completenessSum += completeness;
      this.completenessCount++;
    }
    if (typeof realism === 'number') {
      this.realismSum += realism;
      this.realismCount++;
    }
  }

  addRejected(record: RejectedRecordInput): void {
    this.rejections.add(record.reasons);
    const counts = this.subchapter(record.subchapter_key);
    if (counts) counts.rejected++;
  }

  /** The most values any field's sketches hold, and the subchapters counted: what memory grows with. */
  footprint(): { reservoir: number; distinct: number; categories: number; subchapters: number } {
    const sizes = this.fields.map((f) => f.footprint());
    const most = (key: 'reservoir' | 'distinct' | 'categories') => Math.max(0, ...sizes.map((s) => s[key]));
    return {
      reservoir: most('reservoir'),
      distinct: most('distinct'),
      categories: most('categories'),
      subchapters: this.subchapters.size,
    };
  }

  /** The report; `generatedAt` is the caller's clock (the domain never reads the time). */
  finish(generatedAt: Date): JobQualityReport {
    const fields = this.fields.map((f) => f.finish());
    const subchapters: SubchapterCoverage[] = [...this.subchapters.entries()]
      .map(([key, c]) => ({
        subchapter_key: key,
        title: c.title,
        planned_records: c.planned,
        accepted_records: c.accepted,
        rejected_records: c.rejected,
        coverage: c.planned === null || c.planned === 0 ? null : clamp01(c.accepted / c.planned),
      }))
      .sort((a, b) => (a.subchapter_key < b.subchapter_key ? -1 : a.subchapter_key > b.subchapter_key ? 1 : 0));
    const rejections = this.rejections.finish();
    return {
      report_version: 1,
      job_id: this.plan.job_id,
      template_id: this.plan.template_id,
      template_revision: this.plan.template_revision,
      chapter_key: this.plan.chapter_key,
      locale: this.plan.locale,
      generated_at: generatedAt.toISOString(),
      records: { planned: this.plan.record_count, accepted: this.accepted, rejected: rejections.records },
      mean_scores: {
        completeness: this.completenessCount === 0 ? null : round(this.completenessSum / this.completenessCount),
        realism: this.realismCount === 0 ? null : round(this.realismSum / this.realismCount),
      },
      score: overallScore(
        fields.map((f) => f.score),
        subchapters.map((s) => s.coverage),
        this.accepted,
        rejections.records,
      ),
      fields,
      subchapters,
      rejections,
      method: {
        reservoir_size: SKETCH_SIZES.reservoir,
        distinct_sketch_size: SKETCH_SIZES.distinct,
        category_cap: SKETCH_SIZES.categories,
        notes: [
          'Kolmogorov-Smirnov statistics and histograms use a seeded uniform reservoir sample of at most reservoir_size values per field (exact below it).',
          'Distinct values use a k-minimum-values sketch of distinct_sketch_size hashes per field: exact below it, an estimate within about 1/sqrt(k) above.',
          'Categories are counted for the first category_cap distinct values per field; later new values share one "other" bucket.',
          'Bounds: the schema min/max intersected with the exemplars’ span widened by 25% on each side (dates: the widened exemplar span), as the engine and validator use them.',
          'Dates: exemplar dates are moved so that the latest of them falls on the job’s reference instant (generators place dates relative to it) before bounds, KS and histograms.',
          'Exemplars: those of the planned subchapters in the job’s locale (all locales when a subchapter has none in it).',
        ],
      },
    };
  }

  private subchapter(key: string | null): SubchapterCounts | undefined {
    const name = key ?? '(none)';
    const known = this.subchapters.get(name);
    if (known || this.subchapters.size >= this.plan.subchapters.length + UNPLANNED_SUBCHAPTER_CAP) return known;
    const counts: SubchapterCounts = { title: '(not in the plan)', planned: null, accepted: 0, rejected: 0 };
    this.subchapters.set(name, counts);
    return counts;
  }
}

/** Weighted mean of the components that exist, weights renormalised over them. */
export function overallScore(
  fieldScores: ReadonlyArray<number | null>,
  coverages: ReadonlyArray<number | null>,
  accepted: number,
  rejected: number,
): QualityScoreSummary {
  const mean = (values: ReadonlyArray<number | null>) => {
    const present = values.filter((v): v is number => v !== null);
    return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
  };
  const components = {
    field_quality: mean(fieldScores),
    coverage: mean(coverages),
    acceptance: accepted + rejected === 0 ? null : accepted / (accepted + rejected),
  };
  let weighted = 0;
  let weights = 0;
  for (const key of Object.keys(QUALITY_SCORE_WEIGHTS) as Array<keyof typeof QUALITY_SCORE_WEIGHTS>) {
    const value = components[key];
    if (value === null) continue;
    weighted += value * QUALITY_SCORE_WEIGHTS[key];
    weights += QUALITY_SCORE_WEIGHTS[key];
  }
  return {
    overall: weights === 0 ? 0 : round(weighted / weights),
    components: {
      field_quality: components.field_quality === null ? null : round(components.field_quality),
      coverage: components.coverage === null ? null : round(components.coverage),
      acceptance: components.acceptance === null ? null : round(components.acceptance),
    },
    weights: { ...QUALITY_SCORE_WEIGHTS },
    composition:
      '0.5 × field quality (mean over fields of the mean of category adherence, boundary adherence and 1 − distribution distance) + 0.25 × coverage (mean over planned subchapters of accepted / planned) + 0.25 × acceptance (accepted / decided); components that do not apply are left out and the weights renormalised',
  };
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
