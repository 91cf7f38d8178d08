import type { GeneratedRecord, RecordFields } from '@vs/contracts';
import { avroSchemaNameFor } from '@vs/domain';
import type { ConsumedMessage } from '@vs/kafka';
import {
  fromGeneratedRecordValue,
  toLineageValue,
  type AcceptedRecordSchema,
  type GeneratedRecordValue,
  type JobRowRepository,
  type JobStopWatch,
  type ProgressReporter,
  type RejectedRecordValue,
  type StagePublisher,
} from '@vs/pipeline';
import type { DecisionLedger } from './decision.ledger';
import type { LlmJudgeStep } from './llm-judge.step';
import type { StoredDecision } from './decision.store';
import type { RevisionScoringCache } from './revision-scoring.cache';

type Decoded = GeneratedRecord & {
  parameters: Record<string, string>;
  /** The consumed message that carried it. */
  source: { topic: string; partition: number; offset: string };
};

/** Scores every generated record and routes it to accepted (typed Avro) or rejected (with every reason). */
export class ValidatorService {
  constructor(
    private readonly jobRows: JobRowRepository,
    private readonly output: StagePublisher,
    private readonly scoring: RevisionScoringCache,
    private readonly decisions: DecisionLedger,
    private readonly acceptedSchema: AcceptedRecordSchema,
    /** The same envelope on the preview topic: a preview's records and its draft's union branch stay off production. */
    private readonly previewSchema: AcceptedRecordSchema,
    private readonly progress: ProgressReporter,
    private readonly stopWatch: JobStopWatch,
    /** The optional LLM judge (LLM_JUDGE); absent, the gate's checks decide alone. */
    private readonly judge: LlmJudgeStep | null = null,
  ) {}

  async onGeneratedRecords(messages: ConsumedMessage<GeneratedRecordValue>[]): Promise<void> {
    const byJob = new Map<string, Decoded[]>();
    for (const message of messages) {
      const { topic, partition, offset } = message;
      const record = { ...fromGeneratedRecordValue(message.value), source: { topic, partition, offset } };
      byJob.set(record.job_id, [...(byJob.get(record.job_id) ?? []), record]);
    }
    for (const [jobId, records] of byJob) {
      if (await this.stopWatch.stillStopped(jobId)) continue;
      await this.validateJobRecords(jobId, records);
    }
  }

  private async validateJobRecords(jobId: string, records: Decoded[]): Promise<void> {
    const { lineage } = records[0]!;
    const scoring = await this.scoring.forRevision(lineage.template_id, lineage.template_revision);
    const job = await this.jobRows.scoringContextOf(jobId);
    const context = this.scoring.contextFor(
      jobId,
      scoring,
      lineage.chapter_key,
      job?.subchapter_key ?? null,
      job?.reference_at ?? null,
    );
    const gated = records.map((r) => scoring.scorer.score(r, context));
    const scored = this.judge ? await this.judge.apply(gated, scoring.revision) : gated;
    const { decided, settled } = await this.decisions.decide(jobId, scored);

    const accepted: { record: Decoded; decision: StoredDecision }[] = [];
    const rejected: { record: Decoded; decision: StoredDecision }[] = [];
    const seen = new Set<string>();
    for (const record of records) {
      const decision = decided.get(record.record_id)!;
      // A record whose message is already committed (an upstream duplicate) is not published again.
      if (decision.published || seen.has(record.record_id)) continue;
      seen.add(record.record_id);
      (decision.accepted ? accepted : rejected).push({ record, decision });
    }
    await this.decisions.markPublishing(
      [...accepted, ...rejected].map(({ record }) => ({ record_id: record.record_id, source: record.source })),
    );
    await this.publishAccepted(
      accepted,
      scoring.record_schema.fields.map((f) => f.name),
      job?.mode === 'preview',
    );
    await this.publishRejected(rejected);
    await this.output.afterCommit(() => this.decisions.markPublished([...seen, ...settled]));
    await this.progress.report(
      jobId,
      'validator',
      records.map((r) => ({
        unit_id: r.record_id,
        records: 1,
        accepted: decided.get(r.record_id)!.accepted ? 1 : 0,
        rejected: decided.get(r.record_id)!.accepted ? 0 : 1,
      })),
    );
  }

  private async publishAccepted(
    items: { record: Decoded; decision: StoredDecision }[],
    fieldNames: string[],
    preview: boolean,
  ): Promise<void> {
    if (items.length === 0) return;
    const schema = preview ? this.previewSchema : this.acceptedSchema;
    const { lineage } = items[0]!.record;
    const scoring = await this.scoring.forRevision(lineage.template_id, lineage.template_revision);
    const envelope = await schema.forRevision(lineage.template_id, lineage.template_revision, scoring.record_schema);
    const fullName = avroSchemaNameFor(lineage.template_id, lineage.template_revision);
    const messages = items.map(({ record, decision }) => ({
      key: record.job_id,
      spreadKey: record.pack_id,
      value: schema.encode(
        envelope,
        {
          record_id: record.record_id,
          job_id: record.job_id,
          pack_id: record.pack_id,
          record_index: record.record_index,
          lineage: toLineageValue(record.lineage, record.usage, record.parameters),
          scores: decision.scores,
          record: typedFields(record.fields!, fieldNames),
        },
        fullName,
      ),
      headers: lineageHeaders(record),
    }));
    await this.output.publishRaw(preview ? 'recordsPreview' : 'recordsAccepted', messages);
  }

  private async publishRejected(items: { record: Decoded; decision: StoredDecision }[]): Promise<void> {
    if (items.length === 0) return;
    const values: RejectedRecordValue[] = items.map(({ record, decision }) => ({
      record_id: record.record_id,
      job_id: record.job_id,
      pack_id: record.pack_id,
      record_index: record.record_index,
      lineage: toLineageValue(record.lineage, record.usage, record.parameters),
      fields_json: record.fields === null ? null : JSON.stringify(record.fields),
      reasons: decision.reasons.length > 0 ? decision.reasons : ['rejected without a recorded reason'],
      scores: decision.scores,
    }));
    await this.output.publish(
      'recordsRejected',
      values.map((value, i) => ({
        key: value.job_id,
        spreadKey: value.pack_id,
        value,
        headers: lineageHeaders(items[i]!.record),
      })),
    );
  }
}

/** Every declared field, in schema order; an absent optional field is an explicit null for Avro. */
function typedFields(fields: RecordFields, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, fields[name] ?? null]));
}

function lineageHeaders(record: GeneratedRecord): Record<string, string> {
  const l = record.lineage;
  return {
    'x-record-id': record.record_id,
    'x-job-id': l.job_id,
    'x-tenant-id': l.tenant_id,
    'x-template-id': l.template_id,
    'x-template-revision': String(l.template_revision),
    'x-chapter-key': l.chapter_key,
    'x-subchapter-key': l.subchapter_key ?? '',
    'x-locale': l.locale,
    'x-engine': l.engine_version,
  };
}
