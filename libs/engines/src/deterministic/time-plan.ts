import type { SeededRandom } from './seeded-random';

const DAY = 86_400_000;
const YEAR = 365.2425 * DAY;
// A field with a single exemplar value has no span to learn from: a month is a modest window.
const DEFAULT_WINDOW = 30 * DAY;

/** How a date or datetime field's values are placed around the job's reference instant. */
export interface TimePlan {
  type: 'date' | 'datetime';
  direction: 'past' | 'future' | 'birth';
  /** past: how far back records go; future: the earliest and latest distance ahead; birth: age in ms. */
  from: number;
  to: number;
  /** Local minutes after midnight the exemplars show (datetime only). */
  minutesOfDay: readonly number[];
  style: DatetimeStyle;
}

export interface DatetimeStyle {
  /** 'Z' for UTC, else written with the local offset (the zone's real one when known, else `fixedOffset`). */
  zulu: boolean;
  fixedOffset: number;
  timeZone: string | null;
  /** Share of exemplars whose seconds are :00. */
  wholeMinutes: number;
  millis: boolean;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function instantOf(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isFinite(ms) ? ms : null;
}

/** Minutes east of UTC written in an ISO datetime ("+02:00" → 120, "Z" → 0), null when none. */
export function offsetOf(value: string): number | null {
  if (/Z$/i.test(value)) return 0;
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(value);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : null;
}

export function learnStyle(values: readonly string[], timeZone: string | null): DatetimeStyle {
  const offsets = values.map(offsetOf).filter((o): o is number => o !== null);
  const zulu = values.length === 0 || values.filter((v) => /Z$/i.test(v)).length * 2 >= values.length;
  return {
    zulu,
    fixedOffset: offsets.find((o) => o !== 0) ?? offsets[0] ?? 0,
    timeZone: zulu ? null : timeZone,
    wholeMinutes:
      values.length === 0
        ? 0.5
        : values.filter((v) => /T\d{2}:\d{2}(:00)?(\.0+)?([+-Z]|$)/i.test(v)).length / values.length,
    millis: values.some((v) => /\.\d+([+-Z]|$)/i.test(v)),
  };
}

function localMinutes(value: string): number | null {
  const m = /T(\d{2}):(\d{2})/.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function span(instants: readonly number[]): number {
  return instants.length < 2 ? 0 : Math.max(...instants) - Math.min(...instants);
}

/**
 * past: the revision's exemplars of the field spread over some window (N days between earliest and latest);
 * records fall in the same window before the reference. future: each subchapter sits at its own distance after
 * the revision's earliest value (urgent cases the same day, reviews weeks later); records keep that distance
 * from the reference.
 */
export function planTime(
  type: 'date' | 'datetime',
  direction: 'past' | 'future',
  subchapterValues: readonly string[],
  revisionValues: readonly string[],
  style: DatetimeStyle,
): TimePlan {
  const revision = revisionValues.map(instantOf).filter((t): t is number => t !== null);
  const subchapter = subchapterValues.map(instantOf).filter((t): t is number => t !== null);
  const minutesOfDay = subchapterValues
    .concat(subchapter.length === 0 ? revisionValues : [])
    .map(localMinutes)
    .filter((m): m is number => m !== null);
  const base = { type, minutesOfDay, style };
  if (direction === 'past') return { ...base, direction, from: 0, to: Math.max(span(revision), DEFAULT_WINDOW) };
  const earliest = revision.length > 0 ? Math.min(...revision) : 0;
  const offsets = (subchapter.length > 0 ? subchapter : revision).map((t) => t - earliest);
  if (offsets.length === 0) return { ...base, direction, from: DAY, to: 4 * 7 * DAY };
  const lo = Math.min(...offsets);
  const hi = Math.max(...offsets);
  const pad = Math.max((hi - lo) * 0.2, DAY);
  return { ...base, direction, from: Math.max(0, lo - pad), to: hi + pad };
}

/** Ages (ms) the subchapter's people have at their record's event, e.g. children for a pediatric subchapter. */
export function planBirth(ages: readonly number[]): TimePlan {
  const lo = ages.length > 0 ? Math.min(...ages) : 18 * YEAR;
  const hi = ages.length > 0 ? Math.max(...ages) : 85 * YEAR;
  const pad = Math.max((hi - lo) * 0.1, ages.length > 0 ? 0.25 * YEAR : 0);
  return {
    type: 'date',
    direction: 'birth',
    from: Math.max(0, lo - pad),
    to: hi + pad,
    minutesOfDay: [],
    style: learnStyle([], null),
  };
}

/** An instant for a record: before, after or (birth) so many years before the reference. */
export function drawInstant(plan: TimePlan, reference: number, random: SeededRandom): number {
  const distance = plan.from + random.next() * (plan.to - plan.from);
  if (plan.direction === 'future') return reference + distance;
  return reference - distance;
}

const offsetCache = new Map<string, Map<number, number>>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC in minutes at an instant (cached per zone and hour: offsets change on the hour). */
function zoneOffset(timeZone: string, instant: number): number {
  let hours = offsetCache.get(timeZone);
  if (!hours) offsetCache.set(timeZone, (hours = new Map()));
  const hour = Math.floor(instant / 3_600_000);
  let offset = hours.get(hour);
  if (offset === undefined) {
    let format = formatters.get(timeZone);
    if (!format)
      formatters.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })));
    const name =
      format.formatToParts(new Date(hour * 3_600_000)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    if (hours.size > 200_000) hours.clear();
    hours.set(hour, offset);
  }
  return offset;
}

