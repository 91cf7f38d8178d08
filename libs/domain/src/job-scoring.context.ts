import { createHash } from 'node:crypto';
import type { Lineage } from '@vs/contracts';

export interface PlannedSubchapter {
  subchapter_key: string;
  exemplar_ids: readonly string[];
}

export interface JobScoringContextOptions {
  /** Upper bound on remembered fingerprints, so a huge job cannot grow memory without limit. */
  max_fingerprints?: number;
}

export const DEFAULT_MAX_FINGERPRINTS = 50_000;

/**
 * A record's near-duplicate fingerprint: sha256 of its text values after NFKC, lower-casing and
 * dropping punctuation, symbols and extra whitespace. We chose this normalised hash over shingled
 * MinHash because it is exact (no false positives to explain in a rejection), costs O(1) memory per
 * record and needs no tuning; it catches copies that differ only in case, spacing or punctuation,
 * not paraphrases. Null when the record has no text to compare.
 */
export function textFingerprint(texts: readonly string[]): string | null {
  const normalised = texts
    .map((t) =>
      t
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[\p{P}\p{S}]+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((t) => t !== '');
  if (normalised.length === 0) return null;
  return createHash('sha256').update(normalised.join('\u001f')).digest('hex').slice(0, 32);
}

/**
 * What the validator remembers about one job while scoring its records: the planned subchapters
 * (for chapter coverage) and a bounded, oldest-first-evicted set of accepted records' fingerprints.
 */
export class JobScoringContext {
  private readonly planned: Map<string, ReadonlySet<string>>;
  private readonly covered = new Set<string>();
  private readonly fingerprints = new Map<string, string>();
  private readonly maxFingerprints: number;

  constructor(planned: readonly PlannedSubchapter[], options: JobScoringContextOptions = {}) {
    this.planned = new Map(planned.map((p) => [p.subchapter_key, new Set(p.exemplar_ids)]));
    this.maxFingerprints = options.max_fingerprints ?? DEFAULT_MAX_FINGERPRINTS;
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

  /** The id of an earlier record with this fingerprint; the same record redelivered is not its own duplicate. */
  duplicateOf(fingerprint: string, recordId: string): string | null {
    const earlier = this.fingerprints.get(fingerprint);
    return earlier !== undefined && earlier !== recordId ? earlier : null;
  }

  remember(fingerprint: string, recordId: string): void {
    if (this.fingerprints.has(fingerprint)) return;
    this.fingerprints.set(fingerprint, recordId);
    if (this.fingerprints.size > this.maxFingerprints) {
      this.fingerprints.delete(this.fingerprints.keys().next().value!);
    }
  }
}
