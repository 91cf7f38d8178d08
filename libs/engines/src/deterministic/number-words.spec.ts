import { describe, expect, it } from 'vitest';
import { countsIn, countWord, countWordsOf } from './number-words';

describe(countsIn.name, () => {
  it('finds counts written as whole words, keeping their capital', () => {
    const en = countWordsOf('en-US')!;
    const text = 'Two mugs have chips; the other two are fine, someone said.';
    const found = countsIn(text, en);
    expect(found.map((c) => [text.slice(c.start, c.end), c.value, c.capital])).toEqual([
      ['Two', 2, true],
      ['two', 2, false],
    ]);
  });

  it('leaves a text with digits as it is (two children aged 6 and 9)', () => {
    expect(countsIn('Two children aged 6 and 9.', countWordsOf('en-GB')!)).toEqual([]);
  });

  it('reads a Chinese or Japanese numeral only before a counter', () => {
    const zh = countWordsOf('zh-CN')!;
    expect(countsIn('包裹在中转站滞留三天，预计晚两天送达。', zh).map((c) => c.value)).toEqual([3, 2]);
    expect(countsIn('三月到货，十分满意。', zh)).toEqual([]);
  });

  it('has no list where count words inflect', () => {
    expect(countWordsOf('ru-RU')).toBeNull();
    expect(countWordsOf('pt-BR')).toBeNull();
  });
});

describe(countWord.name, () => {
  it('writes a count in the locale, within two to twelve', () => {
    expect(countWord(3, countWordsOf('de-DE')!, true)).toBe('Drei');
    expect(countWord(2, countWordsOf('zh-CN')!, false)).toBe('两');
    expect(countWord(40, countWordsOf('fr-FR')!, false)).toBe('douze');
  });
});

describe(`${countWord.name} and lorem`, () => {
  it('never writes a count that is also a lorem ipsum word', () => {
    expect(countWord(3, countWordsOf('es-ES')!, false)).not.toBe('tres');
  });
});
