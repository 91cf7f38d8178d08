// The template catalogue: templates, their revisions with status, a diff of two revisions, publish and archive.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { diffLines, foldUnchanged, revisionContent } from '../diff.js';
import { canAdmin, ConfirmButton, ErrorNote, formatTime, go, html, StatusBadge } from '../ui.js';

export function TemplatesPage() {
  const [templates, setTemplates] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api('GET', '/templates').then((body) => setTemplates(body.templates), setError);
  }, []);
  return html`<section aria-labelledby="templates-title">
    <h1 id="templates-title">Template catalogue</h1>
    <${ErrorNote} error=${error} />
    ${templates === null && !error ? html`<p>Loading templates…</p>` : null}
    <ul class="cards">
      ${(templates ?? []).map(
        (t) =>
          html`<li class="card">
            <h2><a href=${`#/templates/${t.template_id}`}>${t.name}</a></h2>
            <p class="muted"><code>${t.template_id}</code> · ${t.domain} · engine ${t.default_engine}</p>
            <p>${t.description}</p>
            <p class="revision-badges">
              ${t.revisions.map((r) => html`<span>r${r.revision} <${StatusBadge} status=${r.status} /></span>`)}
            </p>
          </li>`,
      )}
    </ul>
  </section>`;
}

function RevisionDiff({ template, from, to }) {
  const [lines, setLines] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setLines(null);
    setError(null);
    const get = (rev) => api('GET', `/templates/${template.template_id}/revisions/${rev}`);
    let current = true; // a pair chosen before this one may answer last
    Promise.all([get(from), get(to)]).then(
      ([a, b]) => current && setLines(foldUnchanged(diffLines(revisionContent(a), revisionContent(b)))),
      (error) => current && setError(error),
    );
    return () => {
      current = false;
    };
  }, [template.template_id, from, to]);
  if (error) return html`<${ErrorNote} error=${error} />`;
  if (!lines) return html`<p>Comparing r${from} with r${to}…</p>`;
  const added = lines.filter((l) => l.kind === 'added').length;
  const removed = lines.filter((l) => l.kind === 'removed').length;
  return html`<p aria-live="polite" data-testid="diff-summary">
      r${from} → r${to}: ${added} lines added, ${removed} removed${added + removed === 0 ? ' (same content)' : ''}.
    </p>
    <pre class="diff" tabindex="0" aria-label=${`Diff of r${from} and r${to}`}>
${lines.map(
        (line) =>
          html`<span class=${`diff-${line.kind}`}
            >${{ added: '+ ', removed: '- ', same: '  ', fold: '  ' }[line.kind]}${line.text}
          </span>`,
      )}</pre>`;
}

function Revisions({ template, session, onChanged }) {
  const act = (action, revision) => async () => {
    await api('POST', `/templates/${template.template_id}/revisions/${revision}/${action}`);
    onChanged();
  };
  return html`<table class="responsive revisions">
    <caption class="visually-hidden">
      Revisions of ${template.name}
    </caption>
    <thead>
      <tr>
        <th scope="col">Revision</th>
        <th scope="col">Status</th>
        <th scope="col">Locales</th>
        <th scope="col">Created</th>
        <th scope="col">Published</th>
        <th scope="col">Archived</th>
        ${canAdmin(session) ? html`<th scope="col">Actions</th>` : null}
      </tr>
    </thead>
    <tbody>
      ${template.revisions.map(
        (r) =>
          html`<tr data-revision=${r.revision}>
            <td data-label="Revision">
              <span>r${r.revision} <span class="muted">by ${r.created_by}</span></span>
            </td>
            <td data-label="Status"><${StatusBadge} status=${r.status} /></td>
            <td data-label="Locales">${r.locales.join(', ')}</td>
            <td data-label="Created">${formatTime(r.created_at)}</td>
            <td data-label="Published">${formatTime(r.published_at)}</td>
            <td data-label="Archived">${formatTime(r.archived_at)}</td>
            ${
              canAdmin(session)
                ? html`<td data-label="Actions">
                    <div class="actions">
                      ${
                        r.status === 'draft'
                          ? html`<${ConfirmButton}
                              label=${`Publish r${r.revision}`}
                              title=${`Publish r${r.revision}?`}
                              confirmLabel="Publish"
                              message=${`Revision ${r.revision} of ${template.template_id} becomes immutable and production jobs can use it.`}
                              onConfirm=${act('publish', r.revision)}
                            />`
                          : null
                      }
                      ${
                        r.status !== 'archived'
                          ? html`<${ConfirmButton}
                              label=${`Archive r${r.revision}`}
                              title=${`Archive r${r.revision}?`}
                              confirmLabel="Archive"
                              danger
                              message=${`Revision ${r.revision} of ${template.template_id} can no longer be used by new jobs. This cannot be undone.`}
                              onConfirm=${act('archive', r.revision)}
                            />`
                          : null
                      }
                    </div>
                  </td>`
                : null
            }
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function TemplateDetailPage({ session, templateId, params }) {
  const [template, setTemplate] = useState(null);
  const [error, setError] = useState(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    api('GET', `/templates/${encodeURIComponent(templateId)}`).then(setTemplate, setError);
  }, [templateId, version]);
  if (!template) return html`<${ErrorNote} error=${error} />${error ? null : html`<p>Loading template…</p>`}`;
  const revisions = template.revisions.map((r) => r.revision);
  const from = Number(params.get('from') ?? revisions[Math.max(revisions.length - 2, 0)]);
  const to = Number(params.get('to') ?? revisions[revisions.length - 1]);
  const setPair = (name, value) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    go(`#/templates/${templateId}?${next}`);
  };
  const newDraft = async () => {
    await api('POST', `/templates/${template.template_id}/revisions`, {});
    setVersion((n) => n + 1);
  };
  return html`<article aria-labelledby="template-title">
    <p><a href="#/templates">← Template catalogue</a></p>
    <div class="page-head">
      <h1 id="template-title">${template.name}</h1>
      ${
        canAdmin(session)
          ? html`<${ConfirmButton}
              label="New draft"
              title="Create a draft?"
              confirmLabel="Create draft"
              message=${`A new draft copies the latest revision of ${template.template_id}; edit it with the CLI or API, then publish it here.`}
              onConfirm=${newDraft}
            />`
          : null
      }
    </div>
    <p class="muted">
      <code>${template.template_id}</code> · ${template.domain} · default engine ${template.default_engine}
    </p>
    <p>${template.description}</p>
    <section aria-labelledby="revisions-title">
      <h2 id="revisions-title">Revisions</h2>
      <${Revisions} template=${template} session=${session} onChanged=${() => setVersion((n) => n + 1)} />
    </section>
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">Compare revisions</h2>
      ${
        revisions.length < 2
          ? html`<p>Only one revision: nothing to compare yet.</p>`
          : html`<div class="filters">
                <div class="field">
                  <label for="diff-from">From</label>
                  <select
                    id="diff-from"
                    value=${String(from)}
                    onChange=${(event) => setPair('from', event.currentTarget.value)}
                  >
                    ${revisions.map((r) => html`<option value=${String(r)}>r${r}</option>`)}
                  </select>
                </div>
                <div class="field">
                  <label for="diff-to">To</label>
                  <select
                    id="diff-to"
                    value=${String(to)}
                    onChange=${(event) => setPair('to', event.currentTarget.value)}
                  >
                    ${revisions.map((r) => html`<option value=${String(r)}>r${r}</option>`)}
                  </select>
                </div>
              </div>
              <${RevisionDiff} template=${template} from=${from} to=${to} />`
      }
    </section>
  </article>`;
}
