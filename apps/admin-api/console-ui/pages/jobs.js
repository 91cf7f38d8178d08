// The job queue: filters by status, tenant and template, paging, and progress refreshed every second.
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { canOperate, ErrorNote, formatTime, go, html, JOB_STATUSES, shortId, StatusBadge, usePolling } from '../ui.js';

const PAGE_SIZE = 20;
const POLL_MS = 1000;

export function Progress({ job }) {
  const decided = job.accepted_records + job.rejected_records;
  const total = Math.max(job.record_count, 1);
  const label = `${decided} of ${job.record_count} records decided (${job.accepted_records} accepted, ${job.rejected_records} rejected)`;
  return html`<div class="progress">
    <progress max=${total} value=${Math.min(decided, total)} aria-label=${label}></progress>
    <span class="progress-text"
      >${decided}/${job.record_count}<span class="muted"> · ${job.rejected_records} rejected</span></span
    >
  </div>`;
}

function Filters({ params, templates }) {
  const set = (name, value) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('offset');
    go(`#/jobs${next.size ? `?${next}` : ''}`);
  };
  const [tenant, setTenant] = useState(params.get('tenant_id') ?? '');
  useEffect(() => setTenant(params.get('tenant_id') ?? ''), [params.get('tenant_id')]);
  return html`<form
    class="filters"
    role="search"
    aria-label="Filter jobs"
    onSubmit=${(event) => (event.preventDefault(), set('tenant_id', tenant.trim()))}
  >
    <div class="field">
      <label for="filter-status">Status</label>
      <select
        id="filter-status"
        value=${params.get('status') ?? ''}
        onChange=${(event) => set('status', event.currentTarget.value)}
      >
        <option value="">any status</option>
        ${JOB_STATUSES.map((status) => html`<option value=${status}>${status}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="filter-template">Template</label>
      <select
        id="filter-template"
        value=${params.get('template_id') ?? ''}
        onChange=${(event) => set('template_id', event.currentTarget.value)}
      >
        <option value="">any template</option>
        ${templates.map((t) => html`<option value=${t.template_id}>${t.name}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="filter-tenant">Tenant</label>
      <input
        id="filter-tenant"
        value=${tenant}
        placeholder="any tenant"
        onInput=${(event) => setTenant(event.currentTarget.value)}
        onBlur=${() => tenant.trim() !== (params.get('tenant_id') ?? '') && set('tenant_id', tenant.trim())}
      />
    </div>
    <button type="submit" class="secondary">Apply</button>
  </form>`;
}

const templateOf = (job) =>
  `${job.template_id} r${job.template_revision} · ${job.chapter_key}${job.subchapter_key ? `/${job.subchapter_key}` : ''}`;

export function JobsPage({ session, params }) {
  const [templates, setTemplates] = useState([]);
  useEffect(() => {
    api('GET', '/templates').then(
      (body) => setTemplates(body.templates),
      () => {},
    );
  }, []);
  const offset = Number(params.get('offset') ?? 0);
  const filter = {
    status: params.get('status'),
    tenant_id: params.get('tenant_id'),
    template_id: params.get('template_id'),
    limit: PAGE_SIZE,
    offset,
  };
  const key = query(filter);
  const { data, error, loading } = usePolling(
    () => api('GET', `/jobs${key}`),
    POLL_MS,
    () => true,
    [key],
  );
  const page = (to) => {
    const next = new URLSearchParams(params);
    next.set('offset', String(Math.max(to, 0)));
    go(`#/jobs?${next}`);
  };
  const jobs = data?.jobs ?? [];
  return html`<section aria-labelledby="jobs-title">
    <div class="page-head">
      <h1 id="jobs-title">Job queue</h1>
      ${canOperate(session) ? html`<a class="button primary" href="#/trigger">Trigger a job</a>` : null}
    </div>
    <${Filters} params=${params} templates=${templates} />
    <${ErrorNote} error=${error} />
    ${loading && !data ? html`<p>Loading jobs…</p>` : null}
    ${data && jobs.length === 0 ? html`<p>No jobs match these filters.</p>` : null}
    ${
      jobs.length > 0
        ? html`<table class="jobs responsive">
            <caption class="visually-hidden">
              Jobs, newest first; progress refreshes every second
            </caption>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Tenant</th>
                <th scope="col">Template</th>
                <th scope="col">Surface</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              ${jobs.map(
                (job) =>
                  html`<tr data-job-id=${job.job_id}>
                    <td data-label="Job">
                      <span
                        ><a href=${`#/jobs/${job.job_id}`}><code>${shortId(job.job_id)}</code></a
                        >${job.mode === 'preview' ? html` <span class="tag">preview</span>` : null}</span
                      >
                    </td>
                    <td data-label="Status"><${StatusBadge} status=${job.status} /></td>
                    <td data-label="Progress"><${Progress} job=${job} /></td>
                    <td data-label="Tenant">${job.tenant_id}</td>
                    <td data-label="Template">${templateOf(job)}</td>
                    <td data-label="Surface">${job.target_surface}</td>
                    <td data-label="Created">${formatTime(job.timestamps.created_at)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : null
    }
    ${
      data
        ? html`<nav class="pager" aria-label="Job pages">
            <button type="button" class="secondary" disabled=${offset === 0} onClick=${() => page(offset - PAGE_SIZE)}>
              Previous page
            </button>
            <span aria-live="polite"
              >${data.total === 0 ? 'No jobs' : `${offset + 1}–${offset + jobs.length} of ${data.total}`}</span
            >
            <button
              type="button"
              class="secondary"
              disabled=${offset + PAGE_SIZE >= data.total}
              onClick=${() => page(offset + PAGE_SIZE)}
            >
              Next page
            </button>
          </nav>`
        : null
    }
  </section>`;
}
