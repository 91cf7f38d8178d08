import * as avro from 'avsc';
import { VelocityError, type RecordSchema } from '@vs/contracts';
import {
  avroSchemaForRecordSchema,
  avroSchemaNameFor,
  splitAvroFullName,
  type AvroFieldType,
  type AvroRecordSchema,
} from '@vs/domain';
import type { AvroSchema, RegistryHttp } from '@vs/kafka';

interface RegisteredEnvelope {
  id: number;
  type: avro.Type;
  /** Whether avsc wraps the `record` union (more than one record branch): values are then {fullname: record}. */
  wrapped: boolean;
}

/**
 * The accepted-records topic carries one envelope schema whose `record` field is a union with one typed
 * branch per template revision. A revision's branch is added the first time one of its records is
 * accepted; adding a union branch is a BACKWARD-compatible change, so every earlier record stays readable
 * and a downstream consumer with any Confluent Avro deserializer gets typed fields.
 */
export class AcceptedRecordSchema {
  private readonly byRevision = new Map<string, RegisteredEnvelope>();

  constructor(
    private readonly registry: RegistryHttp,
    private readonly topic: string,
    private readonly baseEnvelope: AvroSchema,
  ) {}

  private get subjectPath(): string {
    return `/subjects/${encodeURIComponent(`${this.topic}-value`)}`;
  }

  async forRevision(templateId: string, revision: number, recordSchema: RecordSchema): Promise<RegisteredEnvelope> {
    const key = `${templateId}\u0000${revision}`;
    const known = this.byRevision.get(key);
    if (known) return known;
    const fullName = avroSchemaNameFor(templateId, revision);
    for (let attempt = 1; ; attempt++) {
      const latest = await this.latest();
      const envelope = latest?.schema ?? this.baseEnvelope;
      const union = recordUnion(envelope);
      const { namespace, name } = splitAvroFullName(fullName);
      const branch = scopeNamedTypes(avroSchemaForRecordSchema(recordSchema, { namespace, name }), fullName);
      const existing = union.find((b) => typeof b === 'object' && branchName(b) === fullName);
      if (latest && existing) {
        // Reused only when it is this revision's own record type: a name shared with another schema would mix
        // two templates' records under one type (or fail every encode), so it is refused, naming both.
        if (!sameRecordType(existing, branch)) {
          throw new VelocityError(
            `the accepted-record union already holds a different record type named ${fullName} (not the schema of ${templateId} revision ${revision}); refusing to reuse it`,
            false,
            409,
            { template_id: templateId, template_revision: revision },
          );
        }
        return this.remember(key, latest.id, envelope);
      }
      const grown = withUnion(envelope, [...union, branch]);
      const response = await this.registry.fetch(`${this.subjectPath}/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ schema: JSON.stringify(grown) }),
      });
      if (response.ok) return this.remember(key, ((await response.json()) as { id: number }).id, grown);
      // 409: another instance grew the union first; read it again and add our branch to theirs.
      if (response.status !== 409 || attempt >= 5) {
        // A refused schema (4xx) stays refused: dead-letter and fail the job instead of retrying for hours.
        throw new VelocityError(
          `could not register the accepted-record schema for ${fullName}: HTTP ${response.status} ${await response.text()}`,
          response.status >= 500,
          500,
          { dependency: 'schema registry' },
        );
      }
    }
  }

  encode(envelope: RegisteredEnvelope, value: Record<string, unknown>, recordFullName: string): Buffer {
    const record = value.record as Record<string, unknown>;
    const payload = envelope.type.toBuffer({
      ...value,
      record: envelope.wrapped ? { [recordFullName]: record } : record,
    });
    const header = Buffer.alloc(5);
    header.writeUInt8(0, 0);
    header.writeInt32BE(envelope.id, 1);
    return Buffer.concat([header, payload]);
  }

  private async latest(): Promise<{ id: number; schema: AvroSchema } | null> {
    const response = await this.registry.fetch(`${this.subjectPath}/versions/latest`);
    if (response.status === 404) {
      await this.registry.ensureBackward(`${this.topic}-value`);
      return null;
    }
    if (!response.ok) {
      throw new VelocityError(
        `schema registry answered HTTP ${response.status} for ${this.topic}-value`,
        response.status >= 500,
        503,
        { dependency: 'schema registry' },
      );
    }
    const body = (await response.json()) as { id: number; schema: string };
    return { id: body.id, schema: JSON.parse(body.schema) as AvroSchema };
  }

  private remember(key: string, id: number, schema: AvroSchema): RegisteredEnvelope {
    const type = avro.Type.forSchema(schema as avro.Schema);
    const recordField = (type as avro.types.RecordType).field('record');
    const registered = { id, type, wrapped: recordField?.type instanceof avro.types.WrappedUnionType };
    this.byRevision.set(key, registered);
    return registered;
  }
}

type UnionBranch = string | { name?: string; namespace?: string };

function recordUnion(envelope: AvroSchema): UnionBranch[] {
  const field = (envelope.fields as { name: string; type: UnionBranch[] }[]).find((f) => f.name === 'record');
  if (!field) throw new Error('accepted-record envelope has no "record" field');
  return field.type;
}

function branchName(branch: { name?: string; namespace?: string }): string {
  return branch.name?.includes('.') ? branch.name : `${branch.namespace ?? ''}.${branch.name ?? ''}`;
}

/**
 * Puts a branch's enums in the branch's own namespace. Left in velocity_synth.records, two revisions (or two
 * templates) with the same enum field would both define e.g. velocity_synth.records.order_status_values, and a
 * union holding both is not valid Avro ("duplicate type name"), so the second revision could never be accepted.
 */
function scopeNamedTypes(branch: AvroRecordSchema, fullName: string): AvroRecordSchema {
  const scope = (type: unknown): unknown =>
    Array.isArray(type)
      ? type.map(scope)
      : typeof type === 'object' && type !== null
        ? { ...type, namespace: fullName }
        : type;
  return { ...branch, fields: branch.fields.map((f) => ({ ...f, type: scope(f.type) as AvroFieldType })) };
}

/** The same record type in Avro's parsing canonical form (docs, defaults and formatting aside). */
export function sameRecordType(a: unknown, b: unknown): boolean {
  try {
    return avro.Type.forSchema(a as avro.Schema).equals(avro.Type.forSchema(b as avro.Schema));
  } catch {
    return false;
  }
}

function withUnion(envelope: AvroSchema, union: unknown[]): AvroSchema {
  return {
    ...envelope,
    fields: (envelope.fields as { name: string }[]).map((f) => (f.name === 'record' ? { ...f, type: union } : f)),
  };
}
