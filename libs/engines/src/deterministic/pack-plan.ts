import type { PromptPack, RecordField, RecordFields, RecordRule } from '@vs/contracts';
import { asciiNameTokens, currencyOfLocale } from '@vs/domain';
import { compileShapeCheck } from './record-shape.check';
import { exemplarPools, isBoolean, isNumber, isString, nearestValues, type ExemplarPools } from './exemplar-pools';
import { isFutureField, roleOf, type FieldRole } from './field-roles';
import { localeData, type LocaleData } from './locale-data';
import { drawNumber, planNumber, type NumberPlan } from './number-plan';
import { compilePattern } from './pattern-value';
import { drawEmail, learnPersonStyle, localPart, sexOf, type PersonStyle } from './person-entity';
import { drawOrganisation, drawPhone, drawProduct, learnPhoneShape, shortCityName } from './place-and-trade';
import type { FieldValue, RecordDraft } from './record-draft';
import type { SeededRandom } from './seeded-random';
import { drawText, planTextField } from './text-field.plan';
import { SLOT_END, SLOT_START } from './text-template';
import { instantOf, learnStyle, planBirth, planTime, type TimePlan } from './time-plan';

/** One field's learnt way of drawing its value for a record. */
export interface FieldPlan {
  field: RecordField;
  role: FieldRole;
  /** Share of records that carry a value (optional fields only). */
  presence: number;
  time: TimePlan | null;
  numbers?: NumberPlan;
  draw(draft: RecordDraft): FieldValue;
}

/** Everything learnt once per pack: the engine draws each record from it. */
export interface PackPlan {
  locale: string;
  reference: number;
  pools: ExemplarPools;
  /** Schema order, for the output. */
  fields: FieldPlan[];
  /** Drawing order: entities and plain values first, texts (which mention them) last. */
  order: FieldPlan[];
  byName: ReadonlyMap<string, FieldPlan>;
  rules: readonly RecordRule[];
  /** The rules re-checked on every record (derived_from holds by construction). */
  checkedRules: readonly RecordRule[];
  /** Schema problems of a drawn record (types, lengths, patterns, bounds), as the record validator sees them. */
  shapeProblems: (fields: RecordFields) => string[];
  personStyle: PersonStyle;
  data: LocaleData;
  /** The locale's exemplar cities, for locales without a real-city list. */
  exemplarCities: readonly string[];
  needsAddress: boolean;
  /** The locale's exemplars write cities without their administrative suffix (京都 rather than 京都市). */
  shortCityNames: boolean;
  /** The sex of each anchor's person (by exemplar id), so gendered words in its texts still fit. */
  anchorSex: ReadonlyMap<string, 'female' | 'male' | null>;
  /** For ordering rules between two times: the exemplars' distances (ms) from the earlier to the later. */
  ruleGaps: ReadonlyMap<RecordRule, readonly number[]>;
}

// A pack without reference_at (written before it existed) still yields the same records on every run.
export const FALLBACK_REFERENCE = '2025-01-01T00:00:00.000Z';

