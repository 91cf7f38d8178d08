import { describe, expect, it } from 'vitest';
import { checked, goodOrder, orderProfile } from './quality-checks.fixtures';
import { compileScriptCheck } from './script.check';

describe(compileScriptCheck.name, () => {
  const check = compileScriptCheck(orderProfile());

  it('rejects text in another script than the locale writes', () => {
    expect(check(checked(goodOrder({ customer_note: '荷物は管理人に預けてください' })))[0]).toMatchObject({
      check: 'wrong_script',
      field: 'customer_note',
      message: 'written in cjk script, en-US expects latin',
    });
    expect(check(checked(goodOrder({ customer_name: 'Иван Петров' }), 'de-DE'))[0]?.field).toBe('customer_name');
  });

  it('rejects Latin prose in a Japanese record but not a Latin brand name', () => {
    const ja = { customer_note: 'Please leave it at the door', product_name: 'Sony WH-1000XM5' };
    const findings = check(checked(goodOrder({ ...ja, customer_name: '佐藤 花子' }), 'ja-JP'));
    expect(findings.map((f) => f.field)).toEqual(['customer_note']);
  });
});
