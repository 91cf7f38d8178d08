// The job's quality report (GET /jobs/:id/quality) as charts: overall score, fields, subchapters, rejections.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { CountBars, PairedBars, ShareBars } from '../charts.js';
import { ErrorNote, html, percent } from '../ui.js';

function FieldDistribution({ field }) {
  if (field.categories?.length) {
    const rows = field.categories.map((c) => ({
      label: c.value,
      records: c.record_share,
      exemplars: c.exemplar_share,
    }));
    return html`<${PairedBars} id="field-dist" title=${`${field.field}: categories`} rows=${rows} />`;
  }
  if (field.histogram?.length) {
    const rows = field.histogram.map((bin) => ({
      label: `${bin.from}–${bin.to}`,
      records: bin.record_share,
      exemplars: bin.exemplar_share,
    }));
    return html`<${PairedBars} id="field-dist" title=${`${field.field}: histogram`} rows=${rows} />`;
  }
  return html`<p>${field.field} is ${field.kind}: no distribution is compared for it.</p>`;
}

export function QualityReport({ jobId }) {
  const [report, setReport] = useState(null);
  const [error, setError] = useState(null);
  const [fieldName, setFieldName] = useState('');
  useEffect(() => {
    api('GET', `/jobs/${jobId}/quality`).then(setReport, setError);
  }, [jobId]);
  if (error) return html`<${ErrorNote} error=${error} />`;
  if (!report) return html`<p>Loading the quality report…</p>`;
  const components = report.score.components;
  const field =
    report.fields.find((f) => f.field === fieldName) ??
    report.fields.find((f) => f.categories || f.histogram) ??
    report.fields[0];
  return html`<div class="quality">
    <p class="score">
      Overall score <strong data-testid="quality-overall">${percent(report.score.overall)}</strong>
      <span class="muted"> · ${report.score.composition}</span>
    </p>
    <div class="chart-grid">
      <${ShareBars}
        id="score-components"
        title="Score components"
        rows=${[
          { label: 'field quality', value: components.field_quality },
          { label: 'coverage', value: components.coverage },
          { label: 'acceptance', value: components.acceptance },
          { label: 'mean completeness', value: report.mean_scores.completeness },
          { label: 'mean realism', value: report.mean_scores.realism },
        ]}
      />
      <${ShareBars}
        id="field-scores"
        title="Field scores"
        rows=${report.fields.map((f) => ({ label: f.field, value: f.score }))}
      />
      <${ShareBars}
        id="subchapter-coverage"
        title="Subchapter coverage"
        rows=${report.subchapters.map((s) => ({ label: s.subchapter_key, value: s.coverage }))}
      />
      ${
        report.rejections.by_check.length
          ? html`<${CountBars}
              id="rejections-by-check"
              title="Rejected records by check"
              rows=${report.rejections.by_check.map((c) => ({ label: c.check, value: c.records }))}
            />`
          : html`<p>No rejections.</p>`
      }
    </div>
    ${
      field
        ? html`<div class="field field-picker">
              <label for="quality-field">Distribution of field</label>
              <select
                id="quality-field"
                value=${field.field}
                onChange=${(event) => setFieldName(event.currentTarget.value)}
              >
                ${report.fields.map((f) => html`<option value=${f.field}>${f.field} (${f.kind})</option>`)}
              </select>
            </div>
            <div class="chart-grid"><${FieldDistribution} field=${field} /></div>`
        : null
    }
  </div>`;
}
