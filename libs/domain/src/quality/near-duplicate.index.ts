import { MINHASH_SIZE, similarity } from './minhash';

/** 32 bands of 4 rows: sets with Jaccard 0.75 share a band always (1 - 10^-5), with 0.4 half of the time. */
const BANDS = 32;
const ROWS = MINHASH_SIZE / BANDS;
/**
 * Estimated Jaccard at or above which two records are near-duplicates. A record's tokens are its words
 * and its other values (the person's name weighing most), so a copy with one word changed or a fresh id
 * is near 0.9 or above, while two people's records sharing a stock phrase stay near 0.5.
 */
export const NEAR_DUPLICATE_SIMILARITY = 0.75;
export const DEFAULT_MAX_REMEMBERED = 50_000;

function bandHash(signature: Uint16Array, offset: number, band: number): number {
  let h = band + 1;
  for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ signature[offset + band * ROWS + r]!, 0x9e3779b1) >>> 0;
  return h >>> 0;
}

/**
 * The accepted records a job remembers for near-duplicate checks, in memory that does not grow with the
 * job: a ring of the last `capacity` MinHash signatures (256 bytes each, with the record id) and, per
 * LSH band, a direct-mapped table from band hash to ring slot. A new signature looks up its 32 bands and
 * verifies each candidate against the stored signature. At the default 50,000 records that is about
 * 13 MB of signatures, 3 MB of ids and 17 MB of band tables (32 × 2^17 slots), whatever the job's size
 * (10,000,000 records included); a record older than the last 50,000 accepted ones, or whose slots in
 * every band were taken over by later records, is forgotten, which only lets a late duplicate through.
 */
export class NearDuplicateIndex {
  private signatures = new Uint16Array(0);
  private ids: string[] = [];
  private tables: Int32Array[] = [];
  private slots = 0;
  private next = 0;
  private stored = 0;

  constructor(private readonly capacity: number = DEFAULT_MAX_REMEMBERED) {}

  /** The id of a remembered record this signature nearly duplicates; the same record is not its own twin. */
  duplicateOf(signature: Uint16Array, recordId: string): string | null {
    if (this.stored === 0) return null;
    const mask = this.tables[0]!.length - 1;
    for (let band = 0; band < BANDS; band++) {
      const slot = this.tables[band]![bandHash(signature, 0, band) & mask]! - 1;
      if (slot < 0 || this.ids[slot] === recordId) continue;
      if (similarity(signature, this.signatures, slot * MINHASH_SIZE) >= NEAR_DUPLICATE_SIMILARITY)
        return this.ids[slot]!;
    }
    return null;
  }

  remember(signature: Uint16Array, recordId: string): void {
    if (this.stored === this.slots && this.slots < this.capacity) this.grow();
    const slot = this.next;
    this.signatures.set(signature, slot * MINHASH_SIZE);
    this.ids[slot] = recordId;
    this.index(slot);
    this.next = (slot + 1) % this.slots;
    this.stored = Math.min(this.stored + 1, this.slots);
  }

  get size(): number {
    return this.stored;
  }

  private index(slot: number): void {
    const mask = this.tables[0]!.length - 1;
    for (let band = 0; band < BANDS; band++)
      this.tables[band]![bandHash(this.signatures, slot * MINHASH_SIZE, band) & mask] = slot + 1;
  }

  /** Doubles the ring (small jobs stay small) and rebuilds the band tables at twice the ring's size. */
  private grow(): void {
    const slots = Math.min(this.capacity, Math.max(1024, this.slots * 2));
    const signatures = new Uint16Array(slots * MINHASH_SIZE);
    signatures.set(this.signatures);
    this.signatures = signatures;
    this.slots = slots;
    let size = 1;
    while (size < slots * 2) size *= 2;
    this.tables = Array.from({ length: BANDS }, () => new Int32Array(size));
    for (let slot = 0; slot < this.stored; slot++) this.index(slot);
    this.next = this.stored;
  }
}
