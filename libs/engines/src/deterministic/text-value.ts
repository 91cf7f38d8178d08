import type { Faker } from '@faker-js/faker';
import type { FieldConstraints, RecordField } from '@vs/contracts';
import { callSemanticHint, hintForFieldName, semanticText } from './semantic-hint';

/** What the engine learnt from a pack's exemplars about one text field. */
export interface TextProfile {
  /** Exemplar values, trimmed: a generated value must never equal one of them. */
  verbatim: ReadonlySet<string>;
  words: string[];
  minWords: number;
  maxWords: number;
  /** Scripts such as Japanese are written without spaces between words. */
  separator: '' | ' ';
  /** Word-to-following-words chain over every exemplar value, so new text keeps the exemplars' phrasing. */
  chain: ReadonlyMap<string, readonly string[]>;
  starts: readonly string[];
  ends: ReadonlySet<string>;
  /** Closing punctuation the exemplars end with, e.g. "." */
  terminal: string;
}

export function learnTextProfile(values: readonly string[], locale: string): TextProfile {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  const perValue = values.map((v) =>
    Array.from(segmenter.segment(v), (s) => s)
      .filter((s) => s.isWordLike)
      .map((s) => s.segment),
  );
  const counts = perValue.map((w) => w.length).filter((n) => n > 0);
  const chain = new Map<string, string[]>();
  for (const words of perValue) {
    words.forEach((word, i) => {
      if (i + 1 < words.length) chain.set(word, [...(chain.get(word) ?? []), words[i + 1]!]);
    });
  }
  const endings = values.map((v) => /[.!?。！？]$/u.exec(v.trim())?.[0]).filter((e): e is string => e !== undefined);
  return {
    chain,
    starts: perValue.filter((w) => w.length > 0).map((w) => w[0]!),
    ends: new Set(perValue.filter((w) => w.length > 0).map((w) => w[w.length - 1]!)),
    terminal: endings.length * 2 >= values.length && endings.length > 0 ? endings[0]! : '',
    verbatim: new Set(values.map((v) => v.trim())),
    words: [...new Set(perValue.flat())],
    minWords: counts.length > 0 ? Math.min(...counts) : 1,
    maxWords: counts.length > 0 ? Math.max(...counts) : 1,
    separator: values.some((v) => /\s/.test(v.trim())) || values.length === 0 ? ' ' : '',
  };
}

/**
 * A new sentence walked along the exemplars' word chain (each word followed by a word that follows it
 * in some exemplar), so phrasing stays natural; falls back to a shuffle when the chain is too thin.
 */
function recombine(faker: Faker, profile: TextProfile): string | undefined {
  if (profile.words.length < 3) return undefined;
  if (profile.starts.length > 0 && profile.chain.size > 0) {
    const limit = Math.max(profile.maxWords + 2, 3);
    const words = [faker.helpers.arrayElement(profile.starts)];
    while (words.length < limit) {
      const next = profile.chain.get(words[words.length - 1]!);
      if (!next || next.length === 0) break;
      words.push(faker.helpers.arrayElement(next));
      const last = words[words.length - 1]!;
      if (profile.ends.has(last) && words.length >= profile.minWords && faker.datatype.boolean(0.6)) break;
    }
    if (words.length >= Math.min(profile.minWords, 3)) return words.join(profile.separator) + profile.terminal;
  }
  const count = faker.number.int({ min: Math.max(profile.minWords, 2), max: Math.max(profile.maxWords, 2) });
  // Distinct words read better; only a long target length reuses vocabulary.
  const words =
    count <= profile.words.length
      ? faker.helpers.arrayElements(profile.words, count)
      : faker.helpers.multiple(() => faker.helpers.arrayElement(profile.words), { count });
  return words.join(profile.separator);
}

/** Cuts to max UTF-16 units (what zod counts) without splitting a surrogate pair. */
function truncate(value: string, max: number): string {
  let cut = value.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.trimEnd();
}

export function fitLength(faker: Faker, value: string, c: FieldConstraints): string {
  const min = Math.max(c.min_length ?? 0, 1);
  let v = value.trim();
  while (v.length < min) v = `${v} ${faker.lorem.word()}`.trim();
  if (c.max_length !== undefined && v.length > c.max_length) v = truncate(v, c.max_length);
  if (v.length < min) v += faker.string.alpha(min - v.length);
  return v;
}

function fromPattern(faker: Faker, c: FieldConstraints): string | undefined {
  const pattern = new RegExp(c.pattern!);
  // faker's fromRegExp treats anchors as literals; the validator anchors nothing, so drop them.
  const source = c.pattern!.replace(/^\^/, '').replace(/\$$/, '');
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const v = faker.helpers.fromRegExp(source);
      const lengthOk = v.length >= (c.min_length ?? 0) && v.length <= (c.max_length ?? Infinity);
      if (pattern.test(v) && lengthOk) return v;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A string/text/phone value: pattern, then semantic hint, field-name hint, exemplar words, lorem. */
export function textValue(faker: Faker, field: RecordField, profile: TextProfile): string {
  const c = field.constraints;
  if (c.pattern !== undefined) {
    const patterned = fromPattern(faker, c);
    if (patterned !== undefined && !profile.verbatim.has(patterned)) return patterned;
  }
  // Free text (notes, descriptions) reads best rebuilt from exemplar words; a name-based hint such as
  // "customer_" → person name would turn a note into a name.
  const fallbackHint =
    field.type === 'phone' ? 'phone.number' : field.type === 'text' ? undefined : hintForFieldName(field.name);
  let candidate = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const raw =
      semanticText(callSemanticHint(faker, field.semantic)) ??
      semanticText(callSemanticHint(faker, fallbackHint)) ??
      recombine(faker, profile) ??
      (field.type === 'text' ? faker.lorem.sentence() : faker.lorem.words(2));
    candidate = fitLength(faker, raw, c);
    if (!profile.verbatim.has(candidate)) return candidate;
  }
  // Small vocabularies can keep landing on an exemplar: a leading fresh word breaks the copy.
  return fitLength(faker, `${faker.lorem.word()} ${candidate}`, c);
}
