import { describe, expect, it } from 'vitest';
import { halfOf, shareOf } from './shared-fillings';
import { slotChoicesOf } from './slot-choices';
import { render, type ComposeOptions } from './text-composer';
import { shapesOf } from './text-shapes';
import { calendarOf, learnTextSource, type Slot } from './text-template';

const options: ComposeOptions = { lowerCaseMidSentence: true, sentenceGap: ' ', fullStop: '.' };
const calendar = calendarOf('es-ES');
const portero = learnTextSource('a', 'Entregado al portero el lunes.', {}, [], calendar);
const vecina = learnTextSource('b', 'Entregado a la vecina del segundo el martes.', {}, [], calendar);
const anchors = new Set([portero, vecina]);

/** Every text an anchor's two-sentence shapes can write, with the half of their fillings that anchor takes. */
function textsOf(anchor: typeof portero, other: typeof portero): string[] {
  return shapesOf(anchor, [other], options)
    .filter((s) => s.tier === 1)
    .flatMap((shape) => {
      const all = slotChoicesOf(shape.slots);
      const part = shareOf(shape, anchor, anchors);
      const own = part === null ? all : halfOf(all, part);
      return Array.from({ length: own.size }, (_, n) => {
        const chosen = own.choose(n);
        return render(shape.pieces, (s: Slot) => String(chosen.get(s) ?? ''), options)!;
      });
    });
}

describe(shareOf.name, () => {
  it('gives the anchor whose sentence comes first the even fillings and the other the odd ones', () => {
    const [own, borrowedFirst] = shapesOf(portero, [vecina], options).filter((s) => s.tier === 1);
    expect(shareOf(own!, portero, anchors)).toBe(0);
    expect(shareOf(borrowedFirst!, portero, anchors)).toBe(1);
    expect(shareOf(own!, portero, new Set([portero]))).toBeNull();
  });

  it('lets two anchors of one subchapter never write the same two-sentence text', () => {
    const a = textsOf(portero, vecina);
    const b = textsOf(vecina, portero);
    expect(a.length).toBeGreaterThan(20);
    expect(new Set(a).size).toBe(a.length);
    expect(a.filter((t) => b.includes(t))).toEqual([]);
    // Between them they still write every text either could.
    expect(new Set([...a, ...b]).size).toBe(a.length + b.length);
  });
});

describe(halfOf.name, () => {
  it('splits the fillings in two halves that together hold each one once', () => {
    const all = { size: 7, choose: (n: number) => new Map<Slot, number>([[{ kind: 'email-domain' }, n]]) };
    const seen = [0, 1].flatMap((part) => {
      const half = halfOf(all, part as 0 | 1);
      return Array.from({ length: half.size }, (_, n) => [...half.choose(n).values()][0]);
    });
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
