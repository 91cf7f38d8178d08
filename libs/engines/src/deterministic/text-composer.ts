import type { SeededRandom } from './seeded-random';
import { SLOT_END, SLOT_START, type Clause, type Sentence, type Slot, type TextSource } from './text-template';

/** Fills one slot with the record's own value; null when the record has nothing to put there. */
export type SlotFiller = (slot: Slot) => string | null;

const MARKER = new RegExp(`${SLOT_START}(\\d+)${SLOT_END}`, 'g');

/** A composed text before slot filling: clauses taken from one or two sources. */
interface Piece {
  source: TextSource;
  body: string;
}

function fill(piece: Piece, filler: SlotFiller): string | null {
  let missing = false;
  const text = piece.body.replace(MARKER, (_, index: string) => {
    const value = filler(piece.source.slots[Number(index)]!);
    if (value === null) missing = true;
    return value ?? '';
  });
  return missing ? null : text;
}

function sentenceBody(sentence: Sentence): string {
  return sentence.clauses.map((c, i) => c.body + (i < sentence.clauses.length - 1 ? c.separator : '')).join('');
}

/** Lower-cases a clause's first letter when it moves into the middle of a sentence (not "I", not an acronym). */
function asMiddle(text: string, caseMatters: boolean): string {
  if (!caseMatters || text.startsWith(SLOT_START)) return text;
  if (/^(I\b|[\p{Lu}]{2})/u.test(text)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function asStart(text: string): string {
  return text.startsWith(SLOT_START) ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

export interface ComposeOptions {
  /** Languages that capitalise nouns (de) keep a clause's first letter as it is when it moves. */
  lowerCaseMidSentence: boolean;
  /** The space between sentences: '' in scripts written without spaces. */
  sentenceGap: string;
}

type Plan = Array<{ source: TextSource; body: string; end: string }>;

/** The ways a new text is made from an anchor exemplar text and another one of the same subchapter and language. */
function plans(anchor: TextSource, other: TextSource | undefined, random: SeededRandom, o: ComposeOptions): Plan[] {
  const out: Plan[] = [];
  const whole = (s: TextSource) =>
    s.sentences.map((sentence) => ({ source: s, body: sentenceBody(sentence), end: sentence.terminal }));
  const lastTerminal = (s: TextSource) => s.sentences[s.sentences.length - 1]?.terminal ?? '';
  out.push(whole(anchor));
  // Drop one clause or one sentence of the anchor.
  const sentences = anchor.sentences;
  if (sentences.length >= 2) {
    const drop = random.int(0, sentences.length - 1);
    out.push(whole(anchor).filter((_, i) => i !== drop));
  }
  const longest = sentences.reduce<Sentence | undefined>(
    (best, s) => (best === undefined || s.clauses.length > best.clauses.length ? s : best),
    undefined,
  );
  if (longest && longest.clauses.length >= 2) {
    const drop = random.int(0, longest.clauses.length - 1);
    const kept: Clause[] = longest.clauses.filter((_, i) => i !== drop);
    const body = kept.map((c, i) => c.body + (i < kept.length - 1 ? c.separator : '')).join('');
    out.push(
      sentences.map((s) =>
        s === longest
          ? { source: anchor, body: drop === 0 ? asStart(body) : body, end: s.terminal || lastTerminal(anchor) }
          : { source: anchor, body: sentenceBody(s), end: s.terminal },
      ),
    );
  }
  if (other && other !== anchor && other.sentences.length > 0) {
    const extra = random.pick(other.sentences);
    // One sentence of another exemplar before or after the anchor's.
    out.push([...whole(anchor), { source: other, body: asStart(sentenceBody(extra)), end: extra.terminal || '.' }]);
    // The anchor's first clause joined with a clause of the other exemplar.
    const head = anchor.sentences[0]!;
    const tail = extra.clauses[extra.clauses.length - 1]!;
    if (head.clauses.length >= 1 && extra.clauses.length >= 2) {
      const first = head.clauses[0]!;
      const joiner = first.separator || head.clauses.find((c) => c.separator)?.separator || ', ';
      out.push([
        { source: anchor, body: first.body + joiner.trimEnd() + o.sentenceGap, end: '' },
        {
          source: other,
          body: asMiddle(tail.body, o.lowerCaseMidSentence),
          end: extra.terminal || head.terminal || lastTerminal(anchor),
        },
      ]);
    }
  }
  return out;
}

function render(plan: Plan, filler: SlotFiller, o: ComposeOptions): string | null {
  let text = '';
  for (let i = 0; i < plan.length; i++) {
    const part = plan[i]!;
    const filled = fill({ source: part.source, body: part.body }, filler);
    if (filled === null) return null;
    text += filled + part.end;
    if (i === plan.length - 1) break;
    // A sentence the exemplar left without a full stop still needs one before the next.
    if (part.end === '' && !/\s$/.test(filled) && !/[,;:、，]$/.test(filled)) text += o.sentenceGap ? '.' : '。';
    if (!/\s$/.test(text)) text += o.sentenceGap;
  }
  return text.replace(/\s{2,}/g, ' ').trim();
}

/**
 * New texts for a record, most faithful first: the anchor exemplar text with the record's entities,
 * then variants that drop or borrow whole clauses and sentences. The caller keeps the first one that is
 * not an exemplar in disguise and fits the field.
 */
export function* composeTexts(
  anchor: TextSource,
  others: readonly TextSource[],
  filler: SlotFiller,
  random: SeededRandom,
  options: ComposeOptions,
): Generator<string> {
  const other = others.length > 0 ? random.pick(others) : undefined;
  const candidates = plans(anchor, other, random, options);
  // The plain anchor first only when its slots make it differ; otherwise start from a recombination.
  const order = anchor.varies ? candidates : [...candidates.slice(1), candidates[0]!];
  const start = anchor.varies ? 0 : random.int(0, Math.max(0, order.length - 2));
  for (let i = 0; i < order.length; i++) {
    const text = render(order[(start + i) % order.length]!, filler, options);
    if (text) yield text;
  }
}
