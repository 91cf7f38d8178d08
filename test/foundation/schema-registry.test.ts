import { describe, expect, it } from 'vitest';
import type { AvroSchema } from '@vs/kafka';
import { kafkaHarness } from './kafka-harness';

const v1: AvroSchema = {
  type: 'record',
  name: 'Evolving',
  namespace: 'velocity_synth.test',
  fields: [{ name: 'job_id', type: 'string' }],
};

describe('schema registry compatibility (BACKWARD)', () => {
  const h = kafkaHarness('registry');
  const topic = `${h.prefix}evolving`;

  it('accepts a compatible change: a new field with a default', async () => {
    const first = await h.serde.register(topic, v1);
    const second = await h.serde.register(topic, {
      ...v1,
      fields: [...v1.fields, { name: 'note', type: 'string', default: '' }],
    });
    expect(second).not.toBe(first);
  });

  it('rejects an incompatible change: a new field without a default', async () => {
    const incompatible = { ...v1, fields: [...v1.fields, { name: 'required_now', type: 'int' }] };
    await expect(h.serde.register(topic, incompatible)).rejects.toThrow(/incompatible/i);
  });

  it('registers under <topic>-value and encodes with that id', async () => {
    const id = await h.serde.register(topic, v1);
    const subjects = (await (await fetch(`${h.config.SCHEMA_REGISTRY_URL}/subjects`)).json()) as string[];
    expect(subjects).toContain(`${topic}-value`);
    const bytes = await h.serde.encode(topic, { job_id: 'j' });
    expect(bytes.readUInt8(0)).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(id);
  });
});
