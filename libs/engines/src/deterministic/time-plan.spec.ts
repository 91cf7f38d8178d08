import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random';
import { drawInstant, formatInstant, learnStyle, planBirth, planTime, TIME } from './time-plan';

const REFERENCE = Date.parse('2025-04-01T09:30:00Z');

describe(planTime.name, () => {
  it('puts past values within the span the revision exemplars cover, before the reference', () => {
    const style = learnStyle(['2024-03-02T09:14:00Z'], null);
    const plan = planTime(
      'datetime',
      'past',
      ['2024-03-02T09:14:00Z'],
      ['2024-03-02T09:14:00Z', '2024-08-15T08:05:00Z'],
      style,
    );
    const random = new SeededRandom('past');
    for (let i = 0; i < 200; i++) {
      const t = drawInstant(plan, REFERENCE, random);
      expect(t).toBeLessThanOrEqual(REFERENCE);
      expect(t).toBeGreaterThanOrEqual(REFERENCE - 166 * TIME.DAY);
    }
  });

  it("keeps a future field's subchapter distance from the revision's earliest value (urgent: days, reviews: weeks)", () => {
    const revision = ['2024-09-18', '2024-09-20', '2024-11-04', '2024-11-12'];
    const urgent = planTime('date', 'future', ['2024-09-18', '2024-09-20'], revision, learnStyle([], null));
    const review = planTime('date', 'future', ['2024-11-04', '2024-11-12'], revision, learnStyle([], null));
    expect(urgent.to).toBeLessThanOrEqual(4 * TIME.DAY);
    expect(review.from).toBeGreaterThan(40 * TIME.DAY);
  });
});

describe(planBirth.name, () => {
  it('keeps ages inside the exemplar ages, give or take a little', () => {
    const plan = planBirth([2 * TIME.YEAR, 8 * TIME.YEAR]);
    expect(plan.from).toBeGreaterThan(1 * TIME.YEAR);
    expect(plan.to).toBeLessThan(9 * TIME.YEAR);
  });
});

describe(formatInstant.name, () => {
  it("writes the locale zone's real offset for the date when the exemplars write offsets", () => {
    const style = learnStyle(['2024-03-04T17:42:10+01:00', '2024-04-11T08:20:00+02:00'], 'Europe/Berlin');
    const plan = planTime('datetime', 'past', [], [], style);
    expect(formatInstant(plan, Date.parse('2025-01-15T12:00:00Z'))).toBe('2025-01-15T13:00:00+01:00');
    expect(formatInstant(plan, Date.parse('2025-07-15T12:00:00Z'))).toBe('2025-07-15T14:00:00+02:00');
  });

  it('writes UTC with Z when the exemplars do, and dates as the local calendar day', () => {
    const plan = planTime('datetime', 'past', [], [], learnStyle(['2024-03-02T09:14:00Z'], 'America/New_York'));
    expect(formatInstant(plan, Date.parse('2025-01-15T12:00:30Z'))).toBe('2025-01-15T12:00:00Z');
    const date = planTime('date', 'past', [], [], learnStyle([], null));
    expect(formatInstant(date, Date.parse('2025-01-15T23:59:00Z'))).toBe('2025-01-15');
  });
});
