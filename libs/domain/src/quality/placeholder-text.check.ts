import placeholders from './data/placeholders.json';
import type { RevisionProfile } from '../exemplar-profile';
import { hardFinding, type RecordCheck } from './record-check';
import { foldText } from './text';

const bareFolded = (folded: string) => folded.replace(/[^\p{L}\p{N}/]+/gu, ' ').trim();

const VALUES: ReadonlySet<string> = new Set(placeholders.values.map((v) => bareFolded(foldText(v))));
// One alternation, run once per value, instead of a dozen patterns.
const PATTERN = new RegExp(placeholders.patterns.map((p) => `(?:${p})`).join('|'), 'iu');
// What every pattern needs somewhere: a cheap test first spares most values the full alternation.
const MAYBE_TEMPLATE = new RegExp(placeholders.pattern_trigger, 'i');
const LOREM: ReadonlySet<string> = new Set(placeholders.lorem_words);
// Lorem words that are also everyday words somewhere (it. "nulla", es. "culpa", fr. "est"): they count toward the
// share but cannot by themselves make a text lorem.
// prettier-ignore
const LOREM_COMMON: ReadonlySet<string> = new Set([
  'sit', 'est', 'et', 'ut', 'ad', 'id', 'in', 'non', 'qui', 'quo', 'ea', 'eos', 'ex', 'a', 'ab', 'at', 'aut', 'cum', 'nam',
  'nemo', 'porro', 'magni', 'modi', 'ipsa', 'fuga', 'hic', 'minus', 'vel', 'vero', 'error', 'alias', 'nulla', 'sed', 'eum',
  'quia', 'quod', 'quam', 'unde', 'odio', 'libero', 'natus', 'iste', 'illo', 'atque', 'enim', 'quis', 'esse', 'sunt', 'culpa',
  'anim', 'totam', 'vitae', 'dicta', 'quae', 'quas', 'quasi', 'omnis', 'saepe', 'facere', 'tempore', 'sint', 'aute', 'velit',
]);
const EMAIL_LOCAL_PLACEHOLDERS: ReadonlySet<string> = new Set([
  'test',
  'user',
  'email',
  'mail',
  'name',
  'foo',
  'example',
  'sample',
  'yourname',
  'your.name',
  'firstname.lastname',
  'first.last',
  'name.surname',
  'john.doe',
  'jane.doe',
  'johndoe',
  'janedoe',
  'noreply',
  'no-reply',
  'xxx',
  'abc',
  'asdf',
]);

/** Lorem-ipsum text: most of its content words are generator Latin, and some of them could not be anything else. */
function isLorem(words: readonly string[]): boolean {
  if (words.length < 3) return false;
  const lorem = words.filter((w) => LOREM.has(w));
  return lorem.length / words.length >= 0.6 && lorem.filter((w) => !LOREM_COMMON.has(w)).length >= 2;
}

/** Placeholder values and field names are short: a longer value is only searched for templates and lorem. */
const SHORT_VALUE = 60;

/** What is wrong with a value, or null: a placeholder word, template syntax, lorem, or its own field's name. */
function placeholderIn(
  value: string,
  folded: string,
  contentWords: readonly string[],
  fieldWords: readonly string[],
): string | null {
  const b = folded.length <= SHORT_VALUE ? bareFolded(folded) : null;
  if (b !== null) {
    if (VALUES.has(b)) return 'a placeholder instead of a value';
    const parts = b.split(' ');
    if (parts.length <= 6 && parts.every((w) => VALUES.has(w))) return 'placeholder words instead of a value';
  }
  if (MAYBE_TEMPLATE.test(value) && PATTERN.test(value)) return 'template or placeholder syntax';
  if (b !== null && fieldWords.includes(b)) return "the field's own name instead of a value";
  if (isLorem(contentWords)) return 'lorem-ipsum filler text';
  return null;
}

/** Values a generator left as placeholders: TODO, N/A, "string", {{customer_note}}, [insert name], lorem ipsum. */
export function compilePlaceholderTextCheck(profile: RevisionProfile): RecordCheck {
  const { schema } = profile;
  const checked = schema.fields.filter((f) => f.type === 'string' || f.type === 'text');
  const emails = schema.fields.filter((f) => f.type === 'email' || /email/i.test(f.semantic ?? ''));
  const fieldWords = new Map(
    checked.map((f) => {
      const words = f.name.split('_');
      return [f.name, [words.join(' '), words[words.length - 1]!, f.type]];
    }),
  );
  return ({ fields, text }) => {
    const findings = [];
    for (const field of checked) {
      const value = fields[field.name];
      if (typeof value !== 'string' || value.trim() === '') continue;
      const problem = placeholderIn(
        value,
        text.folded(field.name),
        text.contentWords(field.name),
        fieldWords.get(field.name)!,
      );
      if (problem) findings.push(hardFinding('placeholder_text', field.name, problem, value));
    }
    for (const field of emails) {
      const value = fields[field.name];
      if (typeof value !== 'string') continue;
      const local = foldText(value.split('@')[0] ?? '');
      if (EMAIL_LOCAL_PLACEHOLDERS.has(local) || PATTERN.test(value)) {
        findings.push(hardFinding('placeholder_text', field.name, 'a placeholder address', value));
      }
    }
    return findings;
  };
}
