import fakerPackage from '@faker-js/faker/package.json';
import { createHash } from 'node:crypto';
import type { PromptPack, RecordFields } from '@vs/contracts';
import { compileRecordValidator } from '@vs/domain';
import type { EngineIdentity, EngineOutput, GenerationEngine, PlannedRecord } from '../generation-engine';
import { fakerForLocale } from './faker-locale';
import { generateFieldValue, planField } from './field-value.generator';

// faker exports no version constant; its package.json is part of its public exports.
const FAKER_VERSION: string = fakerPackage.version;
const NO_USAGE = { prompt_tokens: 0, completion_tokens: 0 } as const;
// A record that fails its schema is drawn again from the same seeded stream before giving up.
const MAX_ATTEMPTS = 3;

/** Seeds from sha256(record id, field): the same record id always yields the same field values. */
function seedFor(recordId: string, fieldName: string, attempt: number): number[] {
  const digest = createHash('sha256')
    .update(JSON.stringify([recordId, fieldName, attempt]))
    .digest();
  return [digest.readUInt32BE(0), digest.readUInt32BE(4), digest.readUInt32BE(8), digest.readUInt32BE(12)];
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('generation aborted');
  error.name = 'AbortError';
  return error;
}

/**
 * Offline engine: locale-aware faker steered by the record schema, semantic hints and the pack's
 * exemplars. Each field is seeded on its own, so adding a field does not change the others' values.
 */
export class DeterministicEngine implements GenerationEngine {
  identity(): EngineIdentity {
    return { name: 'deterministic', version: `deterministic/1 faker/${FAKER_VERSION}` };
  }

  async generate(pack: PromptPack, records: PlannedRecord[], signal?: AbortSignal): Promise<EngineOutput[]> {
    const faker = fakerForLocale(pack.locale);
    const exemplars = pack.exemplars.map((e) => e.record);
    const plans = pack.record_schema.fields.map((field) => planField(field, exemplars, pack.locale));
    const validator = compileRecordValidator(pack.record_schema);
    const outputs: EngineOutput[] = [];
    // No await inside the loop: the shared per-locale faker is reseeded and drained without interleaving.
    for (const record of records) {
      if (signal?.aborted) throw abortError(signal);
      let errors: string[] = [];
      let fields: RecordFields | null = null;
      for (let attempt = 0; attempt < MAX_ATTEMPTS && fields === null; attempt++) {
        const candidate: RecordFields = {};
        for (const plan of plans) {
          faker.seed(seedFor(record.record_id, plan.field.name, attempt));
          candidate[plan.field.name] = generateFieldValue(faker, plan);
        }
        const validation = validator.validate(candidate);
        if (validation.ok) fields = candidate;
        else errors = validation.errors;
      }
      outputs.push({
        record_id: record.record_id,
        fields,
        error: fields === null ? `deterministic engine could not satisfy the schema: ${errors.join('; ')}` : null,
        usage: { ...NO_USAGE },
      });
    }
    return outputs;
  }
}
