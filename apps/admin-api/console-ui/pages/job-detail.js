// One job: stage timeline, counts, lineage, output manifest with downloads, rejected records, quality, cancel and rerun.
import { useState } from 'preact/hooks';
import { api, download } from '../api.js';
import {
  canOperate,
  ConfirmButton,
  ErrorNote,
  formatBytes,
  formatTime,
  html,
  StatusBadge,
  TERMINAL,
  usePolling,
} from '../ui.js';
import { Progress } from './jobs.js';
import { QualityReport } from './quality.js';
import { RejectedRecords } from './rejected-records.js';

const STEPS = [
  { status: 'queued', label: 'Queued', count: () => null, worked: () => true },
  {
    status: 'expanding',
    label: 'Expanding',
    count: (s) => `${s.expanded} records in ${s.planned_packs} packs`,
    worked: (s) => s.expanded > 0,
  },
  { status: 'generating', label: 'Generating', count: (s) => `${s.generated} records`, worked: (s) => s.generated > 0 },
  {
    status: 'validating',
    label: 'Validating',
    count: (s) => `${s.validated} checked · ${s.accepted} accepted · ${s.rejected} rejected`,
    worked: (s) => s.validated > 0,
  },
  {
    status: 'distributing',
    label: 'Distributing',
    count: (s) => `${s.distributed} written`,
    worked: (s) => s.distributed > 0,
  },
];
const ORDER = ['pending', 'queued', 'expanding', 'generating', 'validating', 'distributing', 'completed'];

function Timeline({ job }) {
  const reached = job.status === 'completed' ? ORDER.length : ORDER.indexOf(job.status);
  const stopped = ['failed', 'cancelling', 'cancelled'].includes(job.status);
  const final = {
    completed: job.timestamps.completed_at,
    failed: job.timestamps.failed_at,
    cancelled: job.timestamps.cancelled_at,
  };
  return html`<ol class="timeline" aria-label="Stages">
    ${STEPS.map((step) => {
      const index = ORDER.indexOf(step.status);
      // A stopped job has no current stage: a stage shows done when it did some work before the stop.
      const state = stopped
        ? step.worked(job.stages)
          ? 'done'
          : 'pending'
        : index < reached
          ? 'done'
          : index === reached
            ? 'current'
            : 'pending';
      const word = { done: 'done', current: 'in progress', pending: 'not yet' }[state];
      return html`<li class=${`step step-${state}`} aria-current=${state === 'current' ? 'step' : undefined}>
        <span class="step-name">${step.label}</span>
        ${word ? html`<span class="step-state">${word}</span>` : null}
        ${step.count(job.stages) ? html`<span class="step-count">${step.count(job.stages)}</span>` : null}
      </li>`;
    })}
    <li class=${`step step-final step-${TERMINAL.includes(job.status) ? job.status : 'pending'}`}>
      <span class="step-name"
        >${TERMINAL.includes(job.status) || job.status === 'cancelling' ? job.status : 'Completed'}</span
      >
      <span class="step-state">${formatTime(final[job.status] ?? null)}</span>
    </li>
  </ol>`;
}

const Pairs = ({ label, entries }) =>
  html`<dl class="pairs" aria-label=${label}>
    ${entries.map(
      ([name, value]) =>
        html`<div>
          <dt>${name}</dt>
          <dd>${value ?? '—'}</dd>
        </div>`,
    )}
  </dl>`;

