import type { FieldType, QualityCheck } from '@vs/contracts';

/** How a field is measured: by category, as a number, as an instant, or (free text, ids) only by nulls and uniqueness. */
export type FieldKind = 'categorical' | 'numeric' | 'datetime' | 'free';

/** A check named by a rejection reason, or `unnamed` for reasons written before checks had names. */
export type ReasonCheck = QualityCheck | 'unnamed';

export interface CategoryShare {
  value: string;
  record_share: number;
  exemplar_share: number;
  /** Within the schema's enum (or, without one, among the values the exemplars use). */
  in_category: boolean;
}

export interface HistogramBin {
  /** Numbers, or epoch milliseconds for dates. */
  from: number;
  to: number;
  record_share: number;
  exemplar_share: number;
}

export interface FieldBounds {
  /** Numbers, or ISO 8601 instants for dates. */
  min: number | string;
  max: number | string;
  source: 'schema' | 'exemplars' | 'schema+exemplars';
}

export interface FieldDistribution {
  metric: 'tv_distance' | 'ks_statistic';
  /** 0 = the same distribution as the exemplars, 1 = disjoint. */
  distance: number;
  exemplar_values: number;
  /** Record values the distance was computed over (a reservoir sample beyond its size). */
  record_values: number;
}

export interface FieldQuality {
  field: string;
  type: FieldType;
  kind: FieldKind;
  records: number;
  nulls: number;
  /** Null, absent or empty text, over accepted records. */
  null_share: number;
  distinct_values: number;
  /** False once the distinct-value sketch is full and distinct_values is an estimate. */
  distinct_exact: boolean;
  /** Distinct values over non-null values; null without any value. */
  uniqueness_share: number | null;
  /** Share of non-null values within the categories; categorical fields only. */
  category_adherence: number | null;
  /** Share of non-null values within bounds; numbers and dates with bounds only. */
  boundary_adherence: number | null;
  bounds: FieldBounds | null;
  distribution: FieldDistribution | null;
  /** The most frequent categories (records and exemplars), for charts; categorical fields only. */
  categories: CategoryShare[] | null;
  /** Share of records whose category is not listed in `categories` (beyond the chart or the counter's cap). */
  other_categories_share: number | null;
  histogram: HistogramBin[] | null;
  /** Mean of the available adherence scores and 1 − distribution distance; null when none applies. */
  score: number | null;
}

export interface SubchapterCoverage {
  subchapter_key: string;
  title: string;
  /** Null for a subchapter that records name but the plan does not. */
  planned_records: number | null;
  accepted_records: number;
  rejected_records: number;
  /** accepted / planned, at most 1; null when nothing was planned. */
  coverage: number | null;
}

export interface CheckRejections {
  check: ReasonCheck;
  /** Rejected records with at least one reason of this check. */
  records: number;
  reasons: number;
  /** A few reasons as written, for a reviewer. */
  examples: string[];
}

export interface CheckFieldRejections {
  check: ReasonCheck;
  /** A schema field, or `(record)` for findings about the whole record. */
  field: string;
  reasons: number;
}

export interface QualityScoreSummary {
  /** 0..1, the weighted mean of the available components (weights renormalised over them). */
  overall: number;
  components: { field_quality: number | null; coverage: number | null; acceptance: number | null };
  weights: { field_quality: number; coverage: number; acceptance: number };
  composition: string;
}

/** A job's quality report, in the spirit of SDMetrics: per field, per subchapter, per rejection check, overall. */
export interface JobQualityReport {
  report_version: 1;
  job_id: string;
  template_id: string;
  template_revision: number;
  chapter_key: string;
  locale: string;
  generated_at: string;
  records: { planned: number; accepted: number; rejected: number };
  /** Mean scores the validator gave the accepted records. */
  mean_scores: { completeness: number | null; realism: number | null };
  score: QualityScoreSummary;
  fields: FieldQuality[];
  subchapters: SubchapterCoverage[];
  rejections: {
    records: number;
    reasons: number;
    by_check: CheckRejections[];
    by_check_and_field: CheckFieldRejections[];
  };
  /** How the figures were computed with bounded memory. */
  method: { reservoir_size: number; distinct_sketch_size: number; category_cap: number; notes: string[] };
}
