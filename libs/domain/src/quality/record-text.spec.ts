import { describe, expect, it } from 'vitest';
import { RecordText } from './record-text';

describe(RecordText.name, () => {
  it('folds and tokenises a text field once, and gives nothing for other values', () => {
    const text = new RecordText({ note: 'Größe 39 — ORD-104233 bitte!', quantity: 2 });
    expect(text.folded('note')).toBe('große 39 — ord-104233 bitte!');
    expect(text.words('note')).toEqual(['große', '39', 'ord', '104233', 'bitte']);
    expect(text.contentWords('note')).toEqual(['große', 'ord', 'bitte']);
    expect(text.words('note')).toBe(text.words('note'));
    expect(text.words('quantity')).toEqual([]);
  });
});