function Manifest({ job }) {
  const [error, setError] = useState(null);
  const outputs = job.output_manifest?.outputs ?? [];
  if (!job.output_manifest)
    return html`<p>No output yet: the manifest is written when the distributor finalises the job.</p>`;
  const fileName = (location) => location.split(/[\\/]/).pop();
  return html`<${ErrorNote} error=${error} />
    <table class="responsive manifest">
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Format</th>
          <th scope="col">Records</th>
          <th scope="col">Size</th>
          <th scope="col">sha256</th>
          <th scope="col"><span class="visually-hidden">Download</span></th>
        </tr>
      </thead>
      <tbody>
        ${outputs.map(
          (output, index) =>
            html`<tr>
              <td data-label="File"><code title=${output.location}>${fileName(output.location)}</code></td>
              <td data-label="Format">${output.format}</td>
              <td data-label="Records">${output.record_count}</td>
              <td data-label="Size">${formatBytes(output.bytes)}</td>
              <td data-label="sha256"><code class="hash">${output.sha256}</code></td>
              <td data-label="Download">
                <button
                  type="button"
                  class="secondary"
                  aria-label=${`Download ${fileName(output.location)}`}
                  onClick=${() => download(`/jobs/${job.job_id}/outputs/${index}`, fileName(output.location)).catch(setError)}
                >
                  Download
                </button>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function Actions({ job, session, onChanged }) {
  if (!canOperate(session)) return null;
  const active = !TERMINAL.includes(job.status) && job.status !== 'cancelling';
  return html`<div class="actions">
    ${
      active
        ? html`<${ConfirmButton}
            label="Cancel job"
            title="Cancel this job?"
            danger
            confirmLabel="Cancel the job"
            message=${`Job ${job.job_id} stops at the next pack; records already written stay.`}
            onConfirm=${async () => onChanged(await api('POST', `/jobs/${job.job_id}/cancel`))}
          />`
        : null
    }
    ${
      job.status === 'failed'
        ? html`<${ConfirmButton}
            label="Rerun job"
            title="Run this job again?"
            confirmLabel="Rerun"
            message=${`Job ${job.job_id} runs again under the same id; records already published are not published again.`}
            onConfirm=${async () => onChanged(await api('POST', `/jobs/${job.job_id}/rerun`, {}))}
          />`
        : null
    }
  </div>`;
}

export function JobDetailPage({ session, jobId }) {
  const [changed, setChanged] = useState(0);
  let latest = null;
  const { data: job, error } = usePolling(
    async () => (latest = await api('GET', `/jobs/${encodeURIComponent(jobId)}`)),
    1000,
    () => !latest || !TERMINAL.includes(latest.status),
    [jobId, changed],
  );
  if (!job) return html`<${ErrorNote} error=${error} />${error ? null : html`<p>Loading job…</p>`}`;
  return html`<article aria-labelledby="job-title">
    <p><a href="#/jobs">← Job queue</a></p>
    <div class="page-head">
      <h1 id="job-title">Job <code>${job.job_id}</code></h1>
      <span data-testid="job-status"><${StatusBadge} status=${job.status} /></span>
      <${Actions} job=${job} session=${session} onChanged=${() => setChanged((n) => n + 1)} />
    </div>
    <${ErrorNote} error=${error} />
    ${job.error ? html`<p class="error-note" role="alert">${job.error}</p>` : null}
    ${job.notice ? html`<p class="notice">${job.notice}</p>` : null}
    <${Progress} job=${job} />
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Stages</h2>
      <${Timeline} job=${job} />
    </section>
    <div class="columns">
      <section aria-labelledby="counts-title">
        <h2 id="counts-title">Counts</h2>
        <${Pairs}
          label="Counts"
          entries=${[
            ['Requested', job.record_count],
            ['Accepted', job.accepted_records],
            ['Rejected', job.rejected_records],
            ['Packs planned', job.stages.planned_packs],
            ['Dead-lettered', job.stages.dead_lettered],
            ['Prompt tokens', job.tokens.prompt_tokens],
            ['Completion tokens', job.tokens.completion_tokens],
            ['Tokens estimated', job.tokens.tokens_estimated ? 'yes (the LLM endpoint reported no usage)' : 'no'],
            ['Token budget', job.tokens.token_budget],
            ['Reruns', job.reruns],
          ]}
        />
      </section>
      <section aria-labelledby="lineage-title">
        <h2 id="lineage-title">Lineage</h2>
        <${Pairs}
          label="Lineage"
          entries=${[
            ['Template', `${job.lineage.template_id} r${job.lineage.template_revision}`],
            ['Chapter', job.lineage.chapter_key],
            ['Subchapter', job.lineage.subchapter_key ?? 'all'],
            ['Tenant', job.lineage.tenant_id],
            ['Locale', job.lineage.locale],
            ['Engine', job.lineage.engine],
            ['Surface', job.target_surface],
            ['Mode', job.mode],
            ['Requested by', job.requested_by],
            ['Created', formatTime(job.timestamps.created_at)],
            ['Started', formatTime(job.timestamps.started_at)],
          ]}
        />
      </section>
    </div>
    <section aria-labelledby="manifest-title">
      <h2 id="manifest-title">Output manifest</h2>
      <${Manifest} job=${job} />
    </section>
    <section aria-labelledby="rejected-title">
      <h2 id="rejected-title">Rejected records</h2>
      <${RejectedRecords} job=${job} />
    </section>
    <section aria-labelledby="quality-title">
      <h2 id="quality-title">Quality report</h2>
      ${job.output_manifest ? html`<${QualityReport} jobId=${job.job_id} />` : html`<p>Written when the job is finalised.</p>`}
    </section>
  </article>`;
}
