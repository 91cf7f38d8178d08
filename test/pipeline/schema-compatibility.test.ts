import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AvroSerde } from '@vs/kafka';
import { STAGE_NAMES } from '@vs/stages';
import { pipelineHarness, type PipelineHarness } from './pipeline.harness';

describe('schemas at start-up', () => {
  let h: PipelineHarness;
  beforeAll(async () => {
    h = await pipelineHarness('schemacompat');
  });
  afterAll(async () => h?.close());

  it('refuses to start a service whose schema is incompatible with what the registry holds', async () => {
    const topic = `${h.config.VS_TOPIC_PREFIX}synthetic.prompt-packs`;
    // Someone registered a contract the service cannot evolve from: a required field it does not write.
    await new AvroSerde(h.config.SCHEMA_REGISTRY_URL).register(topic, {
      type: 'record',
      name: 'PromptPack',
      namespace: 'velocity_synth.pipeline',
      fields: [
        { name: 'pack_id', type: 'string' },
        { name: 'legacy_required', type: 'int' },
      ],
    });
    await expect(h.start(STAGE_NAMES)).rejects.toThrow(/refusing to start: schema prompt-pack\.avsc is not compatible/);
  });

  it('registers every topic schema under <topic>-value with BACKWARD compatibility', async () => {
    const other = await pipelineHarness('schemareg');
    try {
      await other.start(['status-consumer']);
      const registry = other.config.SCHEMA_REGISTRY_URL;
      // Asked one by one: a registry's subject list is capped (Apicurio answers at most 1,000 names).
      const subject = (topic: string) => `${other.config.VS_TOPIC_PREFIX}synthetic.${topic}-value`;
      const registered = [
        'jobs.cancelled',
        'jobs.progress',
        'jobs.requested',
        'prompt-packs',
        'records.generated',
        'records.rejected',
      ].map(subject);
      for (const name of registered) {
        const versions = await fetch(`${registry}/subjects/${name}/versions`);
        expect(versions.status, name).toBe(200);
        expect(((await versions.json()) as number[]).length, name).toBe(1);
        const config = (await (await fetch(`${registry}/config/${name}`)).json()) as { compatibilityLevel: string };
        expect(config.compatibilityLevel, name).toBe('BACKWARD');
      }
      // The accepted topic's schema grows per template revision and registers with the first accepted record.
      const accepted = await fetch(`${registry}/subjects/${subject('records.accepted')}/versions`);
      await accepted.body?.cancel();
      expect(accepted.status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
