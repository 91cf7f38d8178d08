/**
 * MinHash signatures of token sets: the share of equal positions in two signatures estimates the
 * sets' Jaccard similarity, so near-duplicates are found without keeping the texts. 128 positions keep
 * the estimate's spread near ±0.045, so two records at 0.55 (different people, one stock sentence) reach
 * the 0.75 threshold about once in 300,000 comparisons (64 positions let one in a thousand through); each
 * keeps 16 bits of a hash of its minimum (a false match per position 1 in 65,536), so a signature is 256 bytes.
 */
export const MINHASH_SIZE = 128;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// murmur3's finaliser: one well-mixed 32-bit hash per (token, seed).
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const SEEDS = Array.from({ length: MINHASH_SIZE }, (_, i) => mix(Math.imul(0x9e3779b9, i + 1)));

/** The signature of a non-empty token set. */
export function minhash(tokens: Iterable<string>): Uint16Array {
  const mins = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const token of new Set(tokens)) {
    const h = fnv1a(token);
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const v = mix(h ^ SEEDS[i]!);
      if (v < mins[i]!) mins[i] = v;
    }
  }
  const signature = new Uint16Array(MINHASH_SIZE);
  // 16 bits of a hash of each minimum, not its top bits: minima cluster near zero, their top bits would often collide.
  for (let i = 0; i < MINHASH_SIZE; i++) signature[i] = mix(mins[i]! ^ 0x5bd1e995) & 0xffff;
  return signature;
}

/** Estimated Jaccard similarity of two signatures' sets (b read from `offsetB`). */
export function similarity(a: Uint16Array, b: Uint16Array, offsetB = 0): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[offsetB + i]) same++;
  return same / MINHASH_SIZE;
}
