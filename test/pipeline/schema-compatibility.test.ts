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
      const subjects = (await (await fetch(`${registry}/subjects`)).json()) as string[];
      const ours = subjects.filter((s) => s.startsWith(other.config.VS_TOPIC_PREFIX));
      expect(ours.sort()).toEqual(
        [
          'jobs.cancelled',
          'jobs.progress',
          'jobs.requested',
          'prompt-packs',
          'records.generated',
          'records.rejected',
        ].map((t) => `${other.config.VS_TOPIC_PREFIX}synthetic.${t}-value`),
      );
      for (const subject of ours) {
        const config = (await (await fetch(`${registry}/config/${subject}`)).json()) as { compatibilityLevel: string };
        expect(config.compatibilityLevel).toBe('BACKWARD');
      }
    } finally {
      await other.close();
    }
  });
});
