import type { RevisionProfile, ScoringExemplar } from '../exemplar-profile';
import { softFinding, type RecordCheck } from './record-check';
import type { RecordText } from './record-text';
import { foldText } from './text';
import { hasCjk, stemsOf, SubjectWords, topicStems } from './topic-words';

/**
 * Prose about another subject costs 0.45 once clearly so (three words of it, or two making up 40% of its
 * words, or two in CJK text), 0.15 for two words; one word proves nothing. Prose sharing no word with
 * the revision costs 0.3: slight signs alone stay acceptable at the usual threshold, together they reject.
 */
export const TOPIC_PENALTIES = {
  unrelated: 0.3,
  other_subchapter: 0.2,
  per_subject_word: 0.15,
  other_subject: 0.45,
} as const;
const SUBJECT_WORDS = { many: 3, some: 2, share: 0.4 } as const;
/** Below this many content words a text says too little to judge its topic. */
const MIN_STEMS = 4;

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
  if (prose.length === 0 || profile.subchapters.length === 0)
    return Object.assign((() => []) as RecordCheck, { signals: () => null });
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
  const revisionText = foldText(
    [
      ...textsOf(profile.exemplars),
      ...profile.subchapters.flatMap((s) => [s.title, s.intent, s.chapter_title, s.chapter_description]),
    ]
      .filter((t): t is string => typeof t === 'string')
      .join(' '),
  );
  const otherSubjects = new SubjectWords(vocabulary, revisionText);

  /** How the record's prose relates to the revision: its stems, how many the revision uses, its nearest subchapter. */
  function signals(text: RecordText, subchapterKey: string | null) {
    const words = prose.flatMap((name) => text.contentWords(name));
    const stems = stemsOf(words);
    const known = stems.filter((s) => vocabulary.has(s)).length;
    const own = vectors.find((v) => v.key === subchapterKey);
    const record: Vector = new Map();
    for (const s of stems) record.set(s, (record.get(s) ?? 0) + idf(s));
    const ownSim = own ? cosine(record, own.v, own.norm) : 0;
    let best = { key: own?.key ?? null, sim: ownSim };
    // Only prose that uses the revision's words can read like one subchapter more than another.
    for (const v of known > 0 && own ? vectors : []) {
      if (v.key === own!.key) continue;
      const sim = cosine(record, v.v, v.norm);
      if (sim > best.sim) best = { key: v.key, sim };
    }
    const foldedProse = prose.map((name) => text.folded(name)).join(' ');
    const found = otherSubjects.best(words, foldedProse);
    const subject = found && { ...found, share: found.hits / Math.max(1, new Set(words).size) };
    return { stems: stems.length, known, own: own?.key ?? null, ownSim, best, subject, cjk: hasCjk(foldedProse) };
  }

  const check: RecordCheck = ({ fields, text, subchapter_key }) => {
    const s = signals(text, subchapter_key);
    const field = prose.find((name) => typeof fields[name] === 'string') ?? null;
    const excerpt = field === null ? undefined : fields[field];
    const findings = [];
    if (s.subject !== null && s.subject.hits >= SUBJECT_WORDS.some) {
      const { hits, share } = s.subject;
      const clear =
        hits >= SUBJECT_WORDS.many || (hits >= SUBJECT_WORDS.some && (share >= SUBJECT_WORDS.share || s.cjk));
      const penalty = clear ? TOPIC_PENALTIES.other_subject : (hits - 1) * TOPIC_PENALTIES.per_subject_word;
      const message = `${hits} word${hits === 1 ? '' : 's'} about ${s.subject.name.replace(/_/g, ' or ')}, not what the revision is about`;
      findings.push(softFinding('off_topic', field, penalty, message, excerpt));
    }
    if (s.stems < MIN_STEMS) return findings;
    if (s.known === 0) {
      const message = 'shares no word with what the revision is about';
      return [...findings, softFinding('off_topic', field, TOPIC_PENALTIES.unrelated, message, excerpt)];
    }
    if (s.own !== null && s.best.key !== s.own && s.best.sim >= 0.15 && s.best.sim > 2 * s.ownSim) {
      const message = `reads like subchapter ${s.best.key}, not ${s.own}`;
      return [...findings, softFinding('off_topic', field, TOPIC_PENALTIES.other_subchapter, message, excerpt)];
    }
    return findings;
  };
  return Object.assign(check, { signals });
}
