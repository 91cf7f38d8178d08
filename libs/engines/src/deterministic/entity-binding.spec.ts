import { describe, expect, it } from 'vitest';
import type { RecordFields } from '@vs/contracts';
import { boundWordsOf, mayBorrow, valueWordsOf } from './entity-binding';
import { calendarOf, learnTextSource, type EntityField } from './text-template';

const entities: EntityField[] = [
  { field: 'product_name', kind: 'field' },
  { field: 'quantity', kind: 'number' },
];
const calendar = { ...calendarOf('en-US'), places: [] };

function source(id: string, text: string, record: RecordFields) {
  return learnTextSource(id, text, record, entities, calendar);
}

describe('entity binding', () => {
  const mugRecord = { product_name: 'Speckled Ceramic Mug', quantity: 4 };
  const shelfRecord = { product_name: 'Oak Veneer Bookshelf', quantity: 1 };

  it("finds the exemplar's own thing its text names, give or take an ending", () => {
    const mugs = source('e1', 'Two mugs have chips on the rim.', mugRecord);
    expect([...boundWordsOf(mugs, valueWordsOf(mugRecord, entities))]).toEqual(['mug']);
  });

  it('does not bind a word that merely starts like a value word', () => {
    const record = { product_name: 'Thermos Flask', quantity: 1 };
    const text = source('e2', 'The lid was loose when it arrived.', record);
    expect(boundWordsOf(text, valueWordsOf(record, entities)).size).toBe(0);
  });

  it("refuses to borrow a sentence about another exemplar's thing, allows one about the anchor's own", () => {
    const mugs = source('e1', 'Two mugs have chips on the rim.', mugRecord);
    const bound = boundWordsOf(mugs, valueWordsOf(mugRecord, entities));
    expect(mayBorrow(bound, valueWordsOf(shelfRecord, entities))).toBe(false);
    expect(mayBorrow(bound, valueWordsOf({ product_name: 'Speckled Ceramic Mug – Plum' }, entities))).toBe(true);
  });

  it('lets any anchor borrow a sentence that names nothing of its exemplar', () => {
    const neutral = source('e3', 'Please call before you deliver.', shelfRecord);
    const bound = boundWordsOf(neutral, valueWordsOf(shelfRecord, entities));
    expect(mayBorrow(bound, valueWordsOf(mugRecord, entities))).toBe(true);
  });
});
