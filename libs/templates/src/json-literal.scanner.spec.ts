import { describe, expect, it } from 'vitest';
import { formatJsonPath, isPlainInteger, scanJsonLiterals } from './json-literal.scanner';

describe(scanJsonLiterals.name, () => {
  it('records each number literal as written, with its path', () => {
    const scan = scanJsonLiterals('{"a":2e0,"b":[1, 2.0,{"c":-0}],"d":"3e1","e":true}', 8);
    expect(scan.numbers).toEqual([
      { path: ['a'], literal: '2e0' },
      { path: ['b', 0], literal: '1' },
      { path: ['b', 1], literal: '2.0' },
      { path: ['b', 2, 'c'], literal: '-0' },
    ]);
  });

  it('finds a key repeated in one object, but not the same key in sibling objects', () => {
    expect(scanJsonLiterals('[{"a":1},{"a":2}]', 8).duplicateKey).toBeNull();
    expect(scanJsonLiterals('{"x":{"a":1,"b":{"a":0},"a":2}}', 8).duplicateKey).toEqual(['x', 'a']);
  });

  it('reads keys through their escapes, so "\\u0061" and "a" are the same key', () => {
    expect(scanJsonLiterals('{"a":1,"\\u0061":2}', 8).duplicateKey).toEqual(['a']);
    expect(scanJsonLiterals('{"\\"a":1,"a":2}', 8).duplicateKey).toBeNull();
  });

  it('treats a string value that looks like a key as a value', () => {
    expect(scanJsonLiterals('{"a":"a","b":"a"}', 8).duplicateKey).toBeNull();
  });

  it('finds a __proto__ key, also written with escapes', () => {
    expect(scanJsonLiterals('{"x":[{"__proto__":{}}]}', 8).prototypeKey).toEqual(['x', 0, '__proto__']);
    expect(scanJsonLiterals('{"\\u005f_proto__":1}', 8).prototypeKey).toEqual(['__proto__']);
  });

  it('stops at the depth limit without recursing', () => {
    expect(scanJsonLiterals('['.repeat(100_000) + ']'.repeat(100_000), 32).tooDeep).toBe(true);
    expect(scanJsonLiterals('[[[]]]', 3).tooDeep).toBe(false);
  });
});

describe(isPlainInteger.name, () => {
  it.each(['0', '2', '-7', '9007199254740991'])('accepts %s', (literal) => expect(isPlainInteger(literal)).toBe(true));
  it.each(['2e0', '2.0', '-0', '1e400', '9007199254740992', '01'])('refuses %s', (literal) =>
    expect(isPlainInteger(literal)).toBe(false),
  );
});

describe(formatJsonPath.name, () => {
  it('writes paths the way error bodies name fields', () => {
    expect(formatJsonPath(['a', 0, 'b'])).toBe('a[0].b');
    expect(formatJsonPath([])).toBe('(body)');
  });
});
