// The trigger form: every field of the job request contract; locale, chapter and subchapter come from the revision.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorNote, go, html, TARGET_SURFACES } from '../ui.js';

const FIELDS = [
  'template_id',
  'template_revision',
  'chapter_key',
  'subchapter_key',
  'tenant_id',
  'locale',
  'record_count',
  'target_surface',
  'mode',
  'engine',
  'token_budget',
  'idempotency_key',
];

/** A labelled control with its hint and the API's error for that field, tied together for screen readers. */
function Field({ name, label, hint, error, children }) {
  const control = Array.isArray(children) ? children.find((child) => typeof child === 'function') : children;
  const described =
    [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
  return html`<div class=${`field${error ? ' field-invalid' : ''}`}>
    <label for=${name}>${label}</label>
    ${control({ id: name, name, 'aria-describedby': described, 'aria-invalid': error ? 'true' : undefined })}
    ${hint ? html`<p class="hint" id=${`${name}-hint`}>${hint}</p>` : null}
    ${error ? html`<p class="field-error" id=${`${name}-error`} data-field-error=${name}>${error}</p>` : null}
  </div>`;
}

const issueText = (issue) => `${issue.problem}${issue.accepted ? ` (accepted: ${issue.accepted})` : ''}`;

export function TriggerPage({ session, params }) {
  const [templates, setTemplates] = useState([]);
  const [revision, setRevision] = useState(null);
  const [form, setForm] = useState({
    template_id: params.get('template') ?? '',
    template_revision: '',
    chapter_key: '',
    subchapter_key: '',
    tenant_id: session.tenant_id ?? '',
    locale: '',
    record_count: '100',
    target_surface: 'qa_fixtures',
    mode: 'production',
    engine: '',
    token_budget: '',
    idempotency_key: '',
  });
  const [errors, setErrors] = useState({});
  const [failure, setFailure] = useState(null);
  const [busy, setBusy] = useState(false);
  const update = (patch) => setForm((previous) => ({ ...previous, ...patch }));
  const template = templates.find((t) => t.template_id === form.template_id);

  useEffect(() => {
    api('GET', '/templates').then((body) => {
      setTemplates(body.templates);
      if (!form.template_id && body.templates[0]) update({ template_id: body.templates[0].template_id });
    }, setFailure);
  }, []);
  // A new template: its latest published revision (or latest of any status) is picked.
  useEffect(() => {
    if (!template) return;
    const published = template.revisions.filter((r) => r.status === 'published');
    const pick = (published.at(-1) ?? template.revisions.at(-1))?.revision;
    update({ template_revision: pick ? String(pick) : '' });
  }, [form.template_id, templates]);
  useEffect(() => {
    setRevision(null);
    if (!form.template_id || !form.template_revision) return;
    // A revision asked for before the template or revision changed may answer last: it is dropped.
    let current = true;
    api('GET', `/templates/${form.template_id}/revisions/${form.template_revision}`).then(
      (r) => {
        if (!current) return;
        setRevision(r);
        setForm((previous) => ({
          ...previous,
          locale: r.locales.includes(previous.locale) ? previous.locale : r.locales[0],
          chapter_key: r.chapters.some((c) => c.chapter_key === previous.chapter_key)
            ? previous.chapter_key
            : r.chapters[0].chapter_key,
          subchapter_key: '',
        }));
      },
      (error) => current && setFailure(error),
    );
    return () => {
      current = false;
    };
  }, [form.template_id, form.template_revision]);

  const chapter = revision?.chapters.find((c) => c.chapter_key === form.chapter_key);
  const request = () => {
    const body = {};
    const number = (value) => (/^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value);
    for (const name of FIELDS) {
      const value = form[name];
      if (value === '' || value === undefined) continue;
      body[name] = ['template_revision', 'record_count', 'token_budget'].includes(name) ? number(value) : value;
    }
    return body;
  };
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const job = await api('POST', '/jobs', request());
      go(`#/jobs/${job.job_id}`);
    } catch (caught) {
      const atField = {};
      const elsewhere = [];
      for (const issue of caught.issues ?? []) {
        if (FIELDS.includes(issue.field))
          atField[issue.field] = atField[issue.field]
            ? `${atField[issue.field]}; ${issueText(issue)}`
            : issueText(issue);
        else elsewhere.push(issue);
      }
      setErrors(atField);
      setFailure(
        Object.keys(atField).length && !elsewhere.length
          ? { message: caught.message, status: caught.status, code: caught.code, fieldsOnly: true }
          : caught,
      );
      // Focus the first refused field in the order the form shows them.
      if (Object.keys(atField).length)
        requestAnimationFrame(() => document.querySelector('[aria-invalid="true"]')?.focus());
    } finally {
      setBusy(false);
    }
  };
  const select = (name, options, props) =>
    html`<select ...${props} value=${form[name]} onChange=${(e) => update({ [name]: e.currentTarget.value })}>
      ${options.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
    </select>`;
  const input = (name, props, extra = {}) =>
    html`<input
      ...${props}
      ...${extra}
      value=${form[name]}
      onInput=${(e) => update({ [name]: e.currentTarget.value })}
    />`;

  return html`<section aria-labelledby="trigger-title">
    <h1 id="trigger-title">Trigger a job</h1>
    <form class="trigger" noValidate onSubmit=${submit} aria-describedby="trigger-note">
      <p id="trigger-note" class="hint">Every field of the job request. The API checks them all; its answers appear at the field.</p>
      ${failure ? html`<div class="error-note" role="alert">${failure.fieldsOnly ? `The API refused the request: ${failure.message}. See the fields marked below.` : html`<${ErrorNote} error=${failure} />`}</div>` : null}
      <fieldset><legend>What to generate</legend>
        <${Field} name="template_id" label="Template" error=${errors.template_id}>${(p) =>
          select(
            'template_id',
            templates.map((t) => [t.template_id, t.name]),
            p,
          )}</${Field}>
        <${Field} name="template_revision" label="Revision" error=${errors.template_revision} hint="A draft revision can only run as a preview.">
          ${(p) =>
            select(
              'template_revision',
              (template?.revisions ?? []).map((r) => [String(r.revision), `r${r.revision} (${r.status})`]),
              p,
            )}</${Field}>
        <${Field} name="chapter_key" label="Chapter" error=${errors.chapter_key}>
          ${(p) =>
            select(
              'chapter_key',
              (revision?.chapters ?? []).map((c) => [c.chapter_key, c.title]),
              p,
            )}</${Field}>
        <${Field} name="subchapter_key" label="Subchapter" error=${errors.subchapter_key} hint="Leave at “all” to spread records over the chapter.">
          ${(p) => select('subchapter_key', [['', 'all subchapters'], ...(chapter?.subchapters ?? []).map((s) => [s.subchapter_key, s.title])], p)}</${Field}>
        <${Field} name="locale" label="Locale" error=${errors.locale}>${(p) =>
          select(
            'locale',
            (revision?.locales ?? []).map((l) => [l, l]),
            p,
          )}</${Field}>
        <${Field} name="record_count" label="Records" error=${errors.record_count}>${(p) => input('record_count', p, { inputMode: 'numeric' })}</${Field}>
      </fieldset>
      <fieldset><legend>Where it goes</legend>
        <${Field} name="tenant_id" label="Tenant" error=${errors.tenant_id} hint=${session.tenant_id ? `This token may only trigger for tenant ${session.tenant_id}.` : 'Lower-case letters, digits, - and _.'}>
          ${(p) => input('tenant_id', p, { autocomplete: 'off' })}</${Field}>
        <${Field} name="target_surface" label="Target surface" error=${errors.target_surface}>${(p) =>
          select(
            'target_surface',
            TARGET_SURFACES.map((s) => [s, s]),
            p,
          )}</${Field}>
        <${Field} name="mode" label="Mode" error=${errors.mode}>${(p) =>
          select(
            'mode',
            [
              ['production', 'production'],
              ['preview', 'preview'],
            ],
            p,
          )}</${Field}>
      </fieldset>
      <fieldset><legend>Controls (optional)</legend>
        <${Field} name="engine" label="Engine" error=${errors.engine} hint=${template ? `Default for this template: ${template.default_engine}.` : null}>
          ${(p) =>
            select(
              'engine',
              [
                ['', 'template default'],
                ['deterministic', 'deterministic'],
                ['openai-compatible', 'openai-compatible'],
              ],
              p,
            )}</${Field}>
        <${Field} name="token_budget" label="Token budget" error=${errors.token_budget} hint="Only the LLM engine spends tokens.">${(p) => input('token_budget', p, { inputMode: 'numeric' })}</${Field}>
        <${Field} name="idempotency_key" label="Idempotency key" error=${errors.idempotency_key} hint="The same key and body return the earlier job instead of a new one.">
          ${(p) => input('idempotency_key', p, { autocomplete: 'off' })}</${Field}>
      </fieldset>
      <button type="submit" class="primary" disabled=${busy}>${busy ? 'Triggering…' : 'Trigger job'}</button>
    </form>
  </section>`;
}
