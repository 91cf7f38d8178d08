import { describe, expect, it } from 'vitest';
import type { RecordSchema } from '@vs/contracts';
import { QualityReportAccumulator } from './quality-report.accumulator';
import { renderQualityHtml } from './quality.html';

const schema: RecordSchema = {
  fields: [
    { name: 'status', type: 'enum', required: true, constraints: { enum: ['open', '<b>closed</b>'] } },
    { name: 'amount', type: 'integer', required: true, constraints: { min: 0, max: 100 } },
    { name: 'note', type: 'text', required: true, constraints: {} },
  ],
};

function report() {
  const acc = new QualityReportAccumulator({
    job_id: '00000000-0000-4000-8000-000000000003',
    template_id: 'tmpl-"quoted"',
    template_revision: 2,
    chapter_key: 'chapter<one>',
    locale: 'en-US',
    record_count: 30,
    record_schema: schema,
    subchapters: [{ key: 'sub_a', title: 'A & B <i>title</i>', planned_records: 30 }],
    exemplars: [
      { status: 'open', amount: 10, note: 'x' },
      { status: '<b>closed</b>', amount: 40, note: 'y' },
    ],
  });
  for (let i = 0; i < 25; i++)
    acc.addAccepted({
      fields: { status: i % 3 ? 'open' : '<script>alert(1)</script>', amount: i * 3, note: `n${i}` },
      subchapter_key: 'sub_a',
      scores: { completeness: 1, realism: 0.9 },
    });
  for (let i = 0; i < 5; i++)
    acc.addRejected({
      reasons: ['placeholder_text: note: placeholder text ("<img src=x onerror=alert(1)>")'],
      subchapter_key: 'sub_a',
    });
  return acc.finish(new Date('2026-01-01T00:00:00Z'));
}

describe(renderQualityHtml.name, () => {
  const html = renderQualityHtml(report());

  it('escapes every value that came from a record, a reason or the revision', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>closed</b>');
    expect(html).not.toContain('<i>title</i>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('tmpl-&quot;quoted&quot;');
    expect(html).toContain('A &amp; B &lt;i&gt;title&lt;/i&gt;');
  });

  it('draws inline SVG charts: coverage, rejections by check, category bars and a histogram', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('aria-label="records per subchapter"');
    expect(html).toContain('aria-label="rejected records by check"');
    expect(html).toContain('aria-label="status: share per category"');
    expect(html).toContain('aria-label="amount: histogram"');
    expect(html.match(/<svg class="chart"/g)!.length).toBeGreaterThanOrEqual(4);
    expect(html).toMatch(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#2563eb">/);
  });

  it('is self-contained: no script, stylesheet link, font or image from elsewhere', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|@font-face| src="| href="|url\(/i);
    // The only address is the SVG namespace name, which is never fetched.
    expect(new Set(html.match(/https?:\/\/[^"\s<]*/g))).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });
});
