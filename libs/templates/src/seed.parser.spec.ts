import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@vs/contracts';
import { parseSeedFile } from './seed.parser';
import type { InputIssue } from './zod-issues';

/** A one-template seed whose record schema and exemplar the test shapes. */
function seedWith(rules: unknown[], record: Record<string, unknown>): string {
  return JSON.stringify({
    format_version: 1,
    templates: [
      {
        template_id: 'travel-bookings',
        name: 'Travel bookings',
        domain: 'travel',
        revisions: [
          {
            revision: 1,
            status: 'published',
            locales: ['en-GB'],
            record_schema: {
              fields: [
                { name: 'guest_name', type: 'string', semantic: 'person.fullName' },
                { name: 'guest_email', type: 'email' },
                { name: 'check_in', type: 'date' },
                { name: 'check_out', type: 'date' },
                { name: 'nights', type: 'integer' },
                { name: 'total', type: 'number' },
                { name: 'deposit', type: 'number' },
                { name: 'currency', type: 'enum', constraints: { enum: ['GBP', 'EUR'] } },
              ],
              rules,
            },
            chapters: [
              {
                chapter_key: 'stays',
                title: 'Stays',
                subchapters: [
                  {
                    subchapter_key: 'city_break',
                    title: 'City break',
                    intent: 'A short city stay.',
                    exemplars: [{ exemplar_id: 'x1', locale: 'en-GB', prompt: 'A weekend in York.', record }],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
}

const goodRecord = {
  guest_name: 'Olivia Hughes',
  guest_email: 'olivia.hughes@example.co.uk',
  check_in: '2025-03-14',
  check_out: '2025-03-16',
  nights: 2,
  total: 312.5,
  deposit: 50,
  currency: 'GBP',
};

function issuesOf(text: string): InputIssue[] {
  try {
    parseSeedFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).issues;
  }
  throw new Error('expected the seed to be refused');
}

describe(parseSeedFile.name, () => {
  it('accepts every rule of the vocabulary when the exemplars keep them', () => {
    const rules = [
      { rule: 'before', fields: ['check_in', 'check_out'] },
      { rule: 'not_after', fields: ['check_in', 'check_out'] },
      { rule: 'lte', fields: ['deposit', 'total'] },
      { rule: 'lt', fields: ['nights', 'total'] },
      { rule: 'derived_from', fields: ['guest_email', 'guest_name'] },
      { rule: 'currency_of_locale', fields: ['currency'] },
    ];
    const seed = parseSeedFile(seedWith(rules, goodRecord));
    expect(seed.templates[0]!.revisions[0]!.record_schema.rules).toHaveLength(6);
  });

  it('names the path of a rule that names an unknown field, listing the fields it could name', () => {
    const [issue] = issuesOf(seedWith([{ rule: 'before', fields: ['check_in', 'checkout'] }], goodRecord));
    expect(issue).toMatchObject({
      field: 'templates[0].revisions[0].record_schema.rules[0].fields[1]',
      problem: expect.stringMatching(/^unknown field "checkout": name one of guest_name, .*check_out/),
    });
  });

  it('names the path of a rule whose field has the wrong type', () => {
    const issues = issuesOf(
      seedWith(
        [
          { rule: 'lte', fields: ['deposit', 'guest_name'] },
          { rule: 'before', fields: ['nights', 'check_out'] },
        ],
        goodRecord,
      ),
    );
    expect(issues.map((i) => [i.field, i.problem])).toEqual([
      [
        'templates[0].revisions[0].record_schema.rules[0].fields[1]',
        'rule "lte" needs a field of type integer or number here; "guest_name" is string',
      ],
      [
        'templates[0].revisions[0].record_schema.rules[1].fields[0]',
        'rule "before" needs a field of type date or datetime here; "nights" is integer',
      ],
    ]);
  });

  it('refuses an unknown rule kind, listing the kinds there are', () => {
    const [issue] = issuesOf(seedWith([{ rule: 'after', fields: ['check_in', 'check_out'] }], goodRecord));
    expect(issue!.field).toBe('templates[0].revisions[0].record_schema.rules[0].rule');
    expect(issue!.problem + String(issue!.accepted)).toMatch(/before.*not_after.*currency_of_locale/);
  });

  it('refuses a wrong number of fields and a rule relating a field to itself', () => {
    const issues = issuesOf(
      seedWith(
        [
          { rule: 'currency_of_locale', fields: ['currency', 'total'] },
          { rule: 'before', fields: ['check_in', 'check_in'] },
        ],
        goodRecord,
      ),
    );
    const at = (i: number) => `templates[0].revisions[0].record_schema.rules[${i}]`;
    expect(issues.map((i) => i.field)).toEqual([`${at(0)}.fields`, `${at(1)}.fields[1]`]);
    expect(issues[0]!.problem).toBe('rule "currency_of_locale" names 1 field, got 2');
  });

  it('refuses an exemplar that breaks a declared rule, by the path of its field and the rule it breaks', () => {
    const rules = [
      { rule: 'before', fields: ['check_in', 'check_out'] },
      { rule: 'derived_from', fields: ['guest_email', 'guest_name'] },
      { rule: 'currency_of_locale', fields: ['currency'] },
    ];
    const record = { ...goodRecord, check_out: '2025-03-12', guest_email: 'tom.baker@example.co.uk', currency: 'EUR' };
    const issues = issuesOf(seedWith(rules, record));
    const exemplar = 'templates[0].revisions[0].chapters[0].subchapters[0].exemplars[0].record';
    expect(issues.map((i) => i.field)).toEqual([
      `${exemplar}.check_in`,
      `${exemplar}.guest_email`,
      `${exemplar}.currency`,
    ]);
    expect(issues[0]).toMatchObject({
      problem: 'check_in (2025-03-14) must be before check_out (2025-03-12)',
      accepted: 'a record that keeps templates[0].revisions[0].record_schema.rules[0] (before check_in, check_out)',
    });
    expect(issues[2]!.problem).toBe('currency (EUR) is not the currency of en-GB: expected GBP');
  });
});
