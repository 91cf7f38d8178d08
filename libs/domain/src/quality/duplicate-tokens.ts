import type { RecordFields } from '@vs/contracts';
import type { RevisionProfile } from '../exemplar-profile';
import { isPersonName } from './field-roles';
import { copyHash, fnv1a } from './minhash';
import type { RecordText } from './record-text';

/**
 * A record's near-duplicate tokens: the words of its texts and its other values as field=value, weighted by
 * how much they say about which record it is. A person's name counts three times and numbers and dates
 * twice, so two people's records sharing a stock sentence stay apart while a copy with a fresh id or one
 * word changed (everything else equal) stays near 0.9; categories and yes/no flags say nothing and are left
 * out, as are identifier-like fields (ids, codes, contacts), so a fresh id does not hide a copy.
 */
export function compileDuplicateTokens(profile: RevisionProfile) {
  const { roles } = profile;
  const fields = profile.schema.fields
    .filter((f) => !roles.identifiers.has(f.name) && f.type !== 'enum' && f.type !== 'boolean')
    .map((f) => ({
      name: f.name,
      textual: roles.textual.has(f.name),
      date: f.type === 'date' || f.type === 'datetime',
      weight: isPersonName(f) ? 3 : roles.textual.has(f.name) ? 1 : 2,
    }));

  /** The hashes of the record's tokens, each weighted copy a hash of its own (for minhashOfHashes). */
  return function duplicateTokens(values: RecordFields, text: RecordText): number[] {
    const tokens: number[] = [];
    for (const { name, textual, date, weight } of fields) {
      const value = values[name];
      if (value === null || value === undefined) continue;
      let words: readonly string[];
      if (!textual) words = [`${name}=${date ? String(value).slice(0, 10) : String(value)}`];
      else words = text.contentWords(name);
      for (const word of words) {
        const hash = fnv1a(word);
        for (let copy = 0; copy < weight; copy++) tokens.push(copyHash(hash, copy));
      }
    }
    return tokens;
  };
}
