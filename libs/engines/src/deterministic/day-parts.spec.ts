import { describe, expect, it } from 'vitest';
import { dayPartsOf, ordinalDay, ordinalDaysIn, twelveHoursIn } from './day-parts';
import { slotChoicesOf } from './slot-choices';
import { calendarOf, learnTextSource } from './text-template';

describe(dayPartsOf.name, () => {
  it("gives another time of day in the text's own language", () => {
    const { slots } = learnTextSource('x', 'Seit heute Morgen starke Schmerzen.', {}, [], calendarOf('de-DE'));
    const choices = slotChoicesOf(slots);
    const parts = new Set(Array.from({ length: choices.size }, (_, n) => choices.choose(n).get(slots[0]!)));
    expect(parts.has('gestern Abend')).toBe(true);
    expect(parts.has('heute Morgen')).toBe(false);
  });

  it('has no times of day for a language it holds no list for', () => {
    expect(dayPartsOf('fi-FI')).toEqual([]);
  });
});

describe(twelveHoursIn.name, () => {
  it('reads 3am and 9 pm as clock times, not quantities', () => {
    expect(twelveHoursIn('a laptop at 3am, a train around 9 pm').map((t) => t.hour)).toEqual([3, 9]);
  });

  it('moves the hour within the same half of the day', () => {
    const { slots } = learnTextSource('x', 'Arriving around 9 pm, please hold the room.', {}, [], calendarOf('en-GB'));
    const choices = slotChoicesOf(slots);
    const hours = Array.from({ length: choices.size }, (_, n) => choices.choose(n).get(slots[0]!) as string);
    expect(hours.every((h) => /^([1-9]|1[01]) pm$/.test(h))).toBe(true);
  });
});

describe(ordinalDaysIn.name, () => {
  it('moves the days of one English text together, keeping their order and suffixes', () => {
    const text = 'My monthly plan was taken on the 1st and again on the 5th.';
    const { slots } = learnTextSource('x', text, {}, [], calendarOf('en-US'));
    const choices = slotChoicesOf(slots);
    expect(choices.size).toBeGreaterThan(5);
    for (let n = 0; n < choices.size; n++) {
      const [a, b] = slots.map((s) => choices.choose(n).get(s) as number);
      expect(b! - a!).toBe(4);
    }
    expect([1, 2, 3, 11, 22].map(ordinalDay)).toEqual(['1st', '2nd', '3rd', '11th', '22nd']);
  });

  it('reads no ordinals outside English', () => {
    expect(ordinalDaysIn('le 1st', 'fr-FR')).toEqual([]);
  });
});
