// The console's shell: sign-in, the signed-in actor's role, navigation and the page for the hash route.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, tokenStore, whenUnauthorized } from './api.js';
import { loadContract } from './contract.js';
import { JobDetailPage } from './pages/job-detail.js';
import { JobsPage } from './pages/jobs.js';
import { TemplateDetailPage, TemplatesPage } from './pages/templates.js';
import { TriggerPage } from './pages/trigger.js';
import { canOperate, ErrorNote, html, useRoute } from './ui.js';

function SignIn({ onSignedIn, reason }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    tokenStore.set(token.trim());
    try {
      onSignedIn(await api('GET', '/session'));
    } catch (caught) {
      tokenStore.clear();
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return html`<main id="main" class="sign-in">
    <h1>velocity-synth console</h1>
    <p>
      Sign in with an API token (<code>velocity-synth tokens create --name you --role viewer</code>). It is kept in this
      tab's session storage only and sent as a bearer token.
    </p>
    ${reason ? html`<p class="notice" role="status">${reason}</p>` : null}
    <form onSubmit=${submit}>
      <label for="token">API token</label>
      <input
        id="token"
        name="token"
        type="password"
        autocomplete="off"
        required
        value=${token}
        onInput=${(event) => setToken(event.currentTarget.value)}
      />
      <${ErrorNote} error=${error} />
      <button type="submit" class="primary" disabled=${busy || !token.trim()}>
        ${busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  </main>`;
}

function Nav({ session, route, onSignOut }) {
  const section = route.path[0] ?? 'jobs';
  const link = (name, label) =>
    html`<a href=${`#/${name}`} aria-current=${section === name ? 'page' : undefined}>${label}</a>`;
  return html`<header class="top">
    <a
      class="skip"
      href="#main"
      onClick=${(event) => (event.preventDefault(), document.getElementById('main')?.focus())}
      >Skip to content</a
    >
    <span class="brand">velocity-synth</span>
    <nav aria-label="Console">
      ${link('jobs', 'Jobs')} ${link('templates', 'Templates')}
      ${canOperate(session) ? link('trigger', 'Trigger a job') : null}
    </nav>
    <div class="who">
      <span data-testid="signed-in-as"
        >${session.name} · ${session.role}${session.tenant_id ? ` · tenant ${session.tenant_id}` : ''}</span
      >
      <button type="button" class="secondary" onClick=${onSignOut}>Sign out</button>
    </div>
  </header>`;
}

function Page({ session, route }) {
  const [section, id] = route.path;
  switch (section ?? 'jobs') {
    case 'jobs':
      return id
        ? html`<${JobDetailPage} session=${session} jobId=${id} />`
        : html`<${JobsPage} session=${session} params=${route.params} />`;
    case 'templates':
      return id
        ? html`<${TemplateDetailPage} session=${session} templateId=${id} params=${route.params} />`
        : html`<${TemplatesPage} />`;
    case 'trigger':
      return canOperate(session)
        ? html`<${TriggerPage} session=${session} params=${route.params} />`
        : html`<p>Triggering a job needs the operator role; this token is a ${session.role}.</p>`;
    default:
      return html`<p>No such page. <a href="#/jobs">Back to the jobs</a>.</p>`;
  }
}

function App() {
  const route = useRoute();
  const [session, setSession] = useState(null);
  const [checking, setChecking] = useState(Boolean(tokenStore.get()));
  const [reason, setReason] = useState(null);
  useEffect(() => {
    whenUnauthorized(() => {
      tokenStore.clear();
      setSession(null);
      setReason('The API no longer accepts this token (unknown or revoked); sign in again.');
    });
    if (!tokenStore.get()) return;
    api('GET', '/session')
      .then(setSession)
      .catch(() => tokenStore.clear())
      .finally(() => setChecking(false));
  }, []);
  useEffect(() => {
    document.title = `${route.path[0] ?? 'jobs'} · velocity-synth console`;
  }, [route]);
  if (checking) return html`<p class="boot">Checking the token…</p>`;
  if (!session) return html`<${SignIn} reason=${reason} onSignedIn=${(s) => (setReason(null), setSession(s))} />`;
  const signOut = () => {
    tokenStore.clear();
    setSession(null);
  };
  return html`<${Nav} session=${session} route=${route} onSignOut=${signOut} />
    <main id="main" tabindex="-1"><${Page} session=${session} route=${route} /></main>`;
}

const root = document.getElementById('app');
loadContract().then(
  () => {
    root.textContent = ''; // the boot message; Preact renders into an empty container
    render(html`<${App} />`, root);
  },
  (error) => {
    root.textContent = `The console could not read the API's contract: ${error.message}. Reload to try again.`;
  },
);
