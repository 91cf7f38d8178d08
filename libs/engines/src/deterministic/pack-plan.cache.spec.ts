import { describe, expect, it } from 'vitest';
import { customers, pack } from './deterministic-engine.fixtures';
import { PackPlanCache } from './pack-plan.cache';

describe(PackPlanCache.name, () => {
  it('learns a plan once for packs that differ only in their record range', () => {
    const cache = new PackPlanCache();
    const first = cache.planFor(pack(customers, 'de-DE', 0, 10));
    const again = cache.planFor({ ...pack(customers, 'de-DE', 3, 40) });
    expect(again).toBe(first);
  });

  it('learns another plan for another locale, reference instant or set of exemplars', () => {
    const cache = new PackPlanCache();
    const base = pack(customers, 'de-DE', 0, 10);
    const plan = cache.planFor(base);
    expect(cache.planFor(pack(customers, 'ja-JP', 0, 10))).not.toBe(plan);
    expect(cache.planFor({ ...base, reference_at: '2026-01-01T00:00:00Z' })).not.toBe(plan);
    expect(cache.planFor({ ...base, exemplars: base.exemplars.slice(0, 1) })).not.toBe(plan);
  });
});
