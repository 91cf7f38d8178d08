/**
 * Total-variation distance between two categorical distributions given as counts: half the sum of the
 * absolute differences of their shares (0 = identical, 1 = disjoint). SDMetrics' TVComplement is 1 − this.
 */
export function totalVariationDistance(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const totalA = sum(a.values());
  const totalB = sum(b.values());
  if (totalA === 0 || totalB === 0) return totalA === totalB ? 0 : 1;
  let distance = 0;
  for (const key of new Set([...a.keys(), ...b.keys()]))
    distance += Math.abs((a.get(key) ?? 0) / totalA - (b.get(key) ?? 0) / totalB);
  return clamp01(distance / 2);
}

/**
 * Two-sample Kolmogorov-Smirnov statistic: the largest gap between the empirical distribution functions
 * of two samples, both sorted ascending (ties handled by stepping past equal values together).
 */
export function ksStatistic(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : 1;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i]!, b[j]!);
    while (i < a.length && a[i]! <= x) i++;
    while (j < b.length && b[j]! <= x) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return clamp01(d);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