function uuid(random: SeededRandom): string {
  const hex = (n: number) => Array.from({ length: n }, () => random.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + random.int(0, 3)).toString(16)}${hex(3)}-${hex(12)}`;
}

function withFreshDigits(value: string, random: SeededRandom): string {
  let first = true;
  return value.replace(/\d/g, () => {
    const digit = first ? random.int(1, 9) : random.int(0, 9);
    first = false;
    return String(digit);
  });
}

function learnAges(pools: ExemplarPools, birthField: string, fields: readonly RecordField[]): number[] {
  const events = fields.filter((f) => (f.type === 'date' || f.type === 'datetime') && f.name !== birthField);
  const ages = (pool: ExemplarPools['anchors']) =>
    pool.flatMap((e) => {
      const birth = instantOf(e.record[birthField]);
      const event = events.map((f) => instantOf(e.record[f.name])).find((t) => t !== null);
      const latest = Math.max(...pools.revisionAll.flatMap((x) => events.map((f) => instantOf(x.record[f.name]) ?? 0)));
      const at = event ?? (latest > 0 ? latest : null);
      return birth !== null && at !== null && at > birth ? [at - birth] : [];
    });
  const own = ages(pools.anchors);
  return own.length > 0 ? own : ages(pools.revisionAll);
}

function ruleGaps(rule: RecordRule, pools: ExemplarPools): number[] {
  if (rule.rule !== 'before' && rule.rule !== 'not_after') return [];
  const [a, b] = rule.fields as [string, string];
  const gaps = (pool: ExemplarPools['anchors']) =>
    pool.flatMap((e) => {
      const [ta, tb] = [instantOf(e.record[a]), instantOf(e.record[b])];
      return ta !== null && tb !== null && tb >= ta ? [tb - ta] : [];
    });
  const own = gaps(pools.anchors);
  return own.length > 0 ? own : gaps(pools.revisionAll);
}

function cityStyleIsShort(data: LocaleData, fields: readonly RecordField[], pools: ExemplarPools): boolean {
  const written = fields.flatMap((f) => pools.revisionLocal.map((e) => e.record[f.name]).filter(isString));
  const full = new Set(data.cities.map((c) => c.city));
  const short = new Set(data.cities.map((c) => shortCityName(c.city)).filter((c) => !full.has(c)));
  return (
    written.some((c) => short.has(c)) && !written.some((c) => full.has(c) && !short.has(c) && c !== shortCityName(c))
  );
}

interface Learnt {
  pack: PromptPack;
  pools: ExemplarPools;
  data: LocaleData;
  roles: Map<string, FieldRole>;
  personStyle: PersonStyle;
  rules: readonly RecordRule[];
  /** The sex of each exemplar's person (by exemplar id) where the locale's name lists tell it. */
  sexes: ReadonlyMap<string, 'female' | 'male' | null>;
}

function presenceOf(field: RecordField, pools: ExemplarPools): number {
  if (field.required) return 1;
  const pool = pools.subchapterLocal.length > 0 ? pools.subchapterLocal : pools.anchors;
  const present = pool.filter((e) => e.record[field.name] !== null && e.record[field.name] !== undefined).length;
  return (present + 0.5) / (pool.length + 1);
}

/**
 * A flag drawn with the subchapter's share of true (its exemplars in every locale, else the revision's): the
 * few exemplars a job's locale has would otherwise make every record false. A value the subchapter never
 * shows stays out unless the field varies freely; then both sides keep some weight.
 */
export function booleanShare(values: readonly boolean[], variesFreely: boolean): number {
  if (values.length === 0) return 0.5;
  const trues = values.filter((v) => v).length;
  return variesFreely ? (trues + 0.5) / (values.length + 1) : trues / values.length;
}

function booleanDraw(field: RecordField, l: Learnt): (d: RecordDraft) => FieldValue {
  const values = nearestValues([l.pools.subchapterAll, l.pools.revisionAll], field.name, isBoolean);
  const share = booleanShare(values, field.varies_freely === true);
  return (d) => d.random.chance(share);
}

function categoricalDraw(field: RecordField, l: Learnt): (d: RecordDraft) => FieldValue {
  const { pools } = l;
  const accept = field.type === 'boolean' ? isBoolean : isString;
  const near = nearestValues<string | boolean>(
    [pools.anchors, pools.subchapterAll, pools.revisionLocal, pools.revisionAll],
    field.name,
    accept as (v: unknown) => v is string | boolean,
  );
  const free = field.constraints.enum ?? [
    ...new Set(nearestValues([pools.revisionLocal, pools.revisionAll], field.name, isString)),
  ];
  const currency = l.rules.some((r) => r.rule === 'currency_of_locale' && r.fields[0] === field.name)
    ? currencyOfLocale(l.pack.locale)
    : null;
  return (d) => {
    if (currency !== null && (!field.constraints.enum || field.constraints.enum.includes(currency))) return currency;
    const own = d.anchor.record[field.name];
    // A value the subchapter never shows only where the schema says the field varies freely.
    if (field.varies_freely && free.length > 0 && d.random.chance(0.35)) return d.random.pick(free);
    if (accept(own)) return own;
    if (near.length > 0) return d.random.pick(near);
    if (field.type === 'boolean') return d.random.chance(0.5);
    return free.length > 0 ? free[0]! : null;
  };
}

function timeDraw(
  field: RecordField,
  l: Learnt,
  role: FieldRole,
): { plan: TimePlan; draw: (d: RecordDraft) => FieldValue } {
  const type = field.type === 'date' ? 'date' : 'datetime';
  if (role === 'birthdate') {
    const plan = planBirth(learnAges(l.pools, field.name, l.pack.record_schema.fields));
    return { plan, draw: () => null };
  }
  const subchapter = l.pools.anchors.map((e) => e.record[field.name]).filter(isString);
  const revision = l.pools.revisionAll.map((e) => e.record[field.name]).filter(isString);
  const styleValues = nearestValues(
    [l.pools.subchapterLocal, l.pools.revisionLocal, l.pools.revisionAll],
    field.name,
    isString,
  );
  const style = learnStyle(styleValues, l.data.timeZone);
  const plan = planTime(type, isFutureField(field) ? 'future' : 'past', subchapter, revision, style);
  return { plan, draw: () => null };
}

function stringDraw(field: RecordField, role: FieldRole, l: Learnt): (d: RecordDraft) => FieldValue {
  const { pools, data } = l;
  const values = (pools2 = [pools.revisionLocal, pools.revisionLanguage, pools.revisionAll]) =>
    nearestValues(pools2, field.name, isString);
  const seen = new Set(pools.revisionAll.map((e) => e.record[field.name]).filter(isString));
  const personOf = (d: RecordDraft) => d.people.get(field.name) ?? d.mainPerson;
  switch (role) {
    case 'person.full':
      return (d) => d.people.get(field.name)?.full ?? d.mainPerson?.full ?? null;
    case 'person.given':
      return (d) => personOf(d)?.given ?? null;
    case 'person.family':
      return (d) => personOf(d)?.family ?? null;
    case 'person.latin':
      return (d) => d.mainPerson?.latin ?? null;
    case 'email': {
      const rule = l.rules.find((r) => r.rule === 'derived_from' && r.fields[0] === field.name);
      const source = rule?.fields[1];
      const fromOrganisation = source !== undefined && l.roles.get(source) === 'organisation';
      return (d) => {
        if (fromOrganisation) {
          const org = d.values[source];
          if (typeof org === 'string') {
            const word = org.split(/\s+/)[0]!;
            const brand = localPart({ given: word, family: word, full: org, latin: '' }, 'given', data.language);
            return `${brand}@${d.random.pick(l.personStyle.emailDomains)}`;
          }
        }
        const person = (source ? d.people.get(source) : undefined) ?? d.mainPerson;
        return person ? drawEmail(person, l.personStyle, data.language, d.random) : null;
      };
    }
    case 'username':
      return (d) => {
        const person = d.mainPerson;
        if (!person) return null;
        const local = localPart(person, d.random.pick(l.personStyle.emailShapes), data.language);
        return d.random.chance(0.5) ? `${local}${d.random.int(1, 99)}` : local;
      };
    case 'phone': {
      const shape = learnPhoneShape(values([pools.subchapterLocal, pools.revisionLocal]));
      return (d) => drawPhone(shape, data, d.random);
    }
    case 'address.city':
      return (d) => d.address?.city ?? null;
    case 'address.region':
      return (d) => d.address?.region ?? null;
    case 'address.postcode':
      return (d) => d.address?.postcode ?? null;
    case 'address.country':
      return (d) => d.address?.country || (values()[0] ?? null);
    case 'address.street': {
      const streets = values();
      return (d) => (streets.length > 0 ? withFreshDigits(d.random.pick(streets), d.random) : null);
    }
    case 'organisation': {
      const names = values();
      return (d) => drawOrganisation(names, data, d.random, seen, d.address?.city ?? null);
    }
    case 'product': {
      const names = values();
      return (d) => {
        const own = d.anchor.record[field.name];
        return drawProduct(isString(own) ? own : null, names, data, d.random, seen);
      };
    }
    case 'pattern': {
      const generate = compilePattern(field.constraints.pattern!);
      return (d) => {
        if (!generate) return null;
        let value = generate(d.random);
        for (let i = 0; i < 3 && seen.has(value); i++) value = generate(d.random);
        return value;
      };
    }
    case 'identifier': {
      const ids = values();
      return (d) => (ids.length > 0 ? withFreshDigits(d.random.pick(ids), d.random) : `ID-${d.random.digits(6, true)}`);
    }
    case 'uuid':
      return (d) => uuid(d.random);
    case 'url':
      return urlDraw(field, l);
    case 'text': {
      const plan = planTextField(field, l.pack.record_schema.fields, l.roles, pools, l.pack.locale, l.sexes);
      if (field.type === 'text') return (d) => drawText(plan, d);
      // A short free string (a job title) is not a sentence to rebuild: it recurs as the locale's exemplars write it.
      const known = values();
      return (d) => {
        const own = d.anchor.record[field.name];
        if (isString(own) && (!field.varies_freely || d.random.chance(0.7))) return own;
        return known.length > 0 ? d.random.pick(known) : drawText(plan, d);
      };
    }
    default:
      return categoricalDraw(field, l);
  }
}

const SLUG = 'abcdefghijklmnopqrstuvwxyz0123456789';
const URL_SLOT = new RegExp(`${SLOT_START}(\\d+)${SLOT_END}`, 'g');

/**
 * URLs shaped like the exemplars': the exemplar's own ids and the person's name in it become the
 * record's (…/envio/SHP-40211373, https://camilledurand.example.fr); other last segments are drawn anew.
 */
function urlDraw(field: RecordField, l: Learnt): (d: RecordDraft) => FieldValue {
  const data = l.data;
  const pool = [l.pools.revisionLocal, l.pools.revisionLanguage, l.pools.revisionAll].find((p) =>
    p.some((e) => isString(e.record[field.name])),
  );
  const templates = (pool ?? []).flatMap((e) => {
    const url = e.record[field.name];
    if (!isString(url) || !/^https?:\/\//.test(url)) return [];
    let template = url;
    const slots: string[] = [];
    for (const other of l.pack.record_schema.fields) {
      const v = e.record[other.name];
      if (other.name === field.name || !isString(v) || v.length < 4 || !template.includes(v)) continue;
      template = template.split(v).join(`${SLOT_START}${slots.length}${SLOT_END}`);
      slots.push(other.name);
    }
    const person = l.pack.record_schema.fields
      .map((f) => e.record[f.name])
      .find((v, i) => {
        const role = l.roles.get(l.pack.record_schema.fields[i]!.name);
        return isString(v) && (role === 'person.full' || role === 'person.latin');
      });
    // The person's name in a URL (camilledurand, smirnov-dev): each of its words becomes the record's.
    const tokens = typeof person === 'string' ? asciiNameTokens(person) : [];
    let hasName = false;
    tokens.forEach((token, i) => {
      if (token.length < 3 || !template.includes(token)) return;
      template = template.replace(token, i === tokens.length - 1 ? '\u0004' : '\u0003');
      hasName = true;
    });
    return [{ template, slots, hasName }];
  });
  return (d) => {
    const slug = Array.from({ length: 8 }, () => SLUG.charAt(d.random.int(0, SLUG.length - 1))).join('');
    if (templates.length === 0) return `https://www.example.com/${slug}`;
    const t = d.random.pick(templates);
    let url = t.template.replace(URL_SLOT, (_, i: string) => {
      const v = d.values[t.slots[Number(i)]!];
      return typeof v === 'string' || typeof v === 'number' ? encodeURIComponent(String(v)) : slug;
    });
    if (t.hasName) {
      const [given = slug, family = slug] = d.mainPerson
        ? localPart(d.mainPerson, 'given.family', data.language).split('.')
        : [];
      url = url.replace('\u0003', given).replace('\u0004', family);
    } else if (t.slots.length === 0) url = url.replace(/\/[^/]*$/, (last) => (last.length > 1 ? `/${slug}` : last));
    return url;
  };
}

