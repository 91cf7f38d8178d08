/**
 * Fixed-size summaries of an unbounded stream of values: what lets a quality report over a 10,000,000-record
 * job use the same memory as one over 100 records.
 */

/** A 53-bit hash of a string (two 32-bit FNV-1a variants), as a number in [0, 1). */
export function unitHash(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  return ((a >>> 0) * 2 ** 21 + ((b >>> 0) >>> 11)) / 2 ** 53;
}

/** mulberry32: a small seeded generator, so a report rebuilt from the same records is identical. */
export function seededRandom(seed: string): () => number {
  let state = Math.floor(unitHash(seed) * 2 ** 32) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * Distinct values by k minimum values (KMV): keeps the k smallest hashes seen. Exact while fewer than k
 * distinct values arrived; beyond, estimates (k − 1) / (k-th smallest hash), relative error about 1/√k.
 */
export class DistinctCounter {
  private readonly smallest: number[] = [];

  constructor(readonly capacity = 4096) {}

  add(value: string): void {
    const h = unitHash(value);
    const kept = this.smallest;
    if (kept.length === this.capacity && h >= kept[kept.length - 1]!) return;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (kept[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    if (kept[lo] === h) return;
    kept.splice(lo, 0, h);
    if (kept.length > this.capacity) kept.pop();
  }

  get exact(): boolean {
    return this.smallest.length < this.capacity;
  }

  estimate(): number {
    if (this.exact) return this.smallest.length;
    return Math.round((this.capacity - 1) / this.smallest[this.capacity - 1]!);
  }

  get size(): number {
    return this.smallest.length;
  }
}

/** Algorithm R: a uniform sample of at most `capacity` numbers from a stream of any length. */
export class Reservoir {
  private readonly values: number[] = [];
  private seen = 0;
  private readonly random: () => number;

  constructor(
    seed: string,
    readonly capacity = 2048,
  ) {
    this.random = seededRandom(seed);
  }

  add(value: number): void {
    this.seen++;
    if (this.values.length < this.capacity) {
      this.values.push(value);
      return;
    }
    const slot = Math.floor(this.random() * this.seen);
    if (slot < this.capacity) this.values[slot] = value;
  }

  /** The sample, sorted ascending. */
  sorted(): number[] {
    return [...this.values].sort((a, b) => a - b);
  }

  get count(): number {
    return this.seen;
  }

  get size(): number {
    return this.values.length;
  }
}

/** Counts per value for at most `capacity` distinct values; later new values count as "other". */
export class CappedCounter {
  private readonly counts = new Map<string, number>();
  private otherCount = 0;
  private totalCount = 0;

  constructor(readonly capacity = 256) {}

  add(value: string): void {
    this.totalCount++;
    const count = this.counts.get(value);
    if (count !== undefined) this.counts.set(value, count + 1);
    else if (this.counts.size < this.capacity) this.counts.set(value, 1);
    else this.otherCount++;
  }

  entries(): Array<[string, number]> {
    return [...this.counts.entries()];
  }

  get other(): number {
    return this.otherCount;
  }

  get total(): number {
    return this.totalCount;
  }

  get size(): number {
    return this.counts.size;
  }
}
