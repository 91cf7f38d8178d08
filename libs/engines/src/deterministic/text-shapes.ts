import { cutsOf, render, sentencesOf, type ComposeOptions, type Piece } from './text-composer';
import type { Slot, TextSource } from './text-template';

/** One way to rebuild a text: its sentences in order, and the slots they read. */
export interface TextShape {
  pieces: Piece[];
  slots: Slot[];
  /** 0: the anchor's own sentences; 1: with a borrowed sentence; 2: with two. */
  tier: number;
}

// Enough shapes for any job's subchapter; beyond this, slot values vary the text anyway.
const MAX_SHAPES = 800;

// Slots whose values are words: the copy guard ignores digits, so only these can take a shape off an exemplar.
const WORDY = new Set<Slot['kind']>([
  'weekday',
  'month',
  'relative',
  'place',
  'count',
  'field',
  'given',
  'family',
  'brand',
]);

/**
 * Whether some filling of the shape can differ from every exemplar: with each word slot's words replaced by
 * others and the rest as the exemplar wrote it, it no longer reads as one (digits alone never tell it apart).
 */
export function canDiffer(shape: TextShape, o: ComposeOptions, isCopy: (text: string) => boolean): boolean {
  const own = new Map<Slot, string>();
  for (const piece of shape.pieces)
    for (const { source } of piece.clauses)
      source.slots.forEach((s, i) => {
        const original = source.originals[i]!;
        own.set(s, WORDY.has(s.kind) ? original.replace(/\p{L}+/gu, 'qzx') : original);
      });
  const text = render(shape.pieces, (s) => own.get(s) ?? null, o);
  return text !== null && !isCopy(text);
}

function product(choices: readonly Piece[][]): Piece[][] {
  let out: Piece[][] = [[]];
  for (const options of choices) out = out.flatMap((prefix) => options.map((p) => [...prefix, p]));
  return out;
}

function slotsOf(pieces: readonly Piece[]): Slot[] {
  const slots = new Set<Slot>();
  for (const piece of pieces)
    for (const { source, clause } of piece.clauses)
      for (const part of clause.parts) if (typeof part === 'number') slots.add(source.slots[part]!);
  return [...slots];
}

/** The anchor's runs of one or two sentences (or all of them), each sentence whole or cut after a clause. */
function spansOf(anchor: TextSource, o: ComposeOptions): Piece[][] {
  const own = sentencesOf(anchor);
  const spans: Piece[][] = [];
  for (let start = 0; start < own.length; start++)
    for (const count of own.length > 2 && start === 0 ? [1, 2, own.length] : [1, 2])
      if (start + count <= own.length)
        spans.push(...product(own.slice(start, start + count).map((s) => cutsOf(anchor, s, o))));
  return spans;
}

/**
 * Every text a record following `anchor` may get, its own sentences first: the anchor's sentences (whole or
 * cut), then with one sentence of another exemplar after or before them, then with two. Records draw these by
 * enumeration, so no two records of a subchapter share a shape until every shape has been used.
 */
export function shapesOf(anchor: TextSource, others: readonly TextSource[], o: ComposeOptions): TextShape[] {
  const spans = spansOf(anchor, o);
  const shapes: TextShape[] = [];
  const add = (pieces: Piece[], tier: number) => {
    if (shapes.length < MAX_SHAPES) shapes.push({ pieces, slots: slotsOf(pieces), tier });
  };
  for (const span of spans) add(span, 0);
  const borrowed = others
    .filter((s) => s !== anchor)
    .flatMap((other) => sentencesOf(other).flatMap((s) => cutsOf(other, s, o)));
  for (const b of borrowed)
    for (const span of spans) {
      add([...span, b], 1);
      add([b, ...span], 1);
    }
  for (const [i, b1] of borrowed.entries())
    for (const b2 of borrowed.slice(i + 1))
      if (b1.clauses[0]!.source !== b2.clauses[0]!.source) for (const span of spans) add([...span, b1, b2], 2);
  return shapes;
}
