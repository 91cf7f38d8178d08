import type { RecordFields, RecordRule } from '@vs/contracts';
import { checkRecordRules } from '@vs/domain';
import type { FieldPlan, PackPlan } from './pack-plan';
import { drawPerson } from './person-entity';
import { drawAddress } from './place-and-trade';
import type { RecordDraft } from './record-draft';
import { SeededRandom } from './seeded-random';
import { drawInstant, formatInstant, instantOf, TIME, withTimeOfDay } from './time-plan';

function drawTime(plan: FieldPlan, pack: PackPlan, draft: RecordDraft): void {
  const time = plan.time!;
  let instant = withTimeOfDay(time, drawInstant(time, pack.reference, draft.random), draft.random);
  // A past value never lands after the reference, even when its time of day moved it later that day.
  if (time.direction !== 'future' && instant > pack.reference) instant -= TIME.DAY;
  draft.instants.set(plan.field.name, instant);
}

function swapped<T>(map: Map<string, T>, a: string, b: string): void {
  const x = map.get(a)!;
  map.set(a, map.get(b)!);
  map.set(b, x);
}

// A rule's distance in each anchor exemplar, read once: records of a pack follow a handful of anchors.
const anchorGaps = new WeakMap<RecordDraft['anchor'], Map<RecordRule, number>>();

function anchorGap(rule: RecordRule, draft: RecordDraft): number {
  let gaps = anchorGaps.get(draft.anchor);
  if (!gaps) anchorGaps.set(draft.anchor, (gaps = new Map()));
  let gap = gaps.get(rule);
  if (gap === undefined) {
    const [a, b] = rule.fields as [string, string];
    gap = instantOf(draft.anchor.record[b])! - instantOf(draft.anchor.record[a])!;
    gaps.set(rule, gap);
  }
  return gap;
}

/** Moves values so an ordering rule holds: swap a reversed pair, then open a gap between equal ones. */
function gapFor(rule: RecordRule, draft: RecordDraft, pack: PackPlan): number | null {
  const gaps = pack.ruleGaps.get(rule);
  if (!gaps || gaps.length === 0) return null;
  const own = anchorGap(rule, draft);
  const base = Number.isFinite(own) && own > 0 ? own : draft.random.pick(gaps);
  const gap = base * Math.exp(draft.random.normal() * 0.25);
  const dates = pack.fields.some((f) => rule.fields.includes(f.field.name) && f.time?.type === 'date');
  return dates
    ? Math.max(rule.rule === 'before' ? 1 : 0, Math.round(gap / TIME.DAY)) * TIME.DAY
    : Math.max(gap, 60_000);
}

function settleOrder(
  rule: RecordRule,
  draft: RecordDraft,
  plans: ReadonlyMap<string, FieldPlan>,
  pack: PackPlan,
): void {
  const [a, b] = rule.fields as [string, string];
  if (rule.rule === 'before' || rule.rule === 'not_after') {
    const ta = draft.instants.get(a);
    const tb = draft.instants.get(b);
    if (ta === undefined || tb === undefined) return;
    const [pa, pb] = [plans.get(a)?.time, plans.get(b)?.time];
    const related = pa && pb && pa.direction === pb.direction && pa.direction !== 'birth';
    const gap = related ? gapFor(rule, draft, pack) : null;
    if (gap !== null) {
      // The later value keeps the exemplars' distance from the earlier one (a stay of two nights, a delivery next day).
      let later = ta + gap;
      const laterPlan = plans.get(b)?.time;
      const overshoot = laterPlan && laterPlan.direction !== 'future' ? later - pack.reference : 0;
      if (overshoot > 0) {
        draft.instants.set(a, ta - overshoot - 60_000);
        later -= overshoot + 60_000;
      }
      draft.instants.set(b, later);
    } else if (ta > tb) swapped(draft.instants, a, b);
    const step = plans.get(a)?.time?.type === 'date' || plans.get(b)?.time?.type === 'date' ? TIME.DAY : 0;
    const lo = draft.instants.get(a)!;
    const hi = draft.instants.get(b)!;
    // Equal dates break "before": the earlier one moves back a day (or a few hours for datetimes).
    if (rule.rule === 'before' && hi - lo < Math.max(step, 1))
      draft.instants.set(a, hi - Math.max(step, (1 + draft.random.int(0, 47)) * 3_600_000));
    return;
  }
  if (rule.rule === 'lt' || rule.rule === 'lte') {
    const x = draft.values[a];
    const y = draft.values[b];
    if (typeof x !== 'number' || typeof y !== 'number') return;
    // An insured value above the declared one: the declared value rises to it where its range allows, else the
    // insured one comes down. Either keeps both amounts near the record's exemplar.
    if (x > y) {
      // Both meet where each stays inside its own span: the declared value rises (to the insured one, or as far
      // as it may go) and the insured one comes down to it.
      const bMax = plans.get(b)?.numbers?.max ?? Infinity;
      const aMin = plans.get(a)?.numbers?.min ?? -Infinity;
      const meet = x <= bMax ? x : Math.floor(bMax * 100) / 100;
      if (meet >= aMin && meet >= y) [draft.values[a], draft.values[b]] = [meet, meet];
      else draft.values[a] = y;
    }
    if (rule.rule === 'lt' && draft.values[a] === draft.values[b]) {
      const unit = plans.get(a)?.field.type === 'integer' ? 1 : 0.01;
      draft.values[b] = Number(((draft.values[b] as number) + unit).toFixed(4));
    }
  }
}

