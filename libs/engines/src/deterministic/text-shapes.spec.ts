import { describe, expect, it } from 'vitest';
import { render, type ComposeOptions } from './text-composer';
import { canDiffer, shapesOf } from './text-shapes';
import { calendarOf, learnTextSource, type Slot } from './text-template';

const options: ComposeOptions = { lowerCaseMidSentence: true, sentenceGap: ' ', fullStop: '.' };
const calendar = calendarOf('fr-FR');
const caces = learnTextSource(
  'a',
  'Titulaire du CACES, habituée aux cadences en entrepôt et au travail de nuit.',
  {},
  [],
  calendar,
);
const salle = learnTextSource(
  'b',
  'Sept ans en salle, dont trois comme chef de rang ; je parle anglais avec les clients.',
  {},
  [],
  calendar,
);

// The record's count, capitalised where the exemplar's was (Sept ans → Trois ans).
const count = (s: Slot) => (s.kind === 'count' ? (s.capital ? 'Trois' : 'trois') : null);
const texts = shapesOf(caces, [salle], options).map((s) => render(s.pieces, count, options)!);

describe(shapesOf.name, () => {
  it("lists the anchor's own sentences before those that borrow", () => {
    const shapes = shapesOf(caces, [salle], options);
    expect(shapes[0]!.tier).toBe(0);
    expect(shapes.map((s) => s.tier)).toEqual([...shapes.map((s) => s.tier)].sort());
  });

  it('gives every shape a different text', () => {
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('never moves a clause into another sentence (dont trois… hangs on its own)', () => {
    for (const text of texts) {
      expect(text).not.toMatch(/CACES[^.]*dont/);
      expect(text).not.toMatch(/^dont|\. dont/i);
    }
  });

  it('capitalises a sentence that moved to the front of another', () => {
    expect(texts.length).toBeGreaterThan(2);
    for (const text of texts) expect(text.split(/(?<=\.) /).every((s) => /^\p{Lu}/u.test(s))).toBe(true);
  });
});

describe(canDiffer.name, () => {
  it('drops a shape that can only ever read as an exemplar', () => {
    const [whole] = shapesOf(caces, [], options);
    expect(canDiffer(whole!, options, (t) => t.startsWith('Titulaire du CACES, habituée'))).toBe(false);
    expect(canDiffer(whole!, options, () => false)).toBe(true);
  });

  it('keeps a shape whose slots change words', () => {
    const [whole] = shapesOf(salle, [], options);
    expect(canDiffer(whole!, options, (t) => t.startsWith('Sept ans en salle'))).toBe(true);
  });
});

describe(render.name, () => {
  it('closes a sentence that ends in a value ending with a full stop only once', () => {
    const source = learnTextSource(
      'c',
      'No se pudo entregar el pedido de Moda Nubia S.L., nadie en casa.',
      { sender: 'Moda Nubia S.L.' },
      [{ field: 'sender', kind: 'organisation' }],
      calendarOf('es-ES'),
    );
    const cut = shapesOf(source, [], options).find((s) => s.pieces[0]!.clauses.length === 1)!;
    expect(render(cut.pieces, () => 'Levante S.A.', options)).toBe('No se pudo entregar el pedido de Levante S.A.');
  });
});
