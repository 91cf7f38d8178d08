import type { FieldQuality, JobQualityReport } from './quality-report.types';
import { escapeHtml as e, histogramChart, horizontalBarChart, meter, type ChartSeries } from './svg-charts';

const RECORDS: ChartSeries = { name: 'accepted records', color: '#2563eb' };
const EXEMPLARS: ChartSeries = { name: 'exemplars', color: '#f59e0b' };
const PLANNED: ChartSeries = { name: 'planned', color: '#94a3b8' };
const REJECTED: ChartSeries = { name: 'rejected', color: '#dc2626' };

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;background:#f8fafc;color:#0f172a}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #cbd5e1;padding-bottom:4px}
h3{font-size:15px;margin:0 0 6px}.sub{color:#475569;font-size:13px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:16px}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:12px 16px;min-width:150px}
.card .big{font-size:30px;font-weight:700}.card .k{font-size:12px;color:#475569;text-transform:uppercase;letter-spacing:.04em}
table{border-collapse:collapse;background:#fff;font-size:13px;width:100%}
th,td{border:1px solid #e2e8f0;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f1f5f9}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.field{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:12px 16px;margin:12px 0}
.chart{display:block;margin:8px 0;max-width:100%;height:auto}
.chart text{font-size:11px;fill:#334155}.chart .legend{font-size:11px}.chart .axis{stroke:#94a3b8}
.meter{vertical-align:middle;margin-right:6px}.na{color:#94a3b8}
code{font-size:12px;background:#f1f5f9;padding:1px 4px;border-radius:3px;word-break:break-all}
ul.notes{font-size:12px;color:#475569}
`;

/** quality.html: a self-contained page (inline CSS and SVG, no script, no external resource). */
export function renderQualityHtml(report: JobQualityReport): string {
  const title = `Quality report · job ${report.job_id}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(title)}</title><style>${STYLE}</style></head><body><main>`,
    `<h1>${e(title)}</h1>`,
    `<div class="sub">template <b>${e(report.template_id)}</b> revision ${report.template_revision} · chapter <b>${e(report.chapter_key)}</b> · locale ${e(report.locale)} · generated ${e(report.generated_at)}</div>`,
    summary(report),
    coverage(report),
    rejections(report),
    fieldsOverview(report.fields),
    ...report.fields.map(fieldSection),
    `<h2>Method</h2><ul class="notes">${report.method.notes.map((n) => `<li>${e(n)}</li>`).join('')}<li>${e(`Overall score: ${report.score.composition}.`)}</li></ul>`,
    '</main></body></html>',
    '',
  ].join('\n');
}

function card(label: string, value: string, extra = ''): string {
  return `<div class="card"><div class="k">${e(label)}</div><div class="big">${e(value)}</div>${extra}</div>`;
}

function summary(report: JobQualityReport): string {
  const { score, records, mean_scores } = report;
  return `<div class="cards">${[
    card('overall score', num(score.overall), meter(score.overall, 140)),
    card('field quality', pct(score.components.field_quality), meter(score.components.field_quality)),
    card('coverage', pct(score.components.coverage), meter(score.components.coverage)),
    card('acceptance', pct(score.components.acceptance), meter(score.components.acceptance)),
    card(
      'records',
      `${records.accepted} / ${records.planned}`,
      `<div class="sub">accepted of planned · ${records.rejected} rejected</div>`,
    ),
    card(
      'mean scores',
      num(mean_scores.realism),
      `<div class="sub">realism · completeness ${num(mean_scores.completeness)}</div>`,
    ),
  ].join('')}</div>`;
}

function coverage(report: JobQualityReport): string {
  const rows = report.subchapters.map((s) => ({
    label: s.subchapter_key,
    values: [s.planned_records ?? 0, s.accepted_records, s.rejected_records],
  }));
  const table = report.subchapters
    .map(
      (s) =>
        `<tr><td><code>${e(s.subchapter_key)}</code></td><td>${e(s.title)}</td><td class="n">${s.planned_records ?? 'n/a'}</td><td class="n">${s.accepted_records}</td><td class="n">${s.rejected_records}</td><td>${s.coverage === null ? meter(null) : `${meter(s.coverage)}${pct(s.coverage)}`}</td></tr>`,
    )
    .join('');
  return (
    '<h2>Coverage by subchapter</h2>' +
    (rows.length === 0
      ? '<p class="sub">No subchapter in the plan.</p>'
      : horizontalBarChart('records per subchapter', rows, [PLANNED, RECORDS, REJECTED], (v) => String(v))) +
    `<table><tr><th>subchapter</th><th>title</th><th>planned</th><th>accepted</th><th>rejected</th><th>coverage</th></tr>${table}</table>`
  );
}

function rejections(report: JobQualityReport): string {
  const { rejections } = report;
  if (rejections.records === 0) return '<h2>Rejections</h2><p class="sub">No record was rejected.</p>';
  const chart = horizontalBarChart(
    'rejected records by check',
    rejections.by_check.map((c) => ({ label: c.check, values: [c.records] })),
    [REJECTED],
    (v) => String(v),
  );
  const byCheck = rejections.by_check
    .map(
      (c) =>
        `<tr><td><code>${e(c.check)}</code></td><td class="n">${c.records}</td><td class="n">${c.reasons}</td><td>${c.examples.map((x) => `<div><code>${e(x)}</code></div>`).join('')}</td></tr>`,
    )
    .join('');
  const byField = rejections.by_check_and_field
    .map(
      (p) =>
        `<tr><td><code>${e(p.check)}</code></td><td><code>${e(p.field)}</code></td><td class="n">${p.reasons}</td></tr>`,
    )
    .join('');
  return (
    `<h2>Rejections</h2><p class="sub">${rejections.records} rejected records, ${rejections.reasons} reasons.</p>` +
    chart +
    `<table><tr><th>check</th><th>records</th><th>reasons</th><th>examples</th></tr>${byCheck}</table>` +
    `<h3 style="margin-top:12px">By check and field</h3><table><tr><th>check</th><th>field</th><th>reasons</th></tr>${byField}</table>`
  );
}

function fieldsOverview(fields: readonly FieldQuality[]): string {
  const rows = fields
    .map(
      (f) =>
        `<tr><td><code>${e(f.field)}</code></td><td>${e(f.type)}</td><td>${e(f.kind)}</td><td class="n">${pct(f.null_share)}</td><td class="n">${pct(f.uniqueness_share)}${f.distinct_exact ? '' : ' ≈'}</td><td class="n">${pct(f.category_adherence)}</td><td class="n">${pct(f.boundary_adherence)}</td><td class="n">${f.distribution ? `${e(f.distribution.metric === 'tv_distance' ? 'TV' : 'KS')} ${num(f.distribution.distance)}` : 'n/a'}</td><td>${f.score === null ? meter(null) : `${meter(f.score, 80)}${num(f.score)}`}</td></tr>`,
    )
    .join('');
  return (
    '<h2>Fields</h2><table><tr><th>field</th><th>type</th><th>kind</th><th>null share</th><th>uniqueness</th><th>category adherence</th><th>boundary adherence</th><th>distance to exemplars</th><th>score</th></tr>' +
    `${rows}</table>`
  );
}

function fieldSection(f: FieldQuality): string {
  const facts = [
    `${f.records} records, ${f.nulls} null`,
    `${f.distinct_values}${f.distinct_exact ? '' : ' (estimated)'} distinct values`,
    f.bounds ? `bounds ${f.bounds.min} … ${f.bounds.max} (${f.bounds.source})` : null,
    f.distribution
      ? `${f.distribution.metric === 'tv_distance' ? 'total-variation distance' : 'Kolmogorov-Smirnov statistic'} ${num(f.distribution.distance)} over ${f.distribution.record_values} record values and ${f.distribution.exemplar_values} exemplar values`
      : null,
  ].filter((x): x is string => x !== null);
  let chart = '';
  if (f.categories && f.categories.length > 0) {
    chart = horizontalBarChart(
      `${f.field}: share per category`,
      f.categories.map((c) => ({
        label: c.in_category ? c.value : `${c.value} (outside)`,
        values: [c.record_share, c.exemplar_share],
      })),
      [RECORDS, EXEMPLARS],
      pct,
      1,
    );
    if (f.other_categories_share) chart += `<div class="sub">other categories: ${pct(f.other_categories_share)}</div>`;
  } else if (f.histogram && f.histogram.length > 0) {
    const label = (n: number) => (f.kind === 'datetime' ? new Date(n).toISOString().slice(0, 10) : formatNumber(n));
    chart = histogramChart(
      `${f.field}: histogram`,
      f.histogram.map((b) => ({ from: label(b.from), to: label(b.to), values: [b.record_share, b.exemplar_share] })),
      [RECORDS, EXEMPLARS],
    );
  }
  return `<div class="field"><h3><code>${e(f.field)}</code> <span class="sub">${e(f.type)} · ${e(f.kind)}</span></h3><div class="sub">${facts.map(e).join(' · ')}</div>${chart}</div>`;
}

function formatNumber(n: number): string {
  return Math.abs(n) >= 1000 ? n.toFixed(0) : String(Math.round(n * 100) / 100);
}
