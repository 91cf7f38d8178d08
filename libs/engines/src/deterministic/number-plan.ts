import type { RecordField } from '@vs/contracts';
import type { SeededRandom } from './seeded-random';

/** How a numeric field's values are drawn: around an exemplar value, inside the exemplars' widened span. */
export interface NumberPlan {
  min: number;
  max: number;
  integer: boolean;
  /** Spread of the log-normal around the anchor value. */
  sigma: number;
  values: readonly number[];
  /** Decimal places the exemplars write (0 for whole amounts). */
  decimals: number;
  /** Whole amounts the exemplars round to (36400 → 100, a salary of 52000 → 1000), else 1. */
  step: number;
}

/** The largest power of ten every value is a multiple of, small enough to leave room between them. */
function roundingStep(values: readonly number[]): number {
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v <= 0)) return 1;
  let step = 1;
  while (values.every((v) => v % (step * 10) === 0) && step * 10 <= Math.min(...values) / 5) step *= 10;
  return step;
}

// Generated values stay within the exemplar span widened by this share of it (or of the value, for one value).
const WIDEN = 0.2;
const DEFAULT_SPAN = { min: 0, max: 1000 };

function decimalsOf(value: number): number {
  if (Number.isInteger(value)) return 0;
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** A plan from the subchapter's exemplar values (falling back to the revision's), clamped to the schema. */
export function planNumber(field: RecordField, subchapter: readonly number[], revision: readonly number[]): NumberPlan {
  const values = subchapter.length > 0 ? subchapter : revision;
  const { min: lo, max: hi } = field.constraints;
  const integer = field.type === 'integer';
  let min: number;
  let max: number;
  if (values.length === 0) {
    min = lo ?? Math.min(DEFAULT_SPAN.min, (hi ?? DEFAULT_SPAN.max) - DEFAULT_SPAN.max);
    max = hi ?? Math.max(DEFAULT_SPAN.max, (lo ?? 0) + DEFAULT_SPAN.max);
  } else {
    const seenMin = Math.min(...values);
    const seenMax = Math.max(...values);
    const pad =
      seenMax > seenMin ? (seenMax - seenMin) * WIDEN : Math.max(Math.abs(seenMax) * WIDEN, integer ? 0 : 0.5);
    min = seenMin >= 0 ? Math.max(0, seenMin - pad) : seenMin - pad;
    max = seenMax + pad;
  }
  min = Math.max(min, lo ?? -Infinity);
  max = Math.min(max, hi ?? Infinity);
  if (max < min) max = min;
  const positive = values.filter((v) => v > 0);
  const logs = positive.map(Math.log);
  const mean = logs.reduce((a, b) => a + b, 0) / Math.max(logs.length, 1);
  const spread = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(logs.length, 1));
  return {
    min,
    max,
    integer,
    sigma: Math.min(Math.max(spread / 2, 0.12), 0.45),
    values,
    decimals: integer ? 0 : Math.min(Math.max(0, ...values.map(decimalsOf)), 4),
    step: roundingStep(values),
  };
}

/** Keeps an amount's look: 89.99 stays a .99 price, 149 stays whole, 54.9 keeps one decimal. */
function styled(value: number, like: number, plan: NumberPlan): number {
  if (plan.step > 1) return Math.max(plan.step, Math.round(value / plan.step) * plan.step);
  if (plan.integer) return Math.round(value);
  const decimals = decimalsOf(like);
  if (decimals === 0) return value >= 20 ? Math.round(value) : Math.round(value * 2) / 2;
  const fraction = Math.round((like - Math.floor(like)) * 100) / 100;
  // Prices ending in .99/.95/.49/.9 keep that ending; other decimals are just rounded to the same places.
  if (decimals <= 2 && [0.99, 0.95, 0.49, 0.9, 0.5].includes(fraction)) return Math.floor(value) + fraction;
  return Number(value.toFixed(decimals));
}

function clamp(value: number, plan: NumberPlan): number {
  const v = Math.min(plan.max, Math.max(plan.min, value));
  if (!plan.integer) return Number(v.toFixed(Math.max(plan.decimals, 2)));
  const lo = Math.ceil(plan.min);
  const hi = Math.floor(plan.max);
  return lo > hi ? Math.round(plan.min) : Math.min(hi, Math.max(lo, Math.round(v)));
}

/** A value near `anchor` (an exemplar's value, when the record follows one), else near a random exemplar value. */
export function drawNumber(plan: NumberPlan, random: SeededRandom, anchor: number | null): number {
  const base = anchor ?? (plan.values.length > 0 ? random.pick(plan.values) : null);
  if (base === null) {
    const raw = plan.min + random.next() * (plan.max - plan.min);
    return clamp(plan.integer ? Math.round(raw) : Number(raw.toFixed(2)), plan);
  }
  const raw =
    base > 0
      ? base * Math.exp(random.normal() * plan.sigma)
      : base + random.normal() * Math.max((plan.max - plan.min) / 4, plan.integer ? 1 : 0.5);
  let value = styled(raw, base, plan);
  // A styled price past a bound steps back by whole units (or steps) so it keeps its ending (.99) inside the span.
  const unit = plan.step > 1 ? plan.step : 1;
  if (value > plan.max) value -= Math.ceil((value - plan.max) / unit) * unit;
  if (value < plan.min) value += Math.ceil((plan.min - value) / unit) * unit;
  value = Number(value.toFixed(Math.max(plan.decimals, 2)));
  return value < plan.min || value > plan.max ? clamp(raw, plan) : plan.integer ? Math.round(value) : value;
}
