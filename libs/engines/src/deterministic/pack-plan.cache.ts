import type { PromptPack } from '@vs/contracts';
import { planPack, type PackPlan } from './pack-plan';

// A job's packs share one schema and exemplar set; a few dozen plans cover the jobs one generator runs at once.
const CAPACITY = 64;

/** Plans learnt once per pack content: the packs of a job differ only in their record range. */
export class PackPlanCache {
  private readonly plans = new Map<string, PackPlan>();

  planFor(pack: PromptPack): PackPlan {
    // The pack's own exemplars and schema in full; the revision's exemplars by id (a revision's content does
    // not change once published, and stringifying all of them for every pack cost more than the plan saves).
    const key = JSON.stringify([
      pack.template_id,
      pack.template_revision,
      pack.locale,
      pack.reference_at ?? null,
      pack.chapter_key,
      pack.subchapter_key,
      pack.record_schema,
      pack.exemplars,
      pack.revision_exemplars?.map((e) => e.exemplar_id) ?? null,
    ]);
    let plan = this.plans.get(key);
    if (plan) {
      // Refresh its place: the least recently used plan is the one evicted.
      this.plans.delete(key);
    } else {
      plan = planPack(pack);
      if (this.plans.size >= CAPACITY) this.plans.delete(this.plans.keys().next().value!);
    }
    this.plans.set(key, plan);
    return plan;
  }
}
