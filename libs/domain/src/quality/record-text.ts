import type { RecordFields } from '@vs/contracts';
import { contentWords, foldedWords, foldText } from './text';

/**
 * A record's text values folded and cut into words once, for every check that reads them: a dozen checks
 * each folding and tokenising the same note was most of the scorer's time.
 */
export class RecordText {
  private readonly foldedValues = new Map<string, string>();
  private readonly wordLists = new Map<string, readonly string[]>();
  private readonly contentLists = new Map<string, readonly string[]>();

  constructor(private readonly fields: RecordFields) {}

  /** The field's value folded (foldText), or '' when it is not text. */
  folded(name: string): string {
    let folded = this.foldedValues.get(name);
    if (folded === undefined) {
      const value = this.fields[name];
      folded = typeof value === 'string' ? foldText(value) : '';
      this.foldedValues.set(name, folded);
    }
    return folded;
  }

  /** Its folded words, numbers included. */
  words(name: string): readonly string[] {
    let words = this.wordLists.get(name);
    if (words === undefined) this.wordLists.set(name, (words = foldedWords(this.folded(name))));
    return words;
  }

  /** Its words that carry content (no numbers or id-shaped words). */
  contentWords(name: string): readonly string[] {
    let words = this.contentLists.get(name);
    if (words === undefined) this.contentLists.set(name, (words = contentWords(this.words(name))));
    return words;
  }
}
