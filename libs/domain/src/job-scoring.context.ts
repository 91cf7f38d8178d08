import type { Lineage } from '@vs/contracts';
import { DEFAULT_MAX_REMEMBERED, NearDuplicateIndex } from './quality/near-duplicate.index';

export interface PlannedSubchapter {
  subchapter_key: string;
  exemplar_ids: readonly string[];
}

export interface JobScoringContextOptions {
  /** How many accepted records' signatures the job remembers for near-duplicates; memory stays bounded by it. */
  max_remembered?: number;
  /** The job's reference instant (ISO 8601 or Date): dates are judged around it. Null for older jobs. */
  reference_at?: string | Date | null;
}

/**
 * What the validator remembers about one job while scoring its records: the planned subchapters (for
 * chapter coverage), its reference instant, and a bounded index of accepted records' MinHash signatures.
 */
export class JobScoringContext {
  private readonly planned: Map<string, ReadonlySet<string>>;
  private readonly covered = new Set<string>();
  private readonly remembered: NearDuplicateIndex;
  /** Epoch milliseconds of the job's reference instant, or null. */
  readonly reference_ms: number | null;

  constructor(planned: readonly PlannedSubchapter[], options: JobScoringContextOptions = {}) {
    this.planned = new Map(planned.map((p) => [p.subchapter_key, new Set(p.exemplar_ids)]));
    this.remembered = new NearDuplicateIndex(options.max_remembered ?? DEFAULT_MAX_REMEMBERED);
    const at = options.reference_at;
    const ms = at === null || at === undefined ? NaN : at instanceof Date ? at.getTime() : Date.parse(at);
    this.reference_ms = Number.isFinite(ms) ? ms : null;
  }

  /**
   * The record's contribution to chapter coverage: 1 when its subchapter is one the job planned and
   * every exemplar in its lineage belongs to that subchapter, else 0. Scoring the contribution rather
   * than "covered so far / planned" keeps early records from being rejected for arriving first.
   */
  coverageContribution(lineage: Pick<Lineage, 'subchapter_key' | 'exemplar_ids'>): 0 | 1 {
    const exemplars = lineage.subchapter_key === null ? undefined : this.planned.get(lineage.subchapter_key);
    if (!exemplars || !lineage.exemplar_ids.every((id) => exemplars.has(id))) return 0;
    this.covered.add(lineage.subchapter_key!);
    return 1;
  }

  /** Covered and planned subchapters so far, for progress reports. */
  coverage(): { covered: number; planned: number } {
    return { covered: this.covered.size, planned: this.planned.size };
  }

  /** The id of an earlier accepted record this one nearly duplicates; the same record redelivered is not its own. */
  duplicateOf(signature: Uint16Array, recordId: string): string | null {
    return this.remembered.duplicateOf(signature, recordId);
  }

  remember(signature: Uint16Array, recordId: string): void {
    this.remembered.remember(signature, recordId);
  }
}
