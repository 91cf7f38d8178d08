import { TransientError, VelocityError } from '@vs/contracts';

/**
 * A registry answer that is not what was asked for: an outage to wait out (5xx, 429, 408), or a refusal that
 * waiting cannot change (401 wrong credentials, 403, 404 wrong URL), which fails at once with its status.
 */
export function registryAnswerError(message: string, status: number): VelocityError {
  if (status >= 500 || status === 429 || status === 408) {
    return new TransientError(message, { dependency: 'schema registry' });
  }
  return new VelocityError(message, false, 502, { dependency: 'schema registry', status });
}

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
    // A registry that cannot be reached is an outage of the registry, named so a paused stage says what it waits for.
    return fetch(`${this.baseUrl}${path}`, { ...init, headers }).catch((error: unknown) => {
      throw new TransientError(`schema registry unreachable: ${(error as Error).message}`, {
        cause: error,
        dependency: 'schema registry',
      });
    });
  }

  /**
   * Sets the subject's compatibility to BACKWARD before anything registers under it. The client library sets
   * it only after a first registration, so a second service starting at the same moment saw the subject
   * without its rule (NONE) and refused to start; setting it first (idempotently) closes that window.
   * A level an operator chose deliberately (anything but unset or NONE) is left alone; the serde's
   * registration refuses it unless it is BACKWARD.
   */
  async ensureBackward(subject: string): Promise<void> {
    const path = `/config/${encodeURIComponent(subject)}`;
    if (await this.hasChosenLevel(path, subject)) return;
    const set = await this.fetch(path, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility: 'BACKWARD' }),
      signal: AbortSignal.timeout(10_000),
    });
    if (set.ok) return;
    // Two services starting together both see no rule and both PUT; Apicurio answers the slower one 409
    // ("rule already exists"). The rule the other one set is what this service wanted, so read it back.
    const refusal = `${set.status} ${await set.text()}`;
    if (set.status === 409 && (await this.hasChosenLevel(path, subject))) return;
    throw registryAnswerError(`schema registry refused BACKWARD compatibility for ${subject}: ${refusal}`, set.status);
  }

  /** True when the subject has a compatibility level other than unset or NONE. */
  private async hasChosenLevel(configPath: string, subject: string): Promise<boolean> {
    const current = await this.fetch(configPath, { signal: AbortSignal.timeout(10_000) });
    if (current.status === 404) return false;
    if (!current.ok) {
      throw registryAnswerError(
        `schema registry answered ${current.status} for ${subject}'s compatibility`,
        current.status,
      );
    }
    const { compatibilityLevel } = (await current.json()) as { compatibilityLevel?: string };
    return compatibilityLevel !== undefined && compatibilityLevel.toUpperCase() !== 'NONE';
  }

  /** The subjects a schema id is registered under (an id is shared when identical content is registered twice). */
  async subjectsOfSchemaId(id: number): Promise<string[]> {
    const response = await this.fetch(`/schemas/ids/${id}/versions`, { signal: AbortSignal.timeout(10_000) });
    if (response.status === 404) return [];
    if (!response.ok)
      throw registryAnswerError(`schema registry answered ${response.status} for schema id ${id}`, response.status);
    return ((await response.json()) as { subject: string }[]).map((v) => v.subject);
  }
}
