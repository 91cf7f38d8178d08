import phrases from './data/llm-phrases.json';
import { PhraseIndex } from './phrase-index';
import { foldedWords, foldText } from './text';

type ByLanguage = Record<string, string[]>;
const entries = (lists: ByLanguage) =>
  Object.values(lists).flatMap((list) => list.map((phrase) => ({ phrase, label: 'x' as const })));

let indexes: { fixed: PhraseIndex<'x'>; first: PhraseIndex<'x'>; second: PhraseIndex<'x'> } | null = null;

// The llm_meta_text check's own refusal lists (every language the project supports), so a reply the engine
// calls a refusal is one the gate would reject for the same words.
function refusalIndexes(): NonNullable<typeof indexes> {
  indexes ??= {
    fixed: new PhraseIndex(entries(phrases.refusal as ByLanguage)),
    first: new PhraseIndex(entries(phrases.pairs.refusal[0] as ByLanguage)),
    second: new PhraseIndex(entries(phrases.pairs.refusal[1] as ByLanguage)),
  };
  return indexes;
}

/**
 * The reply is the model declining rather than answering: prose with no JSON in it, holding a refusal phrase,
 * or a refusal cue and its object ("I can't" … "generate"). Returns the refusal's text, or null. JSON replies
 * are left to the quality gate, which checks each record's text fields.
 */
export function refusalInReply(content: string): string | null {
  const text = content.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
  // A model that apologises and then answers has not refused: any JSON in the reply is for the parser.
  if (text === '' || /[[{]/.test(text)) return null;
  const prose = text.slice(0, 600);
  const words = foldedWords(foldText(prose));
  const { fixed, first, second } = refusalIndexes();
  if (fixed.find(words) || (first.find(words) && second.find(words))) return prose.trim();
  return null;
}

// A record's generation_error travels as one string (Avro); this mark tells the gate it was a refusal.
const MARK = 'refusal: ';

/** The generation error of a record the model (or the endpoint's content filter) refused to write. */
export function refusalGenerationError(message: string): string {
  return `${MARK}${message}`;
}

/** What the refusal said, when a generation error is one; null for any other generation error. */
export function refusalOfGenerationError(error: string): string | null {
  return error.startsWith(MARK) ? error.slice(MARK.length) : null;
}
