import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random';
import { composeTexts, lendersOf, type ComposeOptions } from './text-composer';
import { calendarOf, learnTextSource } from './text-template';

const options: ComposeOptions = { lowerCaseMidSentence: true, sentenceGap: ' ', fullStop: '.' };
const calendar = calendarOf('en-US');
const damaged = learnTextSource('a', 'The mugs have chips on the rim; the other pieces are fine.', {}, [], calendar);
const cracked = learnTextSource(
  'b',
  'The lid was cracked in transit, the box itself looks untouched.',
  {},
  [],
  calendar,
);

describe(composeTexts.name, () => {
  it("closes a cut sentence with another exemplar's whole closing clause, never half of one", () => {
    const texts = new Set<string>();
    for (let i = 0; i < 200; i++)
      for (const text of composeTexts(
        cracked,
        [],
        () => null,
        new SeededRandom(`r${i}`),
        options,
        2,
        lendersOf([damaged], options),
      ))
        texts.add(text);
    expect(texts).toContain('The lid was cracked in transit, the other pieces are fine.');
    for (const text of texts) expect(text).toMatch(/^(The lid was cracked in transit|The mugs)/);
  });

  it('capitalises a sentence that moved to the front of another', () => {
    const texts = new Set<string>();
    for (let i = 0; i < 100; i++)
      for (const text of composeTexts(damaged, [cracked], () => null, new SeededRandom(`s${i}`), options))
        texts.add(text);
    for (const text of texts) expect(text.split(/(?<=\.) /).every((s) => /^\p{Lu}/u.test(s))).toBe(true);
  });
});

describe(lendersOf.name, () => {
  it('lends nothing in scripts written without spaces', () => {
    const zh = learnTextSource('c', '需要本人签收，收件人不在家，已改约周六。', {}, [], calendarOf('zh-CN'));
    expect(lendersOf([zh], { ...options, sentenceGap: '', fullStop: '。' })).toEqual([]);
  });
});
