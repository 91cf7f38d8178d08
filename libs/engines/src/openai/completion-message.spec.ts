import { describe, expect, it } from 'vitest';
import { errorInBody, messageParts, replyText } from './completion-message';

describe(replyText.name, () => {
  it('reads the content first, then tool-call arguments, then reasoning only when it holds JSON', () => {
    const records = '{"records":[{"a":1}]}';
    expect(replyText(messageParts({ content: [{ type: 'text', text: records }], reasoning_content: 'x' }))).toBe(
      records,
    );
    const call = { content: null, tool_calls: [{ type: 'function', function: { name: 'r', arguments: records } }] };
    expect(replyText(messageParts(call))).toBe(records);
    expect(replyText(messageParts({ content: '', reasoning_content: `Sure. ${records}` }))).toBe(`Sure. ${records}`);
    expect(replyText(messageParts({ content: '', reasoning: 'I should think about customers first' }))).toBe('');
  });
});

describe(errorInBody.name, () => {
  it('reads the status a gateway copied into the error, or none, in one line', () => {
    expect(errorInBody({ error: { message: 'model\nnot found', code: 404 } })).toEqual({
      message: 'model not found',
      status: 404,
    });
    expect(errorInBody({ error: { message: 'Provider returned error', code: 'upstream_error' } })).toEqual({
      message: 'Provider returned error',
      status: null,
    });
    expect(errorInBody({ error: 'overloaded' })).toEqual({ message: 'overloaded', status: null });
    expect(errorInBody({ choices: [] })).toBeNull();
  });
});
