import { describe, expect, it } from 'vitest';
import { recordSchemaSchema, VelocityError } from '@vs/contracts';
import { avroSchemaForRecordSchema, avroSchemaNameFor, splitAvroFullName } from '@vs/domain';
import type { AvroSchema, RegistryHttp } from '@vs/kafka';
import { AcceptedRecordSchema, sameRecordType } from './accepted-record.schema';

const ours = recordSchemaSchema.parse({ fields: [{ name: 'order_id', type: 'string' }] });
const theirs = recordSchemaSchema.parse({ fields: [{ name: 'order_id', type: 'integer' }] });
const names = splitAvroFullName(avroSchemaNameFor('retail', 1));
const envelope = (branches: unknown[]): AvroSchema => ({
  type: 'record',
  name: 'AcceptedRecord',
  namespace: 'velocity_synth.pipeline',
  fields: [
    { name: 'job_id', type: 'string' },
    { name: 'record', type: ['null', ...branches] },
  ],
});

/** The registry's latest accepted-record schema, as `GET .../versions/latest` answers it. */
const registryHolding = (schema: AvroSchema) =>
  ({
    fetch: async () => new Response(JSON.stringify({ id: 7, schema: JSON.stringify(schema) }), { status: 200 }),
  }) as unknown as RegistryHttp;

describe(AcceptedRecordSchema.name, () => {
  it("reuses a branch only when it is the revision's own record type", async () => {
    const branch = avroSchemaForRecordSchema(ours, names);
    const accepted = new AcceptedRecordSchema(registryHolding(envelope([branch])), 'accepted', envelope([]));
    await expect(accepted.forRevision('retail', 1, ours)).resolves.toMatchObject({ id: 7 });
  });

  it('refuses a branch of the same name holding another schema, naming it', async () => {
    const foreign = avroSchemaForRecordSchema(theirs, names);
    const accepted = new AcceptedRecordSchema(registryHolding(envelope([foreign])), 'accepted', envelope([]));
    const refusal = accepted.forRevision('retail', 1, ours);
    await expect(refusal).rejects.toBeInstanceOf(VelocityError);
    await expect(refusal).rejects.toThrow(/different record type named velocity_synth\.records\.retail_r1/);
  });
});

describe(sameRecordType.name, () => {
  it('compares canonical forms: docs aside, field types count', () => {
    const a = avroSchemaForRecordSchema(ours, names);
    expect(sameRecordType(a, { ...a, doc: 'another doc' })).toBe(true);
    expect(sameRecordType(a, avroSchemaForRecordSchema(theirs, names))).toBe(false);
  });
});
