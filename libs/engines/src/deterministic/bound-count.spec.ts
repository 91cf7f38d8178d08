import { describe, expect, it } from 'vitest';
import type { RecordDraft } from './record-draft';
import { SeededRandom } from './seeded-random';
import { slotChoicesOf } from './slot-choices';
import { fillerFor } from './slot-filler';
import { render, type ComposeOptions } from './text-composer';
import { shapesOf } from './text-shapes';
import { calendarOf, learnTextSource, type Slot } from './text-template';

const options: ComposeOptions = { lowerCaseMidSentence: true, sentenceGap: ' ', fullStop: '.' };
const years = [{ field: 'years_experience', kind: 'number' as const }];
const salle = learnTextSource(
  's',
  'Sept ans en salle, dont trois comme chef de rang.',
  { years_experience: 7 },
  years,
  calendarOf('fr-FR'),
);

function written(value: unknown, loose = false): string | null {
  const draft = {
    random: new SeededRandom('count'),
    values: { years_experience: value },
    people: new Map(),
    mainPerson: null,
  } as unknown as RecordDraft;
  const whole = shapesOf(salle, [], options).find((s) => s.pieces[0]!.clauses.length === 2)!;
  return render(whole.pieces, fillerFor(draft, new Map(), loose), options);
}

describe('a count that states a number field', () => {
  it("is bound to the field whose exemplar value it writes, and the text's other counts move with it", () => {
    expect(salle.slots).toEqual([
      expect.objectContaining({ kind: 'count', value: 7, bound: { field: 'years_experience', base: 7 } }),
      expect.objectContaining({ kind: 'count', value: 3, bound: { field: 'years_experience', base: 7 } }),
    ]);
  });

  it("writes the record's own value, never another count (Neuf ans for a record of three years)", () => {
    expect(written(5)).toBe('Cinq ans en salle, dont deux comme chef de rang.');
    expect(written(14)).toBe('14 ans en salle, dont six comme chef de rang.');
    expect(written(9.6)).toBe('Dix ans en salle, dont quatre comme chef de rang.');
  });

  it('gives no text where no count reads right (one year), unless asked for the nearest one', () => {
    expect(written(1)).toBeNull();
    // Three years: "dont un" would be singular, so this shape gives way to another variant.
    expect(written(3)).toBeNull();
    expect(written('n/a')).toBeNull();
    expect(written(1, true)).toBe('Deux ans en salle, dont deux comme chef de rang.');
  });

  it('is left alone by the free counts of texts that state no field', () => {
    const free = learnTextSource('f', 'Sept ans en salle.', { years_experience: 4 }, years, calendarOf('fr-FR'));
    expect(free.slots[0]).not.toHaveProperty('bound');
    expect(slotChoicesOf(free.slots).size).toBeGreaterThan(1);
  });
});

describe(slotChoicesOf.name, () => {
  it("counts a record value's texts as the values the field takes: a town of 24, not 64", () => {
    const town: Slot = { kind: 'field', field: 'city' };
    const name: Slot = { kind: 'given', field: 'customer_name' };
    const spreadOf = (s: Slot) => (s === town ? 24 : 64);
    expect(slotChoicesOf([town], spreadOf).size).toBe(24);
    expect(slotChoicesOf([town, name], spreadOf).size).toBe(64);
    expect(slotChoicesOf([{ kind: 'field', field: 'country' }], () => 1).size).toBe(1);
  });
});
