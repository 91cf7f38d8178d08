import stopwords from './data/stopwords.json';
import type { RevisionProfile, ScoringExemplar } from '../exemplar-profile';
import { softFinding, type RecordCheck } from './record-check';
import { foldedContentWords, foldText } from './text';

export const TOPIC_PENALTIES = { unrelated: 0.3, other_subchapter: 0.2 } as const;
/** Below this many content words a text says too little to judge its topic. */
const MIN_STEMS = 4;

const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  Object.entries(stopwords)
    .filter(([k]) => !k.startsWith('$'))
    .flatMap(([, words]) => words as string[]),
);

/**
 * Content words cut to five letters: a crude stem that lets "refund", "refunded" and "refunds" (or
 * "Erstattung" and "erstatten") meet in any language without a stemmer per language.
 */
export function topicStems(text: string): string[] {
  return foldedTopicStems(foldText(text));
}

function foldedTopicStems(folded: string): string[] {
  return foldedContentWords(folded)
    .flatMap((t) => t.split("'"))
    .filter((t) => t.length >= 3 && !FUNCTION_WORDS.has(t))
    .map((t) => Array.from(t).slice(0, 5).join(''));
}

type Vector = Map<string, number>;

function cosine(a: Vector, b: Vector, normB: number): number {
  let dot = 0;
  let normA = 0;
  for (const [t, w] of a) {
    normA += w * w;
    const v = b.get(t);
    if (v !== undefined) dot += w * v;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/**
 * A record's prose should be about its subchapter. Each subchapter's vocabulary comes from its title,
 * intent, chapter, exemplar prompts and texts, weighted TF-IDF across the revision's subchapters (words
 * every subchapter uses weigh little). Prose with no word of the revision's vocabulary is off-topic;
 * prose much closer to another subchapter than to its own (a refund note on a first purchase) is too.
 */
export function compileTopicCheck(profile: RevisionProfile): RecordCheck {
  const { roles, schema } = profile;
  const prose = [...roles.freeText];
  if (prose.length === 0 || profile.subchapters.length === 0) return () => [];
  const descriptive = schema.fields
    .filter((f) => roles.textual.has(f.name) && !/^person\./i.test(f.semantic ?? '') && !/(^|_)name$/.test(f.name))
    .map((f) => f.name)
    .concat(prose.filter((p) => !roles.textual.has(p)));
  const textsOf = (exemplars: readonly ScoringExemplar[]) =>
    exemplars
      .flatMap((e) => [e.prompt ?? '', ...descriptive.map((f) => e.record[f])])
      .filter((v): v is string => typeof v === 'string');

  const docs = profile.subchapters.map((s) => {
    const own = profile.exemplarsOf(s.subchapter_key);
    const texts = [
      s.title,
      s.intent,
      s.chapter_title,
      s.chapter_description,
      ...textsOf(own === profile.exemplars ? [] : own),
    ];
    const counts: Vector = new Map();
    for (const t of texts) if (t) for (const stem of topicStems(t)) counts.set(stem, (counts.get(stem) ?? 0) + 1);
    return { key: s.subchapter_key, counts };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.counts.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log((docs.length + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const vectors = docs.map((d) => {
    const v: Vector = new Map([...d.counts].map(([t, n]) => [t, (1 + Math.log(n)) * idf(t)]));
    const norm = [...v.values()].reduce((s, w) => s + w * w, 0);
    return { key: d.key, v, norm };
  });
  // Revision-wide words also include every exemplar's texts: a subchapter-less revision still has a vocabulary.
  const vocabulary = new Set<string>(df.keys());
  for (const text of textsOf(profile.exemplars)) for (const stem of topicStems(text)) vocabulary.add(stem);

  return ({ fields, folded, subchapter_key }) => {
    const stems = prose.flatMap((name) => (typeof fields[name] === 'string' ? foldedTopicStems(folded[name]!) : []));
    if (stems.length < MIN_STEMS) return [];
    const known = stems.filter((s) => vocabulary.has(s)).length;
    const field = prose.find((name) => typeof fields[name] === 'string') ?? null;
    const excerpt = field === null ? undefined : fields[field];
    if (known === 0) {
      return [
        softFinding(
          'off_topic',
          field,
          TOPIC_PENALTIES.unrelated,
          'shares no word with what the revision is about',
          excerpt,
        ),
      ];
    }
    const own = vectors.find((v) => v.key === subchapter_key);
    if (!own || vectors.length < 2) return [];
    const record: Vector = new Map();
    for (const s of stems) record.set(s, (record.get(s) ?? 0) + idf(s));
    const ownSim = cosine(record, own.v, own.norm);
    let best = { key: own.key, sim: ownSim };
    for (const v of vectors) {
      if (v.key === own.key) continue;
      const sim = cosine(record, v.v, v.norm);
      if (sim > best.sim) best = { key: v.key, sim };
    }
    if (best.key !== own.key && best.sim >= 0.15 && best.sim > 2 * ownSim) {
      return [
        softFinding(
          'off_topic',
          field,
          TOPIC_PENALTIES.other_subchapter,
          `reads like subchapter ${best.key}, not ${own.key}`,
          excerpt,
        ),
      ];
    }
    return [];
  };
}
