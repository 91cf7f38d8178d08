import { describe, expect, it } from 'vitest';
import { anchorTurn } from './record-builder';

describe(anchorTurn.name, () => {
  it("gives an anchor's records of consecutive packs numbers that never meet", () => {
    // A subchapter of 5 exemplars in packs of 50 with 3 anchors each, rotated as the expander rotates them.
    const pool = ['e0', 'e1', 'e2', 'e3', 'e4'];
    const turns = new Map<string, number[]>();
    for (let pack = 0; pack < 6; pack++) {
      const anchors = [0, 1, 2].map((i) => pool[(pack * 3 + i) % pool.length]!);
      for (let index = pack * 50; index < pack * 50 + 50; index++) {
        const anchor = anchors[index % anchors.length]!;
        turns.set(anchor, [...(turns.get(anchor) ?? []), anchorTurn(index, anchors.length, pack)]);
      }
    }
    for (const numbers of turns.values()) expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('numbers the records of one anchor in one pack one after another', () => {
    const own = [3, 6, 9, 12].map((index) => anchorTurn(index, 3, 2));
    expect(own).toEqual([3, 4, 5, 6]);
  });
});
