/**
 * MinHash signatures of token sets: the share of equal positions in two signatures estimates the
 * sets' Jaccard similarity, so near-duplicates are found without keeping the texts. 128 positions keep
 * the estimate's spread near ±0.045, so two records at 0.55 (different people, one stock sentence) reach
 * the 0.75 threshold about once in 300,000 comparisons (64 positions let one in a thousand through); each
 * keeps 16 bits of a hash of its minimum (a false match per position 1 in 65,536), so a signature is 256 bytes.
 */
export const MINHASH_SIZE = 128;

export function fnv1a(text: string): number {
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

const SEEDS = Uint32Array.from({ length: MINHASH_SIZE }, (_, i) => mix(Math.imul(0x9e3779b9, i + 1)));
const MULTIPLIERS = Uint32Array.from({ length: MINHASH_SIZE }, (_, i) => mix(Math.imul(0x7f4a7c15, i + 7)) | 1);

/** The hash of a token's `copy`-th copy (a token weighing more is put in several times). */
export function copyHash(hash: number, copy: number): number {
  return copy === 0 ? hash : mix(hash + Math.imul(copy, 0x9e3779b9));
}

/** The signature of a non-empty set of token hashes (fnv1a, copyHash). */
export function minhashOfHashes(hashes: Iterable<number>): Uint16Array {
  const mins = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const h of new Set(hashes)) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      // One multiply and shift per position: the token hash is already well mixed, this only permutes it.
      let v = Math.imul(h ^ SEEDS[i]!, MULTIPLIERS[i]!);
      v = (v ^ (v >>> 15)) >>> 0;
      if (v < mins[i]!) mins[i] = v;
    }
  }
  const signature = new Uint16Array(MINHASH_SIZE);
  // 16 bits of a hash of each minimum, not its top bits: minima cluster near zero, their top bits would often collide.
  for (let i = 0; i < MINHASH_SIZE; i++) signature[i] = mix(mins[i]! ^ 0x5bd1e995) & 0xffff;
  return signature;
}

/** The signature of a non-empty token set. */
export function minhash(tokens: Iterable<string>): Uint16Array {
  return minhashOfHashes(Array.from(tokens, fnv1a));
}

/** Estimated Jaccard similarity of two signatures' sets (b read from `offsetB`). */
export function similarity(a: Uint16Array, b: Uint16Array, offsetB = 0): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[offsetB + i]) same++;
  return same / MINHASH_SIZE;
}
