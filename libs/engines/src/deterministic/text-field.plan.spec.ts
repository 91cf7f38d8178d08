import { describe, expect, it } from 'vitest';
import { recordSchemaSchema, type PromptPack } from '@vs/contracts';
import { exemplarPools } from './exemplar-pools';
import { roleOf } from './field-roles';
import type { RecordDraft } from './record-draft';
import { SeededRandom } from './seeded-random';
import { localeData } from './locale-data';
import { RECORD_VALUE_SPREAD } from './slot-choices';
import { drawText, planTextField } from './text-field.plan';

const schema = recordSchemaSchema.parse({
  fields: [
    { name: 'customer_name', type: 'string', semantic: 'person.fullName' },
    { name: 'note', type: 'text', constraints: { max_length: 300 } },
  ],
});
const exemplar = (id: string, locale: string, name: string, note: string) => ({
  exemplar_id: id,
  prompt: '',
  record: { customer_name: name, note },
  locale,
  chapter_key: 'c',
  subchapter_key: 's',
});
const revision = [
  exemplar('a', 'en-US', 'Maya Thompson', 'Maya Thompson here, please leave the parcel with the concierge.'),
  exemplar('b', 'en-US', 'Devon Alvarez', 'The box arrived on Monday, the lid was cracked.'),
  exemplar('c', 'de-DE', 'Sabine Krüger', 'Bitte ohne Rechnung im Paket, es ist ein Geschenk.'),
];
const pack = {
  locale: 'en-US',
  chapter_key: 'c',
  subchapter_key: 's',
  exemplars: revision.slice(0, 2),
  revision_exemplars: revision,
  record_schema: schema,
} as unknown as PromptPack;

function draft(seed: string, anchor: number, variant = 0): RecordDraft {
  const pools = exemplarPools(pack);
  const person = { given: 'Ruby', family: 'Walker', full: 'Ruby Walker', latin: 'Ruby Walker' };
  return {
    random: new SeededRandom(seed),
    anchor: pools.anchors[anchor]!,
    variant,
    values: { customer_name: 'Ruby Walker' },
    instants: new Map(),
    people: new Map([['customer_name', person]]),
    mainPerson: person,
    address: null,
  };
}

