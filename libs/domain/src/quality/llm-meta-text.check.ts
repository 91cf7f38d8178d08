import phrases from './data/llm-phrases.json';
import type { RevisionProfile } from '../exemplar-profile';
import { PhraseIndex } from './phrase-index';
import { hardFinding, type RecordCheck } from './record-check';

type Kind = 'refusal' | 'meta' | 'injection';
const KINDS: Record<Kind, string> = {
  refusal: 'an LLM refusal or self-reference',
  meta: 'LLM meta-talk about the record',
  injection: 'an instruction-injection attempt',
};

type ByLanguage = Record<string, string[]>;

function indexOf(lists: ByLanguage, label: Kind): PhraseIndex<Kind> {
  return new PhraseIndex(Object.values(lists).flatMap((list) => list.map((phrase) => ({ phrase, label }))));
}

function phraseIndex(): PhraseIndex<Kind> {
  const entries: Array<{ phrase: string; label: Kind }> = [];
  for (const kind of Object.keys(KINDS) as Kind[]) {
    for (const list of Object.values(phrases[kind] as ByLanguage)) {
      for (const phrase of list) entries.push({ phrase, label: kind });
    }
  }
  return new PhraseIndex(entries);
}

/** Two cue lists per kind: a text with a cue from each (in any languages) is that kind. */
function pairIndexes(): Array<[PhraseIndex<Kind>, PhraseIndex<Kind>]> {
  const pairs: Record<Kind, ByLanguage[]> = phrases.pairs;
  return (Object.keys(KINDS) as Kind[]).map((kind) => [indexOf(pairs[kind][0]!, kind), indexOf(pairs[kind][1]!, kind)]);
}

/** Text that is the model talking (refusing, explaining, obeying an injection) rather than a record's value. */
export function compileLlmMetaTextCheck(profile: RevisionProfile): RecordCheck {
  const index = phraseIndex();
  const pairs = pairIndexes();
  function find(words: readonly string[]): { label: Kind; phrase: string } | null {
    const hit = index.find(words);
    if (hit) return hit;
    for (const [first, second] of pairs) {
      const a = first.find(words);
      const b = a && second.find(words);
      if (a && b) return { label: a.label, phrase: `${a.phrase}" … "${b.phrase}` };
    }
    return null;
  }
  const names = [...profile.roles.textual];
  return ({ fields, text }) => {
    const findings = [];
    for (const name of names) {
      const value = fields[name];
      if (typeof value !== 'string') continue;
      const hit = find(text.words(name));
      if (hit) findings.push(hardFinding('llm_meta_text', name, `${KINDS[hit.label]} ("${hit.phrase}")`, value));
    }
    return findings;
  };
}
