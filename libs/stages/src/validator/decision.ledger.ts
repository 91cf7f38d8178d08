import type { ScoredRecord } from '@vs/contracts';
import type { CommittedOffsets, MessageSource } from '@vs/kafka';
import type { DecisionStore, StoredDecision } from './decision.store';

/**
 * The validator's decisions, with `published` telling the truth even when the validator died between its
 * Kafka commit and writing `published` down: a decision whose publishing message the consumer group has
 * committed past was published, so a later duplicate of that record (a redelivery, a rerun) is not
 * published a second time; one it has not committed past was aborted and is published again.
 */
export class DecisionLedger {
  constructor(
    private readonly store: DecisionStore,
    private readonly offsets: CommittedOffsets,
    /** The consumer group whose transactions publish the records. */
    private readonly group: string,
  ) {}

  /**
   * Decides each record once (see DecisionStore) and settles `published` for decisions a crash left unsure.
   * `settled` lists those found published: write them down with `markPublished` (only a shortcut for next time).
   */
  async decide(
    jobId: string,
    scored: ScoredRecord[],
  ): Promise<{ decided: Map<string, StoredDecision>; settled: string[] }> {
    const decided = await this.store.decide(jobId, scored);
    const unsure = [...decided.values()].filter((d) => !d.published && d.publishing !== null);
    if (unsure.length === 0) return { decided, settled: [] };
    const committed = await this.offsets.committedPast(unsure.map((d) => d.publishing!));
    const published = unsure.filter((_, i) => committed[i]);
    for (const decision of published) decided.set(decision.record_id, { ...decision, published: true });
    return { decided, settled: published.map((d) => d.record_id) };
  }

  /** Call before publishing in a transaction: which consumed message's transaction carries each record. */
  async markPublishing(records: { record_id: string; source: Omit<MessageSource, 'group'> }[]): Promise<void> {
    await this.store.markPublishing(
      records.map(({ record_id, source }) => ({ record_id, source: { ...source, group: this.group } })),
    );
  }

  /** Call once the transaction committed. */
  async markPublished(recordIds: string[]): Promise<void> {
    await this.store.markPublished(recordIds);
  }
}
