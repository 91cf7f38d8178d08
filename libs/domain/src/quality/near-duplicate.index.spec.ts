import { describe, expect, it } from 'vitest';
import { minhash } from './minhash';
import { NearDuplicateIndex } from './near-duplicate.index';

const words = (text: string) => text.split(' ');
const note = 'please leave the parcel with the building concierge on the ground floor today';

describe(NearDuplicateIndex.name, () => {
  it('finds a record one word away and not an unrelated one or the record itself', () => {
    const index = new NearDuplicateIndex();
    index.remember(minhash(words(note)), 'r1');
    expect(index.duplicateOf(minhash(words(note.replace('today', 'tomorrow'))), 'r2')).toBe('r1');
    expect(
      index.duplicateOf(minhash(words('the blender arrived with a cracked jar and no lid at all')), 'r3'),
    ).toBeNull();
    expect(index.duplicateOf(minhash(words(note)), 'r1')).toBeNull();
  });

  it('forgets the oldest records once its capacity is reached, keeping memory bounded', () => {
    const index = new NearDuplicateIndex(1024);
    for (let i = 0; i < 3000; i++) index.remember(minhash([`w${i}`, `x${i}`, `y${i}`, `z${i}`]), `r${i}`);
    expect(index.size).toBe(1024);
    expect(index.duplicateOf(minhash(['w0', 'x0', 'y0', 'z0']), 'new')).toBeNull();
    expect(index.duplicateOf(minhash(['w2999', 'x2999', 'y2999', 'z2999']), 'new')).toBe('r2999');
  });
});
