import type { Slot } from './text-template';

/**
 * The values a text's free slots may take, as dimensions a variant number is decoded into: numbers of a text
 * move together by one factor (Waist 32 … send 34 keeps its order), clock times by one shift, counts in words
 * by one factor; weekdays, months, relative times and places each on their own.
 */
export interface SlotChoices {
  /** How many distinct fillings the dimensions allow (capped). */
  size: number;
  /** The slot values of filling `n` (0 ≤ n < size); slots not listed take the record's own values. */
  choose(n: number): Map<Slot, string | number>;
}

type FreeSlot = Extract<Slot, { kind: 'free' }>;
type CountSlot = Extract<Slot, { kind: 'count' }>;
type ClockSlot = Extract<Slot, { kind: 'clock' }>;
type OrdinalSlot = Extract<Slot, { kind: 'ordinal-day' }>;

interface Dimension {
  size: number;
  apply(option: number, into: Map<Slot, string | number>): void;
}

const MAX_SIZE = 1 << 30;
const SHIFTS = [-120, -90, -60, -30, 30, 60, 90, 120, 0, 150];
/** A slot the record fills with its own varying value (a name, an amount): texts differ there anyway. */
export const RECORD_VALUE_SPREAD = 64;

function integers(lo: number, hi: number, max: number): number[] {
  const step = Math.max(1, Math.ceil((hi - lo + 1) / max));
  const out: number[] = [];
  for (let v = lo; v <= hi; v += step) out.push(v);
  return out;
}

function scaled(slots: readonly FreeSlot[]): Dimension | null {
  const first = slots[0]!;
  // 3am, 1 or 2 of something: too small to move without changing the sense.
  const targets = integers(Math.max(3, Math.round(first.value * 0.7)), Math.max(4, Math.round(first.value * 1.4)), 40);
  return {
    size: targets.length,
    apply(option, into) {
      const factor = targets[option]! / first.value;
      for (const s of slots) into.set(s, s === first ? targets[option]! : Math.max(3, Math.round(s.value * factor)));
    },
  };
}

function fine(slots: readonly FreeSlot[]): Dimension {
  const first = slots[0]!;
  const unit = 10 ** -first.decimals;
  // Within about 2% (a fever of 39.4 °C stays between 38.6 and 40.2).
  const reach = Math.max(1, Math.floor((Math.abs(first.value) * 0.02) / unit));
  const step = Math.max(1, Math.ceil(reach / 20));
  const offsets = integers(-Math.floor(reach / step), Math.floor(reach / step), 41).map((k) => k * step * unit);
  return {
    size: offsets.length,
    apply(option, into) {
      const factor = (first.value + offsets[option]!) / first.value;
      for (const s of slots) into.set(s, s === first ? first.value + offsets[option]! : s.value * factor);
    },
  };
}

function counted(slots: readonly CountSlot[]): Dimension {
  const first = slots[0]!;
  const max = first.counts.words.length + 1;
  const targets = integers(Math.max(2, Math.round(first.value * 0.5)), Math.min(max, Math.round(first.value * 2)), 20);
  return {
    size: targets.length,
    apply(option, into) {
      const factor = targets[option]! / first.value;
      for (const s of slots) into.set(s, s === first ? targets[option]! : Math.round(s.value * factor));
    },
  };
}

const DAY_SHIFTS = [-9, -6, -4, -3, -2, -1, 1, 2, 3, 4, 6, 9, 12];

/** Days of the month of one text move by one number of days, so "the 1st and again on the 5th" keeps its order. */
function dayShifted(slots: readonly OrdinalSlot[]): Dimension {
  const first = Math.min(...slots.map((s) => s.day));
  const last = Math.max(...slots.map((s) => s.day));
  const shifts = DAY_SHIFTS.filter((d) => first + d >= 1 && last + d <= 28);
  return { size: shifts.length, apply: (option, into) => slots.forEach((s) => into.set(s, s.day + shifts[option]!)) };
}

function shifted(slots: readonly ClockSlot[]): Dimension {
  return { size: SHIFTS.length, apply: (option, into) => slots.forEach((s) => into.set(s, SHIFTS[option]!)) };
}

