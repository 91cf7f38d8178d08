// Shared pieces: the html tag, the hash router, formatting, and the few widgets every page uses.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);

// The enums come from the API's OpenAPI document (contract.js), not from a copy kept here.
export { JOB_STATUSES, TARGET_SURFACES, TERMINAL } from './contract.js';

export const canOperate = (session) => session.role === 'operator' || session.role === 'admin';
export const canAdmin = (session) => session.role === 'admin';

/** `#/jobs/abc?status=failed` → { path: ['jobs', 'abc'], params: URLSearchParams }. */
export function parseHash(hash) {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(search) };
}

export function useRoute() {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export const go = (hash) => {
  location.hash = hash;
};

/** Calls `load` now and again `everyMs` after each answer while `active`; the latest result wins. */
export function usePolling(load, everyMs, active, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  useEffect(() => {
    let stopped = false;
    let timer;
    const tick = async () => {
      try {
        const data = await load();
        if (!stopped) setState({ data, error: null, loading: false });
      } catch (error) {
        if (!stopped) setState((previous) => ({ ...previous, error, loading: false }));
      }
      if (!stopped && active()) timer = setTimeout(tick, everyMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, deps);
  return state;
}

export const shortId = (id) => id.slice(0, 8);
export const formatTime = (stamp) => (stamp ? new Date(stamp).toLocaleString() : '—');
export const formatBytes = (bytes) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1048576
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1048576).toFixed(1)} MiB`;
export const percent = (share) => (share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)}%`);

export function StatusBadge({ status }) {
  return html`<span class=${`badge badge-${status}`}>${status}</span>`;
}

export function ErrorNote({ error }) {
  if (!error) return null;
  return html`<div class="error-note" role="alert">
    <strong>${error.status ? `${error.status} ${error.code}` : 'Error'}:</strong> ${error.message}
  </div>`;
}

/** A button that asks first, in a modal dialog (focus is kept inside; Escape cancels). */
export function ConfirmButton({ label, title, message, confirmLabel, onConfirm, danger, disabled }) {
  const dialog = useRef(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      dialog.current.close();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return html`
    <button
      type="button"
      class=${danger ? 'danger' : 'secondary'}
      disabled=${disabled}
      onClick=${() => dialog.current.showModal()}
    >
      ${label}
    </button>
    <dialog ref=${dialog} aria-labelledby=${`${title}-title`.replace(/\W+/g, '-')}>
      <h2 id=${`${title}-title`.replace(/\W+/g, '-')}>${title}</h2>
      <p>${message}</p>
      <${ErrorNote} error=${error} />
      <div class="dialog-actions">
        <button type="button" class="secondary" onClick=${() => dialog.current.close()}>Keep as it is</button>
        <button type="button" class=${danger ? 'danger' : 'primary'} disabled=${busy} onClick=${confirm}>
          ${busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  `;
}
