import { describe, expect, it } from 'vitest';
import { CopyGuard, normalisedWords, withinOneWord } from './copy-guard';

describe(CopyGuard.name, () => {
  const guard = new CopyGuard(
    ['Waist 32 is too tight, please send 34 instead.', '電気ケトルが二日で壊れました。'],
    'en-US',
  );

  it('sees an exemplar through case, punctuation, spacing and digit changes', () => {
    expect(guard.isCopy('waist 30 is TOO tight please send 32 instead')).toBe(true);
  });

  it('sees an exemplar with one word added, removed or replaced', () => {
    expect(guard.isCopy('Waist 32 is far too tight, please send 34 instead.')).toBe(true);
    expect(guard.isCopy('Waist 32 is tight, please send 34 instead.')).toBe(true);
    expect(guard.isCopy('Waist 32 is too loose, please send 34 instead.')).toBe(true);
  });

  it('lets a text through that differs by two words or more', () => {
    expect(guard.isCopy('Waist 32 is too tight.')).toBe(false);
  });

  it('cuts scripts without spaces into words', () => {
    expect(normalisedWords('電気ケトルが二日で壊れました。', 'ja-JP').length).toBeGreaterThan(3);
  });
});

describe(withinOneWord.name, () => {
  it('counts one edit at most', () => {
    expect(withinOneWord(['a', 'b', 'c'], ['a', 'x', 'c'])).toBe(true);
    expect(withinOneWord(['a', 'b', 'c'], ['a', 'c'])).toBe(true);
    expect(withinOneWord(['a', 'b', 'c'], ['x', 'y', 'c'])).toBe(false);
    expect(withinOneWord(['a', 'b'], ['a', 'b', 'c', 'd'])).toBe(false);
  });
});

describe(normalisedWords.name, () => {
  it('segments Chinese even when a digit stood where a word was', () => {
    const guard = new CopyGuard(['电话无人接听,明天再次派送。'], 'zh-CN');
    expect(guard.isCopy('电话无人接听，3天后再次派送。')).toBe(true);
  });
});

describe(`${CopyGuard.name} verdicts`, () => {
  it('answers a repeated candidate the same way as the first time', () => {
    const guard = new CopyGuard(['Die Vase war in Scherben, Fotos habe ich gemacht.'], 'de-DE');
    for (let i = 0; i < 3; i++) {
      expect(guard.isCopy('Die Vase war in Scherben, Fotos habe ich.')).toBe(true);
      expect(guard.isCopy('Die Vase war in Scherben.')).toBe(false);
    }
  });
});

describe(`${CopyGuard.name} in Chinese`, () => {
  it('reads a count in Han numerals as a digit', () => {
    const guard = new CopyGuard(['高原线路受天气影响，预计晚两天送达。'], 'zh-CN');
    expect(guard.isCopy('高原线路受天气影响，预计晚四天送达。')).toBe(true);
  });
});
