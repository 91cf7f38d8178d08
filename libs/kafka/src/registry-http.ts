/** Basic-auth credentials for the schema registry (Confluent Cloud: API key and secret). */
export interface RegistryAuth {
  username: string;
  password: string;
}

/** The registry's Confluent REST API: its base URL and credentials in one place, for the calls the client library lacks. */
export class RegistryHttp {
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    readonly auth?: RegistryAuth,
  ) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
  }

  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.auth) {
      const token = Buffer.from(`${this.auth.username}:${this.auth.password}`).toString('base64');
      headers.set('authorization', `Basic ${token}`);
    }
    return fetch(`${this.baseUrl}${path}`, { ...init, headers });
  }
}
