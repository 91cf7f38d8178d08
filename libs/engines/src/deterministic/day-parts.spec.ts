import { describe, expect, it } from 'vitest';
import { dayPartsOf, twelveHoursIn } from './day-parts';
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
