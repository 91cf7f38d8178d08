// The admin API, called on the console's own origin with the bearer token the user signed in with.
const TOKEN_KEY = 'velocity-synth.console.token';

// sessionStorage only: the token leaves with the tab and is never written to disk by the console.
export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** An error answer of the API: `{ error: { code, message, issues } }`. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code ?? 'http_error';
    this.issues = body?.error?.issues ?? [];
  }
}

let onUnauthorized = () => {};
/** Called when the API answers 401 (token revoked or unknown): the console signs out. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

function headers(json) {
  const result = { accept: 'application/json' };
  const token = tokenStore.get();
  if (token) result.authorization = `Bearer ${token}`;
  if (json) result['content-type'] = 'application/json';
  return result;
}

export async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: headers(body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { error: { code: 'http_error', message: text.slice(0, 200), issues: [] } };
  }
  if (!response.ok) {
    if (response.status === 401) onUnauthorized();
    throw new ApiError(response.status, data);
  }
  return data;
}

/** A download that needs the bearer token: fetched, then handed to the browser as a file. */
export async function download(path, filename) {
  const response = await fetch(path, { headers: headers(false) });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const query = (params) => {
  const entries = Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== '');
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
};
