import type { RecordField, RecordFields } from '@vs/contracts';
import { numericFieldRange, widenedRange, type NumericRange } from '../exemplar-profile';
import { clamp01, ksStatistic, totalVariationDistance } from './distribution-distance';
import type { CategoryShare, FieldBounds, FieldKind, FieldQuality, HistogramBin } from './quality-report.types';
import { CappedCounter, DistinctCounter, Reservoir } from './sketches';

export const SKETCH_SIZES = { reservoir: 2048, distinct: 4096, categories: 256 } as const;
const CHART_CATEGORIES = 12;
const HISTOGRAM_BINS = 16;

type Value = RecordFields[string] | undefined;

const isMissing = (v: Value): v is null | undefined | '' =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * Enums and booleans are categorical; so is a short string the revision neither lets vary freely nor
 * generates from a semantic hint or pattern (its categories are the values the exemplars use).
 */
export function fieldKind(field: RecordField, exemplars: readonly RecordFields[]): FieldKind {
  switch (field.type) {
    case 'enum':
    case 'boolean':
      return 'categorical';
    case 'integer':
    case 'number':
      return 'numeric';
    case 'date':
    case 'datetime':
      return 'datetime';
    case 'string': {
      if (field.varies_freely || field.semantic || field.constraints.pattern) return 'free';
      const values = exemplars.map((e) => e[field.name]).filter((v): v is string => typeof v === 'string');
      const short = values.every((v) => v.length <= 40 && v.trim().split(/\s+/).length <= 3);
      return values.length > 0 && short ? 'categorical' : 'free';
    }
    case 'text':
    case 'email':
    case 'phone':
    case 'url':
    case 'uuid':
      return 'free';
  }
}

/**
 * How far to move exemplar dates so the latest of them (over every date field) falls on the reference
 * instant, as generators anchor dates there; 0 without a reference or without exemplar dates.
 */
export function exemplarDateShift(
  fields: readonly RecordField[],
  exemplars: readonly RecordFields[],
  referenceAt: string | null | undefined,
): number {
  const reference = referenceAt ? Date.parse(referenceAt) : NaN;
  if (!Number.isFinite(reference)) return 0;
  const dates = fields.filter((f) => f.type === 'date' || f.type === 'datetime');
  let latest = -Infinity;
  for (const e of exemplars)
    for (const f of dates) {
      const t = numericValue('datetime', e[f.name]);
      if (t !== null && t > latest) latest = t;
    }
  return Number.isFinite(latest) ? reference - latest : 0;
}

function numericValue(kind: FieldKind, value: Value): number | null {
  if (kind === 'numeric') return typeof value === 'number' && Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isFinite(time) ? time : null;
}

/** One field's running figures over the accepted records, in memory bounded by SKETCH_SIZES. */
export class FieldQualityAccumulator {
  readonly kind: FieldKind;
  private records = 0;
  private nulls = 0;
  private inCategory = 0;
  private inBounds = 0;
  private min = Infinity;
  private max = -Infinity;
  private readonly distinct = new DistinctCounter(SKETCH_SIZES.distinct);
  private readonly categoryCounts = new CappedCounter(SKETCH_SIZES.categories);
  private readonly reservoir: Reservoir;
  private readonly categories: ReadonlySet<string> | null;
  private readonly exemplarCategories = new Map<string, number>();
  private readonly exemplarNumbers: number[];
  private readonly range: NumericRange | null;
  private readonly boundsSource: FieldBounds['source'] | null;

  /** `dateShift`: milliseconds added to exemplar dates (re-anchoring them at the job's reference instant). */
  constructor(
    private readonly field: RecordField,
    exemplars: readonly RecordFields[],
    seed: string,
    dateShift = 0,
  ) {
    this.kind = fieldKind(field, exemplars);
    this.reservoir = new Reservoir(`${seed}:${field.name}`, SKETCH_SIZES.reservoir);
    const values = exemplars.map((e) => e[field.name]).filter((v) => !isMissing(v));
    for (const v of values) this.exemplarCategories.set(String(v), (this.exemplarCategories.get(String(v)) ?? 0) + 1);
    this.categories =
      this.kind !== 'categorical'
        ? null
        : new Set(
            field.type === 'enum'
              ? (field.constraints.enum ?? [])
              : field.type === 'boolean'
                ? ['true', 'false']
                : this.exemplarCategories.keys(),
          );
    this.exemplarNumbers = values
      .map((v) => numericValue(this.kind, v))
      .filter((n): n is number => n !== null)
      .map((n) => (this.kind === 'datetime' ? n + dateShift : n))
      .sort((a, b) => a - b);
    this.range =
      this.kind === 'numeric'
        ? numericFieldRange(field, exemplars)
        : this.kind === 'datetime'
          ? widenedRange(this.exemplarNumbers)
          : null;
    const { min, max } = field.constraints;
    const schemaBound = this.kind === 'numeric' && (min !== undefined || max !== undefined);
    const exemplarBound = this.exemplarNumbers.length > 0;
    this.boundsSource =
      this.range === null
        ? null
        : schemaBound && exemplarBound
          ? 'schema+exemplars'
          : schemaBound
            ? 'schema'
            : 'exemplars';
  }

  add(fields: RecordFields): void {
    this.records++;
    const value = fields[this.field.name];
    if (isMissing(value)) {
      this.nulls++;
      return;
    }
    const text = String(value);
    this.distinct.add(text);
    if (this.kind === 'categorical') {
      this.categoryCounts.add(text);
      if (this.categories!.has(text)) this.inCategory++;
      return;
    }
    if (this.kind === 'free') return;
    const n = numericValue(this.kind, value);
    if (n === null) return; // not a number or instant: counts against boundary adherence
    this.reservoir.add(n);
    if (n < this.min) this.min = n;
    if (n > this.max) this.max = n;
    if (this.range && n >= this.range.min && n <= this.range.max) this.inBounds++;
  }