function planField(field: RecordField, l: Learnt): FieldPlan {
  const role = l.roles.get(field.name)!;
  const presence = presenceOf(field, l.pools);
  if (role === 'number') {
    const subchapter = l.pools.anchors.map((e) => e.record[field.name]).filter(isNumber);
    const revision = nearestValues([l.pools.revisionLocal, l.pools.revisionAll], field.name, isNumber);
    const plan = planNumber(field, subchapter, revision);
    return {
      field,
      role,
      presence,
      time: null,
      numbers: plan,
      draw: (d) => {
        const own = d.anchor.record[field.name];
        return drawNumber(plan, d.random, isNumber(own) ? own : null);
      },
    };
  }
  if (role === 'time' || role === 'birthdate') {
    const { plan, draw } = timeDraw(field, l, role);
    return { field, role, presence, time: plan, draw };
  }
  if (role === 'boolean' && field.type === 'boolean')
    return { field, role, presence, time: null, draw: booleanDraw(field, l) };
  if (role === 'boolean' || role === 'categorical' || role === 'currency')
    return { field, role, presence, time: null, draw: categoricalDraw(field, l) };
  return { field, role, presence, time: null, draw: stringDraw(field, role, l) };
}

/** Learns how to draw every field of the pack's schema from its exemplars. */
export function planPack(pack: PromptPack): PackPlan {
  const pools = exemplarPools(pack);
  const data = localeData(pack.locale);
  const schema = pack.record_schema;
  const roles = new Map(
    schema.fields.map((f) => [f.name, roleOf(f, pools.revisionAll.map((e) => e.record[f.name]).filter(isString))]),
  );
  const personFields = schema.fields.filter((f) => roles.get(f.name) === 'person.full');
  const emailFields = schema.fields.filter((f) => roles.get(f.name) === 'email');
  const local = pools.revisionLocal.length > 0 ? pools.revisionLocal : pools.revisionAll;
  const names = local.flatMap((e) => personFields.map((f) => e.record[f.name]).filter(isString));
  const sourceOf = (email: string) =>
    schema.rules?.find((r) => r.rule === 'derived_from' && r.fields[0] === email)?.fields[1];
  const pairs = local.flatMap((e) => {
    return emailFields.flatMap((f) => {
      const source = sourceOf(f.name);
      const name = source ? e.record[source] : personFields.map((p) => e.record[p.name]).find(isString);
      const email = e.record[f.name];
      return isString(name) && isString(email) ? [{ name, email }] : [];
    });
  });
  const personStyle = learnPersonStyle(data, names, pairs);
  const rules = schema.rules ?? [];
  const sexes = new Map(
    [...pools.revisionAll, ...pools.anchors].map((e) => {
      const name = personFields.map((f) => e.record[f.name]).find(isString);
      return [e.id, name ? sexOf(name, data, data.familyFirst && !/\p{Script=Latin}/u.test(name)) : null] as const;
    }),
  );
  const learnt: Learnt = { pack, pools, data, roles, personStyle, rules, sexes };
  const fields = schema.fields.map((f) => planField(f, learnt));
  const late = (p: FieldPlan) => (p.role === 'text' ? 1 : p.role === 'email' || p.role === 'url' ? 0.5 : 0);
  return {
    locale: pack.locale,
    reference: Date.parse(pack.reference_at ?? FALLBACK_REFERENCE) || Date.parse(FALLBACK_REFERENCE),
    pools,
    fields,
    order: [...fields].sort((a, b) => late(a) - late(b)),
    byName: new Map(fields.map((p) => [p.field.name, p])),
    rules,
    checkedRules: rules.filter((r) => r.rule !== 'derived_from'),
    shapeProblems: compileShapeCheck(schema),
    personStyle,
    data,
    exemplarCities: [
      ...new Set(
        schema.fields
          .filter((f) => roles.get(f.name) === 'address.city')
          .flatMap((f) => nearestValues([pools.revisionLocal, pools.revisionLanguage], f.name, isString)),
      ),
    ],
    needsAddress:
      [...roles.values()].some((r) => r.startsWith('address.')) || [...roles.values()].includes('organisation'),
    shortCityNames: cityStyleIsShort(
      data,
      schema.fields.filter((f) => roles.get(f.name) === 'address.city'),
      pools,
    ),
    ruleGaps: new Map(rules.map((rule) => [rule, ruleGaps(rule, pools)])),
    anchorSex: sexes,
  };
}
