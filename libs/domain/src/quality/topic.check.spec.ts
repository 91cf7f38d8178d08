import { describe, expect, it } from 'vitest';
import { recordSchemaSchema } from '@vs/contracts';
import { revisionProfile } from '../exemplar-profile';
import { checked, goodOrder, orderProfile } from './quality-checks.fixtures';
import { compileTopicCheck } from './topic.check';

describe(compileTopicCheck.name, () => {
  const check = compileTopicCheck(orderProfile());
  const topic = (note: string, subchapter = 'first_purchase') =>
    check(checked(goodOrder({ customer_note: note }), 'en-US', subchapter))[0]?.message ?? null;

  it('charges prose that shares no word with the revision', () => {
    expect(topic('The weather in Lisbon was lovely and we visited the castle yesterday.')).toBe(
      'shares no word with what the revision is about',
    );
  });

  it('charges prose about another subject, unless the revision itself speaks of it', () => {
    const findings = check(
      checked(goodOrder({ customer_note: 'Cream the butter and sugar, add two eggs and bake at 180 degrees.' })),
    );
    expect(findings[0]?.message).toBe('4 words about cooking, not what the revision is about');
    expect(findings.reduce((sum, f) => sum + f.penalty, 0)).toBeGreaterThan(0.4);
    const brother = check(checked(goodOrder({ customer_note: 'My brother loves the headphones, please wrap them.' })));
    expect(brother.filter((f) => f.message.includes('about cooking'))).toEqual([]);
  });

  it('leaves a subject alone in a revision that is about it', () => {
    const schema = recordSchemaSchema.parse({ fields: [{ name: 'note', type: 'text' }] });
    const cooking = revisionProfile(
      schema,
      [
        {
          exemplar_id: 'k1',
          locale: 'en-US',
          subchapter_key: 'baking',
          record: { note: 'Bake the dough in a hot oven.' },
        },
        {
          exemplar_id: 'k2',
          locale: 'en-US',
          subchapter_key: 'baking',
          record: { note: 'Add flour, butter and sugar.' },
        },
      ],
      [{ subchapter_key: 'baking', title: 'Baking recipes' }],
    );
    const findings = compileTopicCheck(cooking)(
      checked({ note: 'Cream the butter and sugar, add two eggs and bake at 180 degrees.' }, 'en-US', 'baking'),
    );
    expect(findings.filter((f) => f.message.includes('about cooking'))).toEqual([]);
  });

  it('charges prose that reads like another subchapter', () => {
    expect(topic('Accidentally ordered twice, please cancel and refund the duplicate order.')).toBe(
      'reads like subchapter refund_request, not first_purchase',
    );
    expect(
      topic('Accidentally ordered twice, please cancel and refund the duplicate order.', 'refund_request'),
    ).toBeNull();
  });
});
