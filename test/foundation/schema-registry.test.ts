import { describe, expect, it } from 'vitest';
import { AvroSerde, type AvroSchema } from '@vs/kafka';
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
    const versions = (await (
      await fetch(`${h.config.SCHEMA_REGISTRY_URL}/subjects/${topic}-value/versions`)
    ).json()) as {
      length: number;
    };
    expect(versions.length).toBeGreaterThan(0);
    const bytes = await h.serde.encode(topic, { job_id: 'j' });
    expect(bytes.readUInt8(0)).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(id);
  });

  it('lets many services register the same schemas on new subjects at the same moment', async () => {
    // Services start together: each sees a subject without its rule and sets BACKWARD at once. The registry
    // refuses all but the first of those writes now and then, so race several subjects to meet it every run.
    const subjects = Array.from({ length: 6 }, (_, i) => `${h.prefix}starting-together-${i}`);
    const services = Array.from({ length: 16 }, () => new AvroSerde(h.config.SCHEMA_REGISTRY_URL));
    for (const fresh of subjects) {
      const ids = await Promise.all(services.map((serde) => serde.register(fresh, v1)));
      expect(new Set(ids).size).toBe(1);
      const config = (await (await fetch(`${h.config.SCHEMA_REGISTRY_URL}/config/${fresh}-value`)).json()) as {
        compatibilityLevel: string;
      };
      expect(config.compatibilityLevel).toBe('BACKWARD');
    }
  });
});