function pad2(n: number): string {
  return String(Math.abs(n)).padStart(2, '0');
}

/** Moves an instant's local time of day to one the exemplars show (± an hour and a half), keeping its local date. */
export function withTimeOfDay(plan: TimePlan, instant: number, random: SeededRandom): number {
  if (plan.type !== 'datetime' || plan.minutesOfDay.length === 0) return instant;
  const offset = offsetMinutesAt(plan.style, instant);
  const local = instant + offset * 60_000;
  const midnight = Math.floor(local / DAY) * DAY;
  const minutes = (((random.pick(plan.minutesOfDay) + Math.round(random.normal() * 90)) % 1440) + 1440) % 1440;
  const seconds = random.chance(plan.style.wholeMinutes) ? 0 : random.int(0, 59);
  return midnight + minutes * 60_000 + seconds * 1000 - offset * 60_000;
}

function offsetMinutesAt(style: DatetimeStyle, instant: number): number {
  if (style.zulu) return 0;
  return style.timeZone ? zoneOffset(style.timeZone, instant) : style.fixedOffset;
}

/** A date (local YYYY-MM-DD) or an ISO datetime in the exemplars' style. */
const dayNames = new Map<number, string>();

/** YYYY-MM-DD of a day number (days since 1970-01-01), from a cache: records of a job share a few hundred days. */
function isoDay(day: number): string {
  let name = dayNames.get(day);
  if (name === undefined) {
    name = new Date(day * DAY).toISOString().slice(0, 10);
    if (dayNames.size > 100_000) dayNames.clear();
    dayNames.set(day, name);
  }
  return name;
}

export function formatInstant(plan: TimePlan, instant: number): string {
  const offset = offsetMinutesAt(plan.style, instant);
  // Exemplars written to the minute keep that precision after rules moved a value by some seconds.
  const unit = plan.style.wholeMinutes >= 0.9 ? 60_000 : plan.style.millis ? 1 : 1000;
  const local = Math.floor(instant / unit) * unit + offset * 60_000;
  const day = Math.floor(local / DAY);
  if (plan.type === 'date') return isoDay(day);
  const ms = local - day * DAY;
  const time = `${pad2(Math.floor(ms / 3_600_000))}:${pad2(Math.floor(ms / 60_000) % 60)}:${pad2(Math.floor(ms / 1000) % 60)}`;
  const body = `${isoDay(day)}T${time}${plan.style.millis ? `.${String(ms % 1000).padStart(3, '0')}` : ''}`;
  if (plan.style.zulu) return `${body}Z`;
  return `${body}${offset < 0 ? '-' : '+'}${pad2(Math.trunc(Math.abs(offset) / 60))}:${pad2(Math.abs(offset) % 60)}`;
}

export const TIME = { DAY, YEAR };
