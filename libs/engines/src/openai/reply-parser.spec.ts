import { describe, expect, it } from 'vitest';
import { completionCacheKey } from './completion-cache';
import { parseRecordsReply } from './reply-parser';
import { splitUsage } from './token-split';

describe(parseRecordsReply.name, () => {
  it('accepts {"records":[...]}, {"data":[...]}, a bare array, one bare record, fences, prose and <think>', () => {
    const one = { records: [{ a: 1 }], error: null };
    expect(parseRecordsReply('{"records":[{"a":1}]}')).toEqual(one);
    expect(parseRecordsReply('{"data":[{"a":1}]}')).toEqual(one);
    expect(parseRecordsReply('[{"a":1}]')).toEqual(one);
    expect(parseRecordsReply('{"a":1}')).toEqual(one);
    expect(parseRecordsReply('<think>hmm [x]</think>Here you go:\n```json\n{"records":[{"a":1}]}\n```')).toEqual(one);
    expect(parseRecordsReply('Sure! {"records":[{"a":1}]}')).toEqual(one);
  });

  it('keeps the complete records of a reply cut at the token limit and names the cut', () => {
    const parsed = parseRecordsReply('{"records": [{"a":1,"s":"x}"}, {"a":2}, {"a":3,"s":"unterm', true);
    expect(parsed.records).toEqual([{ a: 1, s: 'x}' }, { a: 2 }]);
    expect(parsed.error).toBe('reply: cut off at the token limit after 2 complete records');
  });

  it('names what is wrong with an unusable reply', () => {
    expect(parseRecordsReply('{"records": [{"oops"')).toMatchObject({
      records: [],
      error: expect.stringMatching(/^reply: not valid JSON/),
    });
    expect(parseRecordsReply('  ')).toEqual({ records: [], error: 'reply: empty' });
  });
});

describe(splitUsage.name, () => {
  it('splits into integers that sum exactly, the remainder on the first record', () => {
    const shares = splitUsage({ prompt_tokens: 101, completion_tokens: 7 }, 3);
    expect(shares).toEqual([
      { prompt_tokens: 35, completion_tokens: 3 },
      { prompt_tokens: 33, completion_tokens: 2 },
      { prompt_tokens: 33, completion_tokens: 2 },
    ]);
  });
});

describe(completionCacheKey.name, () => {
  const input = {
    messages: [{ role: 'user' as const, content: 'hi' }],
    model: 'm',
    temperature: 0.7,
    max_tokens: 100,
    response_format: { type: 'json_object' as const },
    schema_version: 'tpl@1',
  };

  it('is a sha256 that ignores key order and changes with any input', () => {
    const reordered = {
      schema_version: 'tpl@1',
      response_format: { type: 'json_object' as const },
      max_tokens: 100,
      temperature: 0.7,
      model: 'm',
      messages: input.messages,
    };
    expect(completionCacheKey(input)).toMatch(/^[0-9a-f]{64}$/);
    expect(completionCacheKey(reordered)).toBe(completionCacheKey(input));
    expect(completionCacheKey({ ...input, temperature: 0.8 })).not.toBe(completionCacheKey(input));
  });
});
