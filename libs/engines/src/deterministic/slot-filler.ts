import { ordinalDay } from './day-parts';
import { countWord } from './number-words';
import type { RecordDraft } from './record-draft';
import type { SlotFiller } from './text-composer';
import { formatDay, type Slot } from './text-template';

function formatNumber(value: number, decimals: number, comma: boolean): string {
  const text = value.toFixed(decimals);
  return comma ? text.replace('.', ',') : text;
}

function clockAt(slot: Extract<Slot, { kind: 'clock' }>, shift: number): string {
  const minutes = Math.min(Math.max(slot.hour * 60 + slot.minute + shift, 6 * 60), 22 * 60 + 30);
  const hour = String(Math.floor(minutes / 60));
  return `${slot.padded ? hour.padStart(2, '0') : hour}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * A count that states (or moves with) a number field, from the record's value: a word where the locale has
 * one, digits above its words (15 ans); null below two (one year, none), or two when `loose`.
 */
function boundCount(slot: Extract<Slot, { kind: 'count' }>, value: unknown, loose: boolean): string | null {
  if (typeof value !== 'number') return null;
  // A year and a half of experience reads as two years; one year or none has no count word (singular).
  let count = Math.round((slot.value * Math.round(value)) / slot.bound!.base);
  if (count < 2 && loose) count = 2;
  if (count < 2) return null;
  const word = countWord(count, slot.counts, slot.capital);
  // countWord steps over a word that reads as lorem ipsum (es "tres"): a stated count keeps its value in digits.
  return slot.counts.words[count - 2] === word.toLowerCase() ? word : String(count);
}

/**
 * Fills slots with the draft's own values (names, amounts, its email's domain) and, for the free ones, the
 * values its variant chose (another temperature, weekday, town); a free slot without a choice keeps its own.
 */
export function fillerFor(draft: RecordDraft, chosen: ReadonlyMap<Slot, string | number>, loose = false): SlotFiller {
  return (slot: Slot) => {
    const choice = chosen.get(slot);
    switch (slot.kind) {
      case 'field': {
        const v = draft.values[slot.field];
        return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
      }
      case 'given':
      case 'family': {
        const person = draft.people.get(slot.field) ?? draft.mainPerson;
        return person ? person[slot.kind] : null;
      }
      case 'brand': {
        const v = draft.values[slot.field];
        if (typeof v !== 'string') return null;
        const words = v.split(/\s+/);
        return words.find((w, i) => i < words.length - 1 && (w.length > 3 || /\p{Lu}{2}/u.test(w))) ?? words[0] ?? null;
      }
      case 'number': {
        const v = draft.values[slot.field];
        return typeof v === 'number' ? formatNumber(v, slot.decimals, slot.comma) : null;
      }
      case 'free':
        return typeof choice === 'number' ? formatNumber(choice, slot.decimals, slot.comma) : slot.text;
      case 'weekday':
      case 'month':
        return typeof choice === 'string' ? choice : slot.names[slot.index]!;
      case 'relative':
        return typeof choice === 'string' ? choice : slot.format.format(slot.value, slot.unit);
      case 'clock':
        return clockAt(slot, typeof choice === 'number' ? choice : 0);
      case 'place':
        return typeof choice === 'string' ? choice : slot.text;
      case 'day-part':
        if (typeof choice === 'string') return choice;
        return slot.capital ? slot.text.charAt(0).toUpperCase() + slot.text.slice(1) : slot.text;
      case 'ordinal-day':
        return ordinalDay(typeof choice === 'number' ? choice : slot.day);
      case 'twelve-hour':
        return typeof choice === 'string' ? choice : `${slot.hour}${slot.space}${slot.suffix}`;
      case 'count':
        return slot.bound
          ? boundCount(slot, draft.values[slot.bound.field], loose)
          : countWord(typeof choice === 'number' ? choice : slot.value, slot.counts, slot.capital);
      case 'date': {
        const v = draft.values[slot.field];
        return typeof v === 'string' ? formatDay(slot.format, v) : null;
      }
      case 'email-domain': {
        const email = Object.values(draft.values).find((v) => typeof v === 'string' && /^[^@\s]+@[^@\s]+$/.test(v));
        return typeof email === 'string' ? email.split('@')[1]! : 'example.com';
      }
    }
  };
}
