import { describe, expect, it } from 'vitest';
import { slotChoicesOf } from './slot-choices';
import { calendarOf, learnTextSource } from './text-template';

const source = (text: string, locale = 'en-US') => learnTextSource('x', text, {}, [], calendarOf(locale));

describe(slotChoicesOf.name, () => {
  it('moves the numbers of one text by one factor, keeping their order', () => {
    const { slots } = source('Waist 32 is too tight, please send 34 instead.');
    const choices = slotChoicesOf(slots);
    expect(choices.size).toBeGreaterThan(10);
    for (let n = 0; n < choices.size; n++) {
      const [a, b] = slots.map((s) => choices.choose(n).get(s) as number);
      expect(a).toBeLessThanOrEqual(b!);
    }
  });

  it('gives a weekday each of the six other days', () => {
    const { slots } = source('Graduation is Saturday, can you upgrade to express?');
    const choices = slotChoicesOf(slots);
    const days = new Set(Array.from({ length: choices.size }, (_, n) => choices.choose(n).get(slots[0]!)));
    expect(days.size).toBe(6);
    expect(days.has('Saturday')).toBe(false);
  });

  it('keeps a temperature within a plausible step of its own', () => {
    const { slots } = source('Fièvre à 38,7 °C chez un nourrisson.', 'fr-FR');
    const choices = slotChoicesOf(slots);
    for (let n = 0; n < choices.size; n++) {
      const t = choices.choose(n).get(slots[0]!) as number;
      expect(Math.abs(t - 38.7)).toBeLessThan(0.8);
    }
  });

  it('moves yesterday up to six days back, never to the future or to yesterday again', () => {
    const { slots } = source('The party was yesterday; they are unused and still sealed.');
    const choices = slotChoicesOf(slots);
    const days = Array.from({ length: choices.size }, (_, n) => choices.choose(n).get(slots[0]!));
    expect(days).toEqual(['2 days ago', '3 days ago', '4 days ago', '5 days ago', '6 days ago']);
  });

  it('has a single filling for a text without free slots', () => {
    expect(slotChoicesOf(source('Please leave the parcel with the concierge.').slots).size).toBe(1);
  });
});