/**
 * A record's number among its anchor's records in the job. The expander rotates a subchapter's exemplars over
 * its packs, so without the pack's own number an anchor's first record of a pack could take the number of its
 * last record of the pack before (index 48 and index 50 both 16 with three anchors) and repeat its text;
 * one step per pack keeps each pack's numbers past the previous pack's.
 */
export function anchorTurn(index: number, anchors: number, packIndex: number): number {
  return Math.floor(index / anchors) + packIndex;
}

// A retried record takes a variant far from its neighbours', which hold the ones next to its own.
const RETRY_VARIANT_STEP = 7919;

/**
 * One record: entities first, then every field from its plan, then the cross-field rules settled. `index` is
 * the record's index in its job: records of a subchapter have consecutive indexes, so taking the anchor and
 * the text variant from it (not from the random stream) spreads them evenly and without repeats.
 */
export function buildRecord(pack: PackPlan, recordId: string, attempt: number, index = 0, packIndex = 0): RecordFields {
  const random = new SeededRandom(attempt === 0 ? recordId : `${recordId}#${attempt}`);
  const anchors = pack.pools.anchors;
  const anchor = anchors[index % anchors.length]!;
  const variant = anchorTurn(index, anchors.length, packIndex) + attempt * RETRY_VARIANT_STEP;
  const draft: RecordDraft = {
    random,
    anchor,
    variant,
    values: {},
    instants: new Map(),
    people: new Map(),
    mainPerson: drawPerson(pack.data, pack.personStyle, random, pack.anchorSex.get(anchor.id) ?? null),
    address: pack.needsAddress
      ? // Anchors start at different towns, so the records of a pack's anchors spread over the list together.
        drawAddress(
          pack.data.cities,
          pack.exemplarCities,
          pack.data,
          random,
          pack.shortCityNames,
          variant + 7 * (index % anchors.length),
        )
      : null,
  };
  let first = true;
  for (const plan of pack.fields) {
    if (plan.role !== 'person.full') continue;
    // The first name field is the record's person; another (an agent, a doctor) is someone else.
    draft.people.set(plan.field.name, first ? draft.mainPerson! : drawPerson(pack.data, pack.personStyle, random));
    first = false;
  }
  const plans = pack.byName;
  const texts: FieldPlan[] = [];
  for (const plan of pack.order) {
    // An optional field is there when the record's exemplar has it: a parcel in transit has no delivery time.
    if (!plan.field.required && (draft.anchor.record[plan.field.name] ?? null) === null)
      draft.values[plan.field.name] = null;
    else if (plan.role === 'text') texts.push(plan);
    else if (plan.time) drawTime(plan, pack, draft);
    else draft.values[plan.field.name] = plan.draw(draft);
  }
  for (const rule of pack.rules) settleOrder(rule, draft, plans, pack);
  for (const [name, instant] of draft.instants) draft.values[name] = formatInstant(plans.get(name)!.time!, instant);
  // Texts mention the record's names and amounts, so they are written once those are final.
  for (const plan of texts) draft.values[plan.field.name] = plan.draw(draft);
  const out: RecordFields = {};
  for (const plan of pack.fields) out[plan.field.name] = draft.values[plan.field.name] ?? null;
  return out;
}

/**
 * Rule violations left after settling (none expected): the engine retries the record with a new draw.
 * derived_from holds by construction (the email is written from the name) and is the costly one to
 * re-check, so the engine's spec checks it over whole seeds instead of every record here.
 */
export function ruleProblems(pack: PackPlan, fields: RecordFields): string[] {
  return checkRecordRules(pack.checkedRules, fields, pack.locale).map((v) => v.message);
}
