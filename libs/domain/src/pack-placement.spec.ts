import { describe, expect, it } from 'vitest';
import { packSpreadKey } from './pack-placement';

describe('packSpreadKey', () => {
  it('spreads the packs of a job without a token budget by their pack id', () => {
    expect(packSpreadKey({ pack_id: 'p-1', token_budget: null })).toBe('p-1');
    expect(packSpreadKey({ pack_id: 'p-2', token_budget: null })).toBe('p-2');
  });

  it("keeps a budgeted job's packs on its job's partition (no spread key: the job_id key places them)", () => {
    expect(packSpreadKey({ pack_id: 'p-1', token_budget: 5_000 })).toBeUndefined();
  });
});
