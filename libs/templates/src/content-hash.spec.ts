import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './content-hash';
import { formatPath } from './zod-issues';

describe('canonicalJson', () => {
  it('hashes equal content equally whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}',
    );
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
  });

  it('ignores undefined keys, so an absent optional field equals an omitted one', () => {
    expect(contentHash({ a: 1, semantic: undefined })).toBe(contentHash({ a: 1 }));
  });
});

describe('formatPath', () => {
  it('writes array indexes in brackets, as an operator finds them in the file', () => {
    expect(formatPath(['templates', 1, 'revisions', 0, 'chapters', 2, 'title'])).toBe(
      'templates[1].revisions[0].chapters[2].title',
    );
    expect(formatPath([])).toBe('(root)');
  });
});
