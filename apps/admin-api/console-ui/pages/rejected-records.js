// A job's rejected records, grouped by the check that refused them, each with the record itself.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorNote, html } from '../ui.js';

const LIMIT = 500;

// A reason reads "<check>:<field>: <detail>"; the check is the group.
const checkOf = (reason) => (reason.includes(':') ? reason.slice(0, reason.indexOf(':')) : 'unnamed');

export function groupByCheck(records) {
  const groups = new Map();
  for (const record of records) {
    for (const check of new Set(record.reasons.map(checkOf))) {
      if (!groups.has(check)) groups.set(check, []);
      groups.get(check).push(record);
    }
  }
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
}

function RecordView({ record, check }) {
  return html`<li class="rejected-record">
    <details>
      <summary>
        Record #${record.record_index} <code>${record.record_id.slice(0, 8)}</code>
        <span class="muted"> · ${record.reasons.filter((r) => checkOf(r) === check).join('; ')}</span>
      </summary>
      <h4>Reasons</h4>
      <ul>
        ${record.reasons.map((reason) => html`<li>${reason}</li>`)}
      </ul>
      ${
        Object.keys(record.scores ?? {}).length
          ? html`<h4>Scores</h4>
              <p>
                ${Object.entries(record.scores)
                  .map(([name, value]) => `${name} ${Number(value).toFixed(2)}`)
                  .join(' · ')}
              </p>`
          : null
      }
      <h4>Record</h4>
      ${
        record.payload === null
          ? html`<p class="muted">No record: generation failed before the record existed (see the reason).</p>`
          : html`<pre class="record-json" tabindex="0">${JSON.stringify(record.payload, null, 2)}</pre>`
      }
    </details>
  </li>`;
}

export function RejectedRecords({ job }) {
  const [page, setPage] = useState(null);
  const [error, setError] = useState(null);
  const count = job.rejected_records;
  useEffect(() => {
    if (count === 0) return;
    api('GET', `/jobs/${job.job_id}/rejected-records?limit=${LIMIT}`).then(setPage, setError);
  }, [job.job_id, count]);
  if (count === 0) return html`<p>No record of this job was rejected.</p>`;
  if (!page) return html`<${ErrorNote} error=${error} />${error ? null : html`<p>Loading rejected records…</p>`}`;
  const groups = groupByCheck(page.records);
  const shown = page.total > page.records.length ? ` (the first ${page.records.length} shown)` : '';
  const summary = `${page.total} rejected record${page.total === 1 ? '' : 's'}${shown}, grouped by the check that refused them.`;
  return html`<${ErrorNote} error=${error} />
    <p data-testid="rejected-summary">${summary}</p>
    <div class="rejected-groups">
      ${groups.map(
        ([check, records]) =>
          html`<details class="reason-group" data-check=${check}>
            <summary>
              <strong>${check}</strong>
              <span class="count">${records.length} record${records.length === 1 ? '' : 's'}</span>
            </summary>
            <ul class="plain">
              ${records.map((record) => html`<${RecordView} record=${record} check=${check} />`)}
            </ul>
          </details>`,
      )}
    </div>`;
}
