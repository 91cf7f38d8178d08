import { describe, expect, it } from 'vitest';
import { recordSchemaSchema } from '@vs/contracts';
import {
  PromptPackPlanError,
  planPromptPacks,
  type PlanSubchapter,
  type PromptPackPlanInput,
} from './prompt-pack.expander';

const recordSchema = recordSchemaSchema.parse({ fields: [{ name: 'name', type: 'string' }] });

function subchapter(key: string, exemplarLocales: string[]): PlanSubchapter {
  return {
    key,
    title: `Title ${key}`,
    intent: `Intent ${key}`,
    exemplars: exemplarLocales.map((locale, i) => ({
      exemplar_id: `${key}-ex${i}`,
      prompt: `prompt ${i}`,
      record: { name: `name ${i}` },
      locale,
    })),
  };
}

function input(overrides: Partial<PromptPackPlanInput['job']> = {}, maxPackSize?: number): PromptPackPlanInput {
  return {
    job: {
      job_id: 'job-1',
      tenant_id: 'tenant-a',
      locale: 'de-DE',
      record_count: 10,
      engine: 'deterministic',
      token_budget: null,
      template_id: 'retail',
      template_revision: 2,
      chapter_key: 'customers',
      subchapter_key: null,
      ...overrides,
    },
    chapter: {
      key: 'customers',
      title: 'Customers',
      // Deliberately out of key order: the plan must sort by key.
      subchapters: [
        subchapter('c-vip', ['de-DE', 'en-US']),
        subchapter('a-new', ['en-US', 'de-DE', 'de-DE', 'de-DE', 'de-DE']),
        subchapter('b-lapsed', ['en-US', 'en-US']),
      ],
    },
    record_schema: recordSchema,
    ...(maxPackSize === undefined ? {} : { max_pack_size: maxPackSize }),
  };
}

describe(planPromptPacks.name, () => {
  it('balances records across all subchapters in key order, remainder to the first', () => {
    const packs = planPromptPacks(input({ record_count: 11 }));
    expect(packs.map((p) => [p.subchapter_key, p.record_count])).toEqual([
      ['a-new', 4],
      ['b-lapsed', 4],
      ['c-vip', 3],
    ]);
  });

  it('cuts a subchapter share into packs of at most max_pack_size with contiguous job-wide indexes', () => {
    const packs = planPromptPacks(input({ record_count: 307 }, 50));
    expect(packs.every((p) => p.record_count <= 50 && p.record_count > 0)).toBe(true);
    expect(packs.reduce((sum, p) => sum + p.record_count, 0)).toBe(307);
    packs.forEach((pack, i) => {
      expect(pack.pack_index).toBe(i);
      expect(pack.first_record_index).toBe(i === 0 ? 0 : packs[i - 1]!.first_record_index + packs[i - 1]!.record_count);
    });
    expect(new Set(packs.map((p) => p.pack_id)).size).toBe(packs.length);
  });

  it('plans only the requested subchapter when one is named', () => {
    const packs = planPromptPacks(input({ subchapter_key: 'b-lapsed', record_count: 120 }, 50));
    expect(packs.map((p) => p.record_count)).toEqual([40, 40, 40]);
    expect(new Set(packs.map((p) => p.subchapter_key))).toEqual(new Set(['b-lapsed']));
  });

  it('prefers exemplars of the job locale and rotates them across packs, at most three a pack', () => {
    const packs = planPromptPacks(input({ subchapter_key: 'a-new', record_count: 100 }, 25));
    const ids = packs.map((p) => p.exemplars.map((e) => e.exemplar_id));
    expect(ids[0]).toEqual(['a-new-ex1', 'a-new-ex2', 'a-new-ex3']);
    expect(ids[1]).toEqual(['a-new-ex4', 'a-new-ex1', 'a-new-ex2']);
    expect(ids.flat()).not.toContain('a-new-ex0');
  });

  it('falls back to every exemplar when none is in the job locale', () => {
    const packs = planPromptPacks(input({ subchapter_key: 'b-lapsed', record_count: 5 }));
    expect(packs[0]!.exemplars.map((e) => e.exemplar_id)).toEqual(['b-lapsed-ex0', 'b-lapsed-ex1']);
    expect(packs[0]!.exemplars[0]).not.toHaveProperty('locale');
  });

  it('skips subchapters whose share is zero when there are fewer records than subchapters', () => {
    const packs = planPromptPacks(input({ record_count: 2 }));
    expect(packs.map((p) => p.subchapter_key)).toEqual(['a-new', 'b-lapsed']);
  });

  it('returns deep-equal plans for the same input', () => {
    expect(planPromptPacks(input({ record_count: 999 }, 40))).toEqual(
      planPromptPacks(input({ record_count: 999 }, 40)),
    );
  });

  it('carries job, chapter and schema facts onto every pack', () => {
    const [pack] = planPromptPacks(input({ record_count: 1, token_budget: 5000 }));
    expect(pack).toMatchObject({
      job_id: 'job-1',
      tenant_id: 'tenant-a',
      locale: 'de-DE',
      template_id: 'retail',
      template_revision: 2,
      chapter_key: 'customers',
      chapter_title: 'Customers',
      subchapter_title: 'Title a-new',
      subchapter_intent: 'Intent a-new',
      engine: 'deterministic',
      token_budget: 5000,
      record_schema: recordSchema,
    });
  });

  it('throws unknown_subchapter for a subchapter the chapter does not have', () => {
    expect(() => planPromptPacks(input({ subchapter_key: 'z-missing' }))).toThrow(
      expect.objectContaining({ code: 'unknown_subchapter', retriable: false }),
    );
  });

  it('throws no_exemplars for a subchapter without exemplars', () => {
    const bad = input({ subchapter_key: 'd-empty' });
    bad.chapter.subchapters.push(subchapter('d-empty', []));
    expect(() => planPromptPacks(bad)).toThrow(PromptPackPlanError);
    expect(() => planPromptPacks(bad)).toThrow(/no exemplars/);
  });

  it('refuses a non-positive record_count or pack size', () => {
    expect(() => planPromptPacks(input({ record_count: 0 }))).toThrow(PromptPackPlanError);
    expect(() => planPromptPacks(input({}, 0))).toThrow(/max_pack_size/);
  });
});
