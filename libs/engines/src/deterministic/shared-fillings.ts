import type { SlotChoices } from './slot-choices';
import type { TextShape } from './text-shapes';
import type { TextSource } from './text-template';

/**
 * Which half of a shape's fillings `anchor` takes, when another anchor of the same subchapter writes the very
 * same text: anchor A's "A. B." (its sentence, then B's) is anchor B's "A. B." (A's borrowed before its own).
 * The anchor whose sentence comes first takes the even fillings, the other the odd ones, so records of the two
 * never meet on one text. Null when no other anchor can write the shape.
 */
export function shareOf(shape: TextShape, anchor: TextSource, anchors: ReadonlySet<TextSource>): 0 | 1 | null {
  if (shape.pieces.length !== 2) return null;
  const [first, second] = shape.pieces.map((p) => p.clauses[0]!.source);
  if (first === second || !anchors.has(first!) || !anchors.has(second!)) return null;
  if (first === anchor) return 0;
  return second === anchor ? 1 : null;
}

/** Every other filling of `choices`, starting at `part`: one anchor's half of a shared shape. */
export function halfOf(choices: SlotChoices, part: 0 | 1): SlotChoices {
  return {
    size: part === 0 ? Math.ceil(choices.size / 2) : Math.floor(choices.size / 2),
    choose: (n) => choices.choose(2 * n + part),
  };
}
