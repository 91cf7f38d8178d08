import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deriveJobScopedId, packId, recordId } from './record-ids';

const JOB = '5f1c7a52-0b8e-4c2e-9d51-2f6b1a0c9e11';

describe(deriveJobScopedId.name, () => {
  it('returns the same id for the same job and parts', () => {
    expect(deriveJobScopedId(JOB, 'x', 1)).toBe(deriveJobScopedId(JOB, 'x', 1));
  });

  it('returns a UUID that zod accepts, with version 5 and the RFC 4122 variant', () => {
    const id = deriveJobScopedId(JOB, 'record', 0, 7);
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(id[14]).toBe('5');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });

  it('keeps part boundaries so concatenation-equal parts give different ids', () => {
    expect(deriveJobScopedId(JOB, 'a', 'bc')).not.toBe(deriveJobScopedId(JOB, 'ab', 'c'));
    expect(deriveJobScopedId(JOB, 1)).not.toBe(deriveJobScopedId(JOB, '1'));
  });

  it('scopes ids to the job', () => {
    expect(deriveJobScopedId(JOB, 'x')).not.toBe(deriveJobScopedId('other-job', 'x'));
  });
});

describe(recordId.name, () => {
  it('gives distinct ids to every record of a job and never equals a pack id', () => {
    const ids = new Set<string>();
    for (let pack = 0; pack < 20; pack++) {
      ids.add(packId(JOB, pack));
      for (let index = pack * 50; index < pack * 50 + 50; index++) ids.add(recordId(JOB, pack, index));
    }
    expect(ids.size).toBe(20 + 20 * 50);
  });

  it('derives the pinned golden ids, so a change to the derivation fails loudly', () => {
    expect(recordId(JOB, 0, 0)).toBe('849520e7-a678-5c7f-b84e-d220a1b7a8df');
    expect(packId(JOB, 3)).toBe('abafafc1-cc2b-54d1-b036-0756c1773e12');
  });
});
