import { describe, expect, it } from 'vitest';
import { refusalIn } from './refusal.detector';

describe(refusalIn.name, () => {
  it('recognises a refusal in prose in the languages the quality gate lists', () => {
    for (const text of [
      "I'm sorry, but as an AI language model I cannot create records about real people.",
      'I cannot generate personal data about real customers.',
      'Als KI kann ich diese Anfrage nicht erfüllen.',
      '申し訳ありませんが、AIとしてそのリクエストにはお応えできません。',
    ]) {
      expect(refusalIn(text), text).toBe(text);
    }
  });

  it('leaves JSON replies, and apologies followed by the records, to the parser', () => {
    expect(refusalIn('{"records":[{"note":"As an AI I cannot"}]}')).toBeNull();
    expect(refusalIn('I\'m sorry for the delay, here they are: [{"a":1}]')).toBeNull();
    expect(refusalIn('Here are five records.')).toBeNull();
  });
});
