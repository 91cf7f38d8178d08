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
/** A phrase that gives the text away on its own, or the first cue of a pair. */
type Cue = `phrase:${Kind}` | `first:${Kind}`;

const entriesOf = <L extends string>(lists: ByLanguage, label: L) =>
  Object.values(lists).flatMap((list) => list.map((phrase) => ({ phrase, label })));

/**
 * One index of every fixed phrase and every pair's first cue, so a text is read once; a pair's second
 * cues (in any language) are looked for only when its first cue is there.
 */
function cueIndexes(): { cues: PhraseIndex<Cue>; seconds: Map<Kind, PhraseIndex<Kind>> } {
  const pairs: Record<Kind, ByLanguage[]> = phrases.pairs;
  const kinds = Object.keys(KINDS) as Kind[];
  const cues = new PhraseIndex<Cue>(
    kinds.flatMap((kind) => [
      ...entriesOf(phrases[kind] as ByLanguage, `phrase:${kind}` as const),
      ...entriesOf(pairs[kind][0]!, `first:${kind}` as const),
    ]),
  );
  const seconds = new Map(kinds.map((kind) => [kind, new PhraseIndex(entriesOf(pairs[kind][1]!, kind))]));
  return { cues, seconds };
}

/** Text that is the model talking (refusing, explaining, obeying an injection) rather than a record's value. */
export function compileLlmMetaTextCheck(profile: RevisionProfile): RecordCheck {
  const { cues, seconds } = cueIndexes();
  function find(words: readonly string[]): { label: Kind; phrase: string } | null {
    const hits = cues.findAll(words);
    const fixed = hits.find((h) => h.label.startsWith('phrase:'));
    if (fixed) return { label: fixed.label.slice('phrase:'.length) as Kind, phrase: fixed.phrase };
    for (const first of hits) {
      const kind = first.label.slice('first:'.length) as Kind;
      const second = seconds.get(kind)!.find(words);
      if (second) return { label: kind, phrase: `${first.phrase}" … "${second.phrase}` };
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
