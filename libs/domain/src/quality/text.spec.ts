import { describe, expect, it } from 'vitest';
import { foldText, withinOneEdit, wordTokens } from './text';

describe(foldText.name, () => {
  it('folds case, accents, width, quotes and spacing', () => {
    expect(foldText('  Größe  ÉTÉ ＡＢＣ ’quoted’ ')).toBe("große ete abc 'quoted'");
  });
});

describe(wordTokens.name, () => {
  it('drops punctuation, writes every number as 0 and splits CJK into characters', () => {
    expect(wordTokens('Waist 32 is too tight, send 34!')).toEqual(['waist', '0', 'is', 'too', 'tight', 'send', '0']);
    expect(wordTokens('静かな')).toEqual(['静', 'か', 'な']);
    expect(wordTokens('連休中ですが、15時')).toEqual(['連', '休', '中', 'で', 'す', 'が', '0', '時']);
  });
});

describe(withinOneEdit.name, () => {
  it('accepts one substituted, added or dropped token and nothing more', () => {
    expect(withinOneEdit(['a', 'b', 'c'], ['a', 'x', 'c'])).toBe(true);
    expect(withinOneEdit(['a', 'b', 'c'], ['a', 'c'])).toBe(true);
    expect(withinOneEdit(['a', 'b'], ['a', 'b', 'c'])).toBe(true);
    expect(withinOneEdit(['a', 'b', 'c', 'd'], ['a', 'x', 'y', 'd'])).toBe(false);
    expect(withinOneEdit(['a', 'b', 'c'], ['b', 'c', 'd'])).toBe(false);
  });
});
