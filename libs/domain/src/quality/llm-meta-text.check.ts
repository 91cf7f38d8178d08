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

function phraseIndex(): PhraseIndex<Kind> {
  const entries: Array<{ phrase: string; label: Kind }> = [];
  for (const kind of Object.keys(KINDS) as Kind[]) {
    for (const list of Object.values(phrases[kind] as Record<string, string[]>)) {
      for (const phrase of list) entries.push({ phrase, label: kind });
    }
  }
  return new PhraseIndex(entries);
}

/** Text that is the model talking (refusing, explaining, obeying an injection) rather than a record's value. */
export function compileLlmMetaTextCheck(profile: RevisionProfile): RecordCheck {
  const index = phraseIndex();
  const names = [...profile.roles.textual];
  return ({ fields, folded }) => {
    const findings = [];
    for (const name of names) {
      const value = fields[name];
      if (typeof value !== 'string') continue;
      const hit = index.find(folded[name]!);
      if (hit) findings.push(hardFinding('llm_meta_text', name, `${KINDS[hit.label]} ("${hit.phrase}")`, value));
    }
    return findings;
  };
}
