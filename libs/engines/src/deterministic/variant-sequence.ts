/**
 * A numbering of every (shape, filling) pair of a text: entry q is the q-th pair when shapes are taken in turn,
 * each with its next unused filling, a shape dropping out once its fillings run out. Consecutive record numbers
 * therefore never share a pair until all of them have been used: no birthday collisions between records.
 */
export class VariantSequence {
  readonly size: number;
  /** Shape indices, the shape with the most fillings first (ties in their given order). */
  private readonly order: number[];
  /** Per segment: first entry, first level, and how many shapes take part from that level on. */
  private readonly segments: Array<{ start: number; level: number; shapes: number }> = [];
  private readonly multipliers: number[];

  constructor(private readonly sizes: readonly number[]) {
    this.order = sizes.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
    let start = 0;
    let level = 0;
    for (let k = this.order.length; k > 0; k--) {
      const top = sizes[this.order[k - 1]!]!;
      if (top <= level) continue;
      this.segments.push({ start, level, shapes: k });
      start += k * (top - level);
      level = top;
    }
    this.size = start;
    this.multipliers = sizes.map((s) => multiplierFor(s));
  }

  /** The shape and filling of entry q (taken modulo the size). */
  at(q: number): { shape: number; filling: number } {
    const at = q % this.size;
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.segments[mid]!.start <= at) lo = mid;
      else hi = mid - 1;
    }
    const segment = this.segments[lo]!;
    const offset = at - segment.start;
    const shape = this.order[offset % segment.shapes]!;
    const level = segment.level + Math.floor(offset / segment.shapes);
    // Fillings in a scrambled order, so neighbouring records do not just count a number up by one.
    const size = this.sizes[shape]!;
    return { shape, filling: (level * this.multipliers[shape]! + shape) % size };
  }
}

const PRIMES = [40503, 40507, 40529, 40531, 40543];

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function multiplierFor(size: number): number {
  return PRIMES.find((p) => gcd(p, size) === 1) ?? 1;
}