describe(drawText.name, () => {
  const roles = new Map(schema.fields.map((f) => [f.name, roleOf(f, [])]));
  const plan = planTextField(schema.fields[1]!, schema.fields, roles, exemplarPools(pack), 'en-US');

  it("writes the record's own name where the exemplar had its own, never the exemplar's", () => {
    for (let i = 0; i < 100; i++) {
      const text = drawText(plan, draft(`r${i}`, 0, i))!;
      expect(text).not.toMatch(/Maya|Thompson|Devon|Alvarez/);
      if (text.includes('here, please')) expect(text).toContain('Ruby Walker here');
    }
  });

  it("uses only the locale's texts, never an exemplar in disguise", () => {
    for (let i = 0; i < 100; i++) {
      const text = drawText(plan, draft(`s${i}`, 1, i))!;
      expect(text).not.toMatch(/Rechnung|Geschenk/);
      expect(plan.guard.isCopy(text)).toBe(false);
      expect(text).toMatch(/[.!?]$/);
    }
  });

  it('varies weekdays and clauses between records', () => {
    const texts = new Set(Array.from({ length: 60 }, (_, i) => drawText(plan, draft(`t${i}`, 1, i))));
    expect(texts.size).toBeGreaterThan(6);
  });

  it('gives consecutive records of an anchor different texts while its variants last', () => {
    const texts = Array.from({ length: 12 }, (_, i) => drawText(plan, draft('same-seed', 1, 100 + i)));
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('writes the same text again for the same record', () => {
    expect(drawText(plan, draft('x', 1, 7))).toBe(drawText(plan, draft('x', 1, 7)));
  });

  it('moves clock times of one text together, keeping their order', () => {
    const clock = recordSchemaSchema.parse({ fields: [{ name: 'note', type: 'text' }] });
    const texts = [
      { ...exemplar('k', 'es-ES', 'Ana Ruiz', 'El taller abre a las 9:00 y cierra a las 13:00; entregado a tiempo.') },
      { ...exemplar('m', 'es-ES', 'Luis Gil', 'Entregado antes de las 14:00 como se pidió.') },
    ];
    const spanish = { ...pack, locale: 'es-ES', exemplars: texts, revision_exemplars: texts, record_schema: clock };
    const pools = exemplarPools(spanish as unknown as PromptPack);
    const clockPlan = planTextField(clock.fields[0]!, clock.fields, new Map([['note', 'text']]), pools, 'es-ES');
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const d = { ...draft(`c${i}`, 0, i), anchor: pools.anchors[0]!, values: {} };
      const text = drawText(clockPlan, d) ?? '';
      const times = [...text.matchAll(/(\d{1,2}):(\d\d)/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      if (times.length === 2) expect(times[0]).toBeLessThan(times[1]!);
      times.forEach((t) => seen.add(String(t)));
    }
    expect(seen.size).toBeGreaterThan(4);
  });

  it("borrows a woman's sentence into a man's text only where the grammar does not mark the speaker's sex", () => {
    const note = recordSchemaSchema.parse({ fields: [{ name: 'note', type: 'text' }] });
    const plans = (locale: string, a: string, b: string) => {
      const texts = [exemplar('f', locale, 'A', a), exemplar('m', locale, 'B', b)];
      const p = { ...pack, locale, exemplars: texts, revision_exemplars: texts, record_schema: note };
      const pools = exemplarPools(p as unknown as PromptPack);
      const sexes = new Map<string, 'female' | 'male'>([
        ['f', 'female'],
        ['m', 'male'],
      ]);
      const plan = planTextField(note.fields[0]!, note.fields, new Map([['note', 'text']]), pools, locale, sexes);
      return Array.from({ length: 20 }, (_, i) =>
        drawText(plan, { ...draft(`g${i}`, 0, i), anchor: pools.anchors[1]!, values: {} }),
      );
    };
    const russian = plans(
      'ru-RU',
      'Три года работала в магазине, знаю кассу.',
      'Два года развожу продукты по Казани и области, без аварий.',
    );
    expect(russian.some((t) => t?.includes('работала'))).toBe(false);
    const japanese = plans(
      'ja-JP',
      'ライブが中止になったので、予約を取り消したいです。',
      '月曜日の便が欠航したので、水曜日の予約を取り消します。',
    );
    expect(japanese.some((t) => t?.includes('ライブ'))).toBe(true);
    // English marks a person's sex only by its pronouns and titles: a sentence with none is anyone's.
    const man = 'The parcel came on Monday and the lid was cracked by Friday.';
    expect(
      plans('en-US', 'I ordered these twice, please refund the second one.', man).some((t) => t?.includes('twice')),
    ).toBe(true);
    expect(plans('en-US', 'She ordered these twice, please refund her.', man).some((t) => t?.includes('twice'))).toBe(
      false,
    );
  });

  it("counts the values a record slot really takes: the locale's towns, one country, a count near its own", () => {
    const roles = new Map([
      ['city', 'address.city' as const],
      ['country', 'address.country' as const],
      ['customer_name', 'person.full' as const],
      ['note', 'text' as const],
    ]);
    const towns = planTextField(schema.fields[1]!, schema.fields, roles, exemplarPools(pack), 'es-ES');
    const counts = { words: ['dos'], spaceless: false };
    expect(towns.spreadOf({ kind: 'field', field: 'city' })).toBe(localeData('es-ES').cities.length);
    expect(towns.spreadOf({ kind: 'field', field: 'country' })).toBe(1);
    expect(towns.spreadOf({ kind: 'given', field: 'customer_name' })).toBe(RECORD_VALUE_SPREAD);
    const years = { kind: 'count' as const, value: 6, capital: true, counts, bound: { field: 'years', base: 6 } };
    expect(towns.spreadOf(years)).toBe(12);
  });
});
