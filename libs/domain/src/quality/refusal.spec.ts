import { describe, expect, it } from 'vitest';
import { refusalGenerationError, refusalInReply, refusalOfGenerationError } from './refusal';

describe(refusalInReply.name, () => {
  it('recognises a refusal in prose in the languages the quality gate lists', () => {
    for (const text of [
      "I'm sorry, but as an AI language model I cannot create records about real people.",
      'I cannot generate personal data about real customers.',
      'Als KI kann ich diese Anfrage nicht erfüllen.',
      '申し訳ありませんが、AIとしてそのリクエストにはお応えできません。',
    ]) {
      expect(refusalInReply(text), text).toBe(text);
    }
  });

  it('leaves JSON replies, and apologies followed by the records, to the parser', () => {
    expect(refusalInReply('{"records":[{"note":"As an AI I cannot"}]}')).toBeNull();
    expect(refusalInReply('I\'m sorry for the delay, here they are: [{"a":1}]')).toBeNull();
    expect(refusalInReply('Here are five records.')).toBeNull();
  });
});

describe(refusalOfGenerationError.name, () => {
  it('reads back the refusal an engine wrote, and nothing from other generation errors', () => {
    expect(refusalOfGenerationError(refusalGenerationError('refused by the model: "No."'))).toBe(
      'refused by the model: "No."',
    );
    expect(refusalOfGenerationError('llm: gave up after 6 attempts: server error (500)')).toBeNull();
  });
});