function own(slot: Slot): Dimension | null {
  switch (slot.kind) {
    case 'weekday':
    case 'month': {
      const count = slot.kind === 'weekday' ? 7 : 12;
      return { size: count - 1, apply: (o, into) => into.set(slot, slot.names[(slot.index + 1 + o) % count]!) };
    }
    case 'relative': {
      // Another distance on the same side of now, within a week for a day: yesterday may become six days ago.
      const limit = slot.unit === 'day' ? Math.max(6, 2 * Math.abs(slot.value)) : slot.unit === 'week' ? 3 : 4;
      const values = integers(1, limit, limit).filter((v) => v !== Math.abs(slot.value));
      const texts = values.map((v) => slot.format.format(Math.sign(slot.value) * v, slot.unit));
      return { size: texts.length, apply: (o, into) => into.set(slot, texts[o]!) };
    }
    case 'day-part': {
      const phrases = slot.phrases
        .filter((p) => p !== slot.text)
        .map((p) => (slot.capital ? p.charAt(0).toUpperCase() + p.slice(1) : p));
      return { size: phrases.length, apply: (o, into) => into.set(slot, phrases[o]!) };
    }
    case 'twelve-hour': {
      // Another hour of the same half of the day, near the written one (3am may become 1am or 5am).
      const hours = [-3, -2, -1, 1, 2, 3].map((d) => slot.hour + d).filter((h) => h >= 1 && h <= 11);
      const texts = hours.map((h) => `${h}${slot.space}${slot.suffix}`);
      return { size: texts.length, apply: (o, into) => into.set(slot, texts[o]!) };
    }
    case 'place': {
      const places = slot.places.filter((p) => p !== slot.text).slice(0, 60);
      return places.length === 0 ? null : { size: places.length, apply: (o, into) => into.set(slot, places[o]!) };
    }
    default:
      // Record values (see recordSpread) and the slots moved together (see dimensionsOf).
      return null;
  }
}

const DRAWN_ALONE = new Set<Slot['kind']>(['weekday', 'month', 'relative', 'place', 'day-part', 'twelve-hour']);

/** The record field a slot writes the value of, or null for a slot the text fills itself. */
export function recordFieldOf(slot: Slot): string | null {
  switch (slot.kind) {
    case 'given':
    case 'family':
    case 'field':
    case 'brand':
    case 'number':
    case 'date':
      return slot.field;
    case 'count':
      return slot.bound?.field ?? null;
    default:
      return null;
  }
}

/**
 * How many texts a shape's record values tell apart: the values each field takes (a town of 24, a count of
 * years from 2 to 9) multiplied, at most RECORD_VALUE_SPREAD. A text whose only value is a town reads alike in
 * two records of one town, so the sequence must not count 64 texts where there are 24.
 */
function recordSpread(slots: readonly Slot[], spreadOf: (slot: Slot) => number): Dimension | null {
  // One value per field: a name's given and family slots, or a count and its followers, are one value.
  const byField = new Map<string, number>();
  for (const slot of slots) {
    const field = recordFieldOf(slot);
    if (field !== null) byField.set(field, Math.max(byField.get(field) ?? 1, spreadOf(slot)));
  }
  if (byField.size === 0) return null;
  let size = 1;
  for (const spread of byField.values()) size = Math.min(RECORD_VALUE_SPREAD, size * Math.max(1, spread));
  return { size, apply: () => undefined };
}

function dimensionsOf(slots: readonly Slot[], spreadOf: (slot: Slot) => number): Dimension[] {
  const free = slots.filter((s): s is FreeSlot => s.kind === 'free' && !(s.decimals === 0 && s.value < 3));
  const whole = free.filter((s) => s.decimals === 0);
  const decimal = free.filter((s) => s.decimals > 0);
  // Counts bound to a number field take the record's value, not a choice.
  const counts = slots.filter((s): s is CountSlot => s.kind === 'count' && !s.bound);
  const clocks = slots.filter((s): s is ClockSlot => s.kind === 'clock');
  const ordinals = slots.filter((s): s is OrdinalSlot => s.kind === 'ordinal-day');
  const dims: Array<Dimension | null> = [
    whole.length > 0 ? scaled(whole) : null,
    decimal.length > 0 ? fine(decimal) : null,
    counts.length > 0 ? counted(counts) : null,
    clocks.length > 0 ? shifted(clocks) : null,
    ordinals.length > 0 ? dayShifted(ordinals) : null,
    ...slots.filter((s) => DRAWN_ALONE.has(s.kind)).map(own),
    // One spread for all of a text's record values, last so the free slots' own values change first.
    recordSpread(slots, spreadOf),
  ];
  return dims.filter((d): d is Dimension => d !== null && d.size > 1);
}

export function slotChoicesOf(
  slots: readonly Slot[],
  spreadOf: (slot: Slot) => number = () => RECORD_VALUE_SPREAD,
): SlotChoices {
  const dims = dimensionsOf(slots, spreadOf);
  let size = 1;
  for (const d of dims) size = Math.min(MAX_SIZE, size * d.size);
  return {
    size,
    choose(n) {
      const into = new Map<Slot, string | number>();
      let rest = n;
      for (const d of dims) {
        d.apply(rest % d.size, into);
        rest = Math.floor(rest / d.size);
      }
      return into;
    },
  };
}
