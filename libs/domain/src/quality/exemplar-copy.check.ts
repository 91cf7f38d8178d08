import type { RecordFields } from '@vs/contracts';
import type { RevisionProfile } from '../exemplar-profile';
import { hardFinding, type RecordCheck } from './record-check';
import type { RecordText } from './record-text';
import { foldText, numbersAsZero, withinOneEdit, wordTokens } from './text';

/** Texts this short recur naturally (a city, a product): only longer ones count as copies. */
const MIN_COPY_TOKENS = 4;

interface ExemplarText {
  tokens: string[];
  exemplar_id: string;
}

const comparable = (v: unknown) => (typeof v === 'string' ? foldText(v) : v);

/**
 * A record that copies an exemplar instead of writing its own: prose of four or more words equal to
 * an exemplar's prose (any prose field) after folding case, accents, punctuation, spacing and digits,
 * or one word apart from it; or a record whose values are, nearly all, one exemplar's.
 */
export function compileExemplarCopyCheck(profile: RevisionProfile): RecordCheck {
  const { roles, schema } = profile;
  // Prose only: a product, city or name recurs naturally, however many words it has.
  const textFields = [...roles.freeText];
  // Indexed by token count: a text is compared only with exemplar texts one token longer or shorter.
  const byLength = new Map<number, ExemplarText[]>();
  for (const e of profile.exemplars) {
    for (const name of textFields) {
      const value = e.record[name];
      if (typeof value !== 'string') continue;
      const tokens = wordTokens(value);
      if (tokens.length < MIN_COPY_TOKENS) continue;
      byLength.set(tokens.length, [...(byLength.get(tokens.length) ?? []), { tokens, exemplar_id: e.exemplar_id }]);
    }
  }
  const exemplarTexts = [...byLength.values()]
    .flat()
    .map((e) => ({ text: ` ${e.tokens.join(' ')} `, id: e.exemplar_id, length: e.tokens.length, first: e.tokens[0]! }));
  /**
   * One exemplar's text pasted in, repeated or with a word or two around it: without it next to nothing
   * is left. (Texts strung together from several exemplars' texts are not judged here: the deterministic
   * engine composes its prose so.)
   */
  function pastedFrom(tokens: readonly string[]): string | null {
    const text = ` ${tokens.join(' ')} `;
    const present = new Set(tokens);
    for (const e of exemplarTexts) {
      // Only a text at least as long as the exemplar's, holding its first word, can contain it.
      if (e.length > tokens.length || !present.has(e.first) || !text.includes(e.text)) continue;
      let rest = text;
      while (rest.includes(e.text)) rest = rest.replace(e.text, ' ');
      rest = rest.trim();
      if (rest === '' || rest.split(' ').length <= 2) return e.id;
    }
    return null;
  }

  // Whole-record copies: the fields that describe the record (not ids, not yes/no flags).
  const compared = schema.fields
    .filter((f) => !roles.identifiers.has(f.name) && f.type !== 'boolean')
    .map((f) => f.name);
  const needed = Math.max(3, Math.ceil(compared.length * 0.75));

  const exemplarValues = profile.exemplars.map((e) => ({
    exemplar_id: e.exemplar_id,
    values: compared.map((name) => comparable(e.record[name])),
  }));

  function copiedRecord(fields: RecordFields, text: RecordText): string | null {
    const values = compared.map((name) => (typeof fields[name] === 'string' ? text.folded(name) : fields[name]));
    for (const e of exemplarValues) {
      let same = 0;
      values.forEach((v, i) => {
        if (v !== null && v !== undefined && v === e.values[i]) same++;
      });
      if (same >= needed) return e.exemplar_id;
    }
    return null;
  }

  return ({ fields, text }) => {
    const findings = [];
    for (const name of textFields) {
      const value = fields[name];
      if (typeof value !== 'string') continue;
      const tokens = numbersAsZero(text.words(name));
      if (tokens.length < MIN_COPY_TOKENS) continue;
      const source = [tokens.length - 1, tokens.length, tokens.length + 1]
        .flatMap((n) => byLength.get(n) ?? [])
        .find((e) => withinOneEdit(tokens, e.tokens));
      if (source) {
        const how = source.tokens.join(' ') === tokens.join(' ') ? 'copied from' : 'one word away from';
        findings.push(hardFinding('exemplar_copy', name, `${how} exemplar ${source.exemplar_id}`, value));
        continue;
      }
      const pasted = pastedFrom(tokens);
      if (pasted !== null)
        findings.push(hardFinding('exemplar_copy', name, `made of exemplar ${pasted}'s text`, value));
    }
    if (findings.length === 0 && compared.length >= 3) {
      const source = copiedRecord(fields, text);
      if (source !== null) {
        findings.push(
          hardFinding('exemplar_copy', null, `${needed}+ of ${compared.length} values copied from exemplar ${source}`),
        );
      }
    }
    return findings;
  };
}
