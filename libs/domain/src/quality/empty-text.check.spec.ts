import { describe, expect, it } from 'vitest';
import { compileEmptyTextCheck } from './empty-text.check';
import { checked, goodOrder, orderProfile } from './quality-checks.fixtures';

describe(compileEmptyTextCheck.name, () => {
  const check = compileEmptyTextCheck(orderProfile());

  it('passes text that says something', () => {
    expect(check(checked(goodOrder()))).toEqual([]);
  });

  it('rejects blank, whitespace-only and letterless required text, and length limits count trimmed text', () => {
    expect(check(checked(goodOrder({ customer_name: '   ' })))[0]).toMatchObject({
      check: 'empty_text',
      field: 'customer_name',
      hard: true,
      message: 'whitespace-only text in a required field',
    });
    expect(check(checked(goodOrder({ customer_name: ' … ' })))[0]?.message).toBe('no letter or digit in the text');
    expect(check(checked(goodOrder({ customer_name: '  Al   ' })))[0]?.message).toBe(
      '2 characters once trimmed, needs 3',
    );
  });

  it('costs a blank optional value a little realism instead of rejecting it', () => {
    expect(check(checked(goodOrder({ customer_note: ' ' })))[0]).toMatchObject({ hard: false, penalty: 0.2 });
  });
});
