import { describe, expect, it } from 'vitest';
import { calendarOf, formatDay, learnTextSource, SLOT_END, SLOT_START } from './text-template';

const marker = (i: number) => `${SLOT_START}${i}${SLOT_END}`;

describe(learnTextSource.name, () => {
  const calendar = calendarOf('en-US');

  it("turns the exemplar's own names, brands and amounts into slots", () => {
    const source = learnTextSource(
      'e1',
      'There is a $39.99 charge from Cloudnest I never signed up for, Nathan Price.',
      { merchant_name: 'Cloudnest Software LLC', transaction_amount: 39.99, cardholder_name: 'Nathan Price' },
      [
        { field: 'merchant_name', kind: 'organisation' },
        { field: 'transaction_amount', kind: 'number' },
        { field: 'cardholder_name', kind: 'person' },
      ],
      calendar,
    );
    expect(source.slots.map((s) => s.kind)).toEqual(['number', 'brand', 'field']);
    expect(source.sentences[0]!.clauses[0]!.body).toBe(
      `There is a $${marker(0)} charge from ${marker(1)} I never signed up for`,
    );
    expect(source.varies).toBe(true);
  });

  it('finds weekdays, free quantities, ordinal days and clock times, but leaves codes alone', () => {
    const source = learnTextSource(
      'e2',
      'Graduation is Saturday, 3 guests; taken on the 1st at 14:00 with HbA1c.',
      {},
      [],
      calendar,
    );
    expect(source.slots.map((s) => s.kind)).toEqual(['weekday', 'free', 'ordinal-day', 'clock']);
  });

  it('never matches a name inside a longer word', () => {
    const source = learnTextSource(
      'e3',
      'Deliver to Miami please.',
      { name: 'Mia Lee' },
      [{ field: 'name', kind: 'person' }],
      calendar,
    );
    expect(source.slots).toEqual([]);
  });

  it('cuts sentences and clauses, keeping decimal commas and clock times whole', () => {
    const source = learnTextSource(
      'e4',
      'Fieber von 38,7 °C seit 14:00, kein Appetit. Bitte anrufen!',
      {},
      [],
      calendarOf('de-DE'),
    );
    expect(source.sentences.map((s) => s.terminal)).toEqual(['.', '!']);
    expect(
      source.sentences[0]!.clauses.map((c) => c.body.replace(new RegExp(`${SLOT_START}\\d+${SLOT_END}`, 'g'), '#')),
    ).toEqual(['Fieber von # °C seit #', 'kein Appetit']);
  });
});

describe(`${learnTextSource.name} places`, () => {
  it("turns a real place of the locale into a slot mid-sentence, not a sentence's first word", () => {
    const calendar = { ...calendarOf('es-ES'), places: ['Madrid', 'Lugo', 'Sevilla'] };
    const source = learnTextSource('e5', 'Lleva cinco días en el centro de Madrid. Lugo espera.', {}, [], calendar);
    expect(source.slots.filter((s) => s.kind === 'place').map((s) => (s.kind === 'place' ? s.text : ''))).toEqual([
      'Madrid',
    ]);
  });
});

describe(`${learnTextSource.name} dates`, () => {
  const dated = (text: string, locale: string, value: string) =>
    learnTextSource('d', text, { check_in: value }, [{ field: 'check_in', kind: 'date' }], calendarOf(locale));

  it("turns the exemplar's own date, as the locale writes it, into a slot for the record's date", () => {
    const source = dated('Arriving on 14 March 2025 around 9 pm.', 'en-GB', '2025-03-14');
    const slot = source.slots.find((s) => s.kind === 'date');
    expect(slot && slot.kind === 'date' ? formatDay(slot.format, '2025-05-02') : null).toBe('2 May 2025');
  });

  it('finds a date in a script written without spaces', () => {
    const source = dated('3月14日は遅く到着します。', 'ja-JP', '2025-03-14T10:00:00+09:00');
    const slot = source.slots.find((s) => s.kind === 'date');
    expect(slot && slot.kind === 'date' ? formatDay(slot.format, '2025-11-02') : null).toBe('11月2日');
  });
});
