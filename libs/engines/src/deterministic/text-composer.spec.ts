import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random';
import { composeTexts, type ComposeOptions } from './text-composer';
import { calendarOf, learnTextSource, type Slot } from './text-template';

const options: ComposeOptions = { lowerCaseMidSentence: true, sentenceGap: ' ', fullStop: '.' };
const calendar = calendarOf('fr-FR');
const caces = learnTextSource(
  'a',
  'Titulaire du CACES, habituée aux cadences en entrepôt et au travail de nuit.',
  {},
  [],
  calendar,
);
const salle = learnTextSource(
  'b',
  'Sept ans en salle, dont trois comme chef de rang ; je parle anglais avec les clients.',
  {},
  [],
  calendar,
);

// The record's count, capitalised where the exemplar's was (Sept ans → Trois ans).
const count = (s: Slot) => (s.kind === 'count' ? (s.capital ? 'Trois' : 'trois') : null);

describe(composeTexts.name, () => {
  it('never moves a clause into another sentence (dont trois… hangs on its own)', () => {
    const texts = new Set<string>();
    for (let i = 0; i < 200; i++)
      for (const text of composeTexts(caces, [salle], count, new SeededRandom(`r${i}`), options)) texts.add(text);
    for (const text of texts) {
      expect(text).not.toMatch(/CACES[^.]*dont/);
      expect(text).not.toMatch(/^dont|\. dont/i);
    }
  });

  it('capitalises a sentence that moved to the front of another', () => {
    const texts = new Set<string>();
    for (let i = 0; i < 100; i++)
      for (const text of composeTexts(caces, [salle], count, new SeededRandom(`s${i}`), options)) texts.add(text);
    expect(texts.size).toBeGreaterThan(2);
    for (const text of texts) expect(text.split(/(?<=\.) /).every((s) => /^\p{Lu}/u.test(s))).toBe(true);
  });
});
