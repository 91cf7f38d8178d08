import fakerPackage from '@faker-js/faker/package.json';
import type { PromptPack, RecordFields } from '@vs/contracts';
import type { EngineIdentity, EngineOutput, GenerationEngine, PlannedRecord } from '../generation-engine';
import { PackPlanCache } from './pack-plan.cache';
import { buildRecord, ruleProblems } from './record-builder';

// faker exports no version constant; its package.json is part of its public exports. Its locale data
// (names, company forms, colours, phone formats) shapes the records, so its version is part of ours.
const FAKER_VERSION: string = fakerPackage.version;
const NO_USAGE = { prompt_tokens: 0, completion_tokens: 0 } as const;
// A record that fails its schema or rules is drawn again from a new seeded stream before giving up.
const MAX_ATTEMPTS = 3;

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('generation aborted');
  error.name = 'AbortError';
  return error;
}

/**
 * Offline engine: each record follows one of the pack's exemplars and is about one sampled person,
 * place and organisation of the locale; values, dates and texts are learnt from the exemplars once per
 * pack. A record is seeded by its id alone, so it is the same whatever else its pack holds.
 */
export class DeterministicEngine implements GenerationEngine {
  private readonly plans = new PackPlanCache();

  identity(): EngineIdentity {
    return { name: 'deterministic', version: `deterministic/2 faker/${FAKER_VERSION}` };
  }

  async generate(pack: PromptPack, records: PlannedRecord[], signal?: AbortSignal): Promise<EngineOutput[]> {
    const plan = this.plans.planFor(pack);
    const outputs: EngineOutput[] = [];
    for (const record of records) {
      if (signal?.aborted) throw abortError(signal);
      let errors: string[] = [];
      let fields: RecordFields | null = null;
      for (let attempt = 0; attempt < MAX_ATTEMPTS && fields === null; attempt++) {
        const candidate = buildRecord(plan, record.record_id, attempt, record.record_index, pack.pack_index);
        errors = plan.shapeProblems(candidate);
        if (errors.length === 0) errors = ruleProblems(plan, candidate);
        if (errors.length === 0) fields = candidate;
      }
      outputs.push({
        record_id: record.record_id,
        fields,
        error: fields === null ? `deterministic engine could not satisfy the schema: ${errors.join('; ')}` : null,
        usage: { ...NO_USAGE },
      });
    }
    return Promise.resolve(outputs);
  }
}