  /** How many values the sketches hold: bounded by SKETCH_SIZES whatever the number of records. */
  footprint(): { reservoir: number; distinct: number; categories: number } {
    return { reservoir: this.reservoir.size, distinct: this.distinct.size, categories: this.categoryCounts.size };
  }

  finish(): FieldQuality {
    const present = this.records - this.nulls;
    const share = (n: number) => (present === 0 ? null : n / present);
    const category_adherence = this.kind === 'categorical' ? share(this.inCategory) : null;
    const boundary_adherence = this.range ? share(this.inBounds) : null;
    const distribution = this.distribution();
    const parts = [category_adherence, boundary_adherence, distribution ? 1 - distribution.distance : null].filter(
      (p): p is number => p !== null,
    );
    const categories = this.kind === 'categorical' && present > 0 ? this.categoryShares() : null;
    return {
      field: this.field.name,
      type: this.field.type,
      kind: this.kind,
      records: this.records,
      nulls: this.nulls,
      null_share: this.records === 0 ? 0 : round(this.nulls / this.records),
      distinct_values: this.distinct.estimate(),
      distinct_exact: this.distinct.exact,
      uniqueness_share: present === 0 ? null : round(clamp01(this.distinct.estimate() / present)),
      category_adherence: roundOrNull(category_adherence),
      boundary_adherence: roundOrNull(boundary_adherence),
      bounds: this.bounds(),
      distribution,
      categories,
      other_categories_share: categories ? unlistedShare(categories) : null,
      histogram: this.histogram(),
      score: parts.length === 0 ? null : round(parts.reduce((a, b) => a + b, 0) / parts.length),
    };
  }

  private distribution(): FieldQuality['distribution'] {
    if (this.kind === 'categorical') {
      if (this.categoryCounts.total === 0 || this.exemplarCategories.size === 0) return null;
      const records = new Map(this.categoryCounts.entries());
      // Values past the counter's cap share one bucket no exemplar falls into.
      if (this.categoryCounts.other > 0) records.set('\u0000other', this.categoryCounts.other);
      return {
        metric: 'tv_distance',
        distance: round(totalVariationDistance(records, this.exemplarCategories)),
        exemplar_values: sumValues(this.exemplarCategories),
        record_values: this.categoryCounts.total,
      };
    }
    if (this.kind === 'free' || this.reservoir.size === 0 || this.exemplarNumbers.length === 0) return null;
    return {
      metric: 'ks_statistic',
      distance: round(ksStatistic(this.reservoir.sorted(), this.exemplarNumbers)),
      exemplar_values: this.exemplarNumbers.length,
      record_values: this.reservoir.size,
    };
  }

  private categoryShares(): CategoryShare[] {
    const total = this.categoryCounts.total;
    const exemplarTotal = sumValues(this.exemplarCategories);
    const keys = new Set([...this.categoryCounts.entries().map(([k]) => k), ...this.exemplarCategories.keys()]);
    const counts = new Map(this.categoryCounts.entries());
    return [...keys]
      .map((value) => ({
        value,
        record_share: (counts.get(value) ?? 0) / total,
        exemplar_share: exemplarTotal === 0 ? 0 : (this.exemplarCategories.get(value) ?? 0) / exemplarTotal,
        in_category: this.categories!.has(value),
      }))
      .sort((a, b) => b.record_share - a.record_share || b.exemplar_share - a.exemplar_share || cmp(a.value, b.value))
      .slice(0, CHART_CATEGORIES);
  }

  private bounds(): FieldBounds | null {
    if (!this.range || !this.boundsSource) return null;
    const show = (n: number) => (this.kind === 'datetime' ? new Date(n).toISOString() : round(n));
    return { min: show(this.range.min), max: show(this.range.max), source: this.boundsSource };
  }

  private histogram(): HistogramBin[] | null {
    if (this.kind !== 'numeric' && this.kind !== 'datetime') return null;
    const sample = this.reservoir.sorted();
    if (sample.length === 0 && this.exemplarNumbers.length === 0) return null;
    const lo = Math.min(this.min, ...this.exemplarNumbers);
    const hi = Math.max(this.max, ...this.exemplarNumbers);
    const width = hi > lo ? (hi - lo) / HISTOGRAM_BINS : 1;
    const bins = Array.from({ length: hi > lo ? HISTOGRAM_BINS : 1 }, (_, i) => ({
      from: lo + i * width,
      to: lo + (i + 1) * width,
      record_share: 0,
      exemplar_share: 0,
    }));
    const binOf = (n: number) => Math.min(bins.length - 1, Math.max(0, Math.floor((n - lo) / width)));
    for (const n of sample) bins[binOf(n)]!.record_share += 1 / sample.length;
    for (const n of this.exemplarNumbers) bins[binOf(n)]!.exemplar_share += 1 / this.exemplarNumbers.length;
    return bins;
  }
}

/** The share of records in categories the chart does not list; float noise below 1e-9 is 0. */
function unlistedShare(categories: readonly CategoryShare[]): number {
  const rest = 1 - categories.reduce((sum, c) => sum + c.record_share, 0);
  return rest < 1e-9 ? 0 : clamp01(rest);
}

function sumValues(map: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const v of map.values()) total += v;
  return total;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round = (n: number) => Math.round(n * 10_000) / 10_000;
const roundOrNull = (n: number | null) => (n === null ? null : round(n));
