import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { AppConfig } from '@vs/config';
import { classifyError, PoisonMessageError, TransientError } from '@vs/contracts';
import { RegistryHttp, type RegistryAuth } from './registry-http';

export type AvroSchema = { type: 'record'; name: string; namespace?: string; fields: unknown[] } & Record<
  string,
  unknown
>;

/** Reads every `schemas/*.avsc` file: file name to parsed schema. Refuses to start on a broken file. */
export function loadSchemaFiles(directory: string): Map<string, AvroSchema> {
  const schemas = new Map<string, AvroSchema>();
  for (const file of readdirSync(directory).filter((f) => f.endsWith('.avsc'))) {
    try {
      schemas.set(file, JSON.parse(readFileSync(join(directory, file), 'utf8')) as AvroSchema);
    } catch (error) {
      throw new Error(`schema file ${file} is not valid JSON: ${(error as Error).message}`);
    }
  }
  return schemas;
}

/**
 * Avro in Confluent wire format through the schema registry. Value schemas register under
 * `<topic>-value` with BACKWARD compatibility; an incompatible schema makes `register` throw,
 * which is how a service refuses to start against a registry that holds an incompatible contract.
 */
export class AvroSerde {
  private readonly registry: SchemaRegistry;
  private readonly idsByTopic = new Map<string, number>();
  /** `<subject> <id>` pairs already confirmed: an id is checked against the registry once per subject. */
  private readonly confirmedIds = new Set<string>();
  /** The registry's REST API with the same credentials, for what the client library does not do. */
  readonly http: RegistryHttp;

  constructor(registryUrl: string, auth?: RegistryAuth) {
    this.http = new RegistryHttp(registryUrl, auth);
    this.registry = new SchemaRegistry({
      host: this.http.baseUrl,
      ...(auth ? { auth: { username: auth.username, password: auth.password } } : {}),
    });
  }

  async register(topic: string, schema: AvroSchema): Promise<number> {
    const subject = `${topic}-value`;
    await this.http.ensureBackward(subject);
    // Registered under the subject's BACKWARD rule: the registry answers 409 for an incompatible schema.
    const { id } = await this.registry
      .register(
        { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
        { subject, compatibility: COMPATIBILITY.BACKWARD },
      )
      .catch(rethrowOutage);
    this.idsByTopic.set(topic, id);
    return id;
  }

  schemaIdFor(topic: string): number {
    const id = this.idsByTopic.get(topic);
    if (id === undefined) throw new Error(`no schema registered for topic ${topic}; register it at start-up`);
    return id;
  }

  async encode(topic: string, value: unknown): Promise<Buffer> {
    return this.registry.encode(this.schemaIdFor(topic), value).catch(rethrowOutage);
  }

  async encodeWithId(schemaId: number, value: unknown): Promise<Buffer> {
    return this.registry.encode(schemaId, value).catch(rethrowOutage);
  }

  /**
   * Decodes a Confluent-framed Avro value; anything undecodable is a poison message. Given the topic it
   * was read from, the frame's schema id must be registered under that topic's subject: a valid frame
   * of another topic's schema would otherwise decode into a value of the wrong shape and be acted on.
   */
  async decode<T>(buffer: Buffer | null, topic?: string): Promise<T> {
    if (!buffer) throw new PoisonMessageError('message has no value');
    if (buffer.length < 5 || buffer[0] !== 0) {
      throw new PoisonMessageError('value is not in Confluent Avro wire format (magic byte 0 + schema id)');
    }
    if (topic !== undefined) await this.checkSchemaIdOf(buffer.readInt32BE(1), `${topic}-value`);
    try {
      return (await this.registry.decode(buffer)) as T;
    } catch (error) {
      if (classifyError(error).transient)
        throw new TransientError('schema registry unavailable', { cause: error, dependency: 'schema registry' });
      throw new PoisonMessageError(`undecodable Avro value: ${(error as Error).message}`);
    }
  }

  private async checkSchemaIdOf(id: number, subject: string): Promise<void> {
    const key = `${subject} ${id}`;
    if (this.confirmedIds.has(key)) return;
    const subjects = await this.http.subjectsOfSchemaId(id);
    if (!subjects.includes(subject)) {
      // Identical content registered under many subjects shares one id: name the ones nearest the expected first.
      const nearest = [...subjects].sort((a, b) => commonPrefix(b, subject) - commonPrefix(a, subject));
      const named = nearest.slice(0, 3).join(', ') + (subjects.length > 3 ? ` and ${subjects.length - 3} more` : '');
      const where = subjects.length > 0 ? `registered under ${named}` : 'not registered at all';
      throw new PoisonMessageError(`schema id ${id} is ${where}, expected ${subject}`);
    }
    this.confirmedIds.add(key);
  }

  async ping(): Promise<boolean> {
    try {
      // The global config is a constant-size answer; the subject list grows with every topic the registry holds.
      const response = await this.http.fetch('/config', { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  }
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** A registry that is down or failing is an outage of the registry; an encode failure (a value the schema refuses) is not. */
function rethrowOutage(error: unknown): never {
  if (classifyError(error).transient && !(error instanceof TransientError)) {
    throw new TransientError(`schema registry unavailable: ${(error as Error).message}`, {
      cause: error,
      dependency: 'schema registry',
    });
  }
  throw error;
}

/** The serde of a validated configuration: its registry URL and, when set, its basic-auth credentials. */
export function serdeFrom(
  config: Pick<AppConfig, 'SCHEMA_REGISTRY_URL' | 'SCHEMA_REGISTRY_USERNAME' | 'SCHEMA_REGISTRY_PASSWORD'>,
): AvroSerde {
  const { SCHEMA_REGISTRY_USERNAME: username, SCHEMA_REGISTRY_PASSWORD: password } = config;
  return new AvroSerde(config.SCHEMA_REGISTRY_URL, username && password ? { username, password } : undefined);
}
