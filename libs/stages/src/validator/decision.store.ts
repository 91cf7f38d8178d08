import type { QualityScores, ScoredRecord } from '@vs/contracts';
import type { Database } from '@vs/database';
import type { QueryResultRow } from 'pg';
import type { MessageSource } from '@vs/kafka';

export interface StoredDecision {
  record_id: string;
  accepted: boolean;
  scores: QualityScores;
  reasons: string[];
  /** Its accepted/rejected message is already committed to Kafka. */
  published: boolean;
  /** The consumed message whose transaction last carried its accepted/rejected message, if any did. */
  publishing: MessageSource | null;
}

type DecisionRow = Omit<StoredDecision, 'publishing'> & {
  publishing_group: string | null;
  publishing_topic: string | null;
  publishing_partition: number | null;
  publishing_offset: string | null;
};

/**
 * Each record is decided once: the first decision is stored and every redelivery reuses it,
 * so a record is never counted both accepted and rejected, whatever the validator remembers.
 */
export class DecisionStore {
  constructor(private readonly db: Database) {}

  async decide(jobId: string, scored: ScoredRecord[]): Promise<Map<string, StoredDecision>> {
    if (scored.length === 0) return new Map();
    await this.db.query(
      `INSERT INTO job_record_decisions (job_id, record_id, record_index, accepted, scores, reasons)
       SELECT $1, d.record_id, d.record_index, d.accepted, d.scores, d.reasons
         FROM jsonb_to_recordset($2::jsonb)
           AS d(record_id uuid, record_index int, accepted boolean, scores jsonb, reasons text[])
       ON CONFLICT (job_id, record_id) DO NOTHING`,
      [
        jobId,
        JSON.stringify(
          scored.map((s) => ({
            record_id: s.record_id,
            record_index: s.record_index,
            accepted: s.accepted,
            scores: s.scores,
            reasons: s.reasons,
          })),
        ),
      ],
    );
    const rows = await this.byIndex<DecisionRow & { job_id: string }>(
      `SELECT job_id::text, record_id::text, accepted, scores, reasons, published,
              publishing_group, publishing_topic, publishing_partition, publishing_offset::text
         FROM job_record_decisions
        WHERE record_id = ANY($1::uuid[])`,
      [scored.map((s) => s.record_id)],
    );
    return new Map(
      rows.filter((r) => r.job_id === jobId).map(({ job_id: _job, ...r }) => [r.record_id, toStoredDecision(r)]),
    );
  }

  /**
   * Notes, before the transaction that publishes them commits, which consumed message carries each record's
   * message: if the validator dies before `markPublished`, the group's committed offset still tells.
   */
  async markPublishing(sources: { record_id: string; source: MessageSource }[]): Promise<void> {
    if (sources.length === 0) return;
    await this.byIndex(
      `UPDATE job_record_decisions d
          SET publishing_group = s.grp, publishing_topic = s.topic,
              publishing_partition = s.part, publishing_offset = s.off
         FROM jsonb_to_recordset($1::jsonb) AS s(record_id uuid, grp text, topic text, part int, off bigint)
        WHERE d.record_id = ANY($2::uuid[]) AND d.record_id = s.record_id`,
      [
        JSON.stringify(
          sources.map(({ record_id, source }) => ({
            record_id,
            grp: source.group,
            topic: source.topic,
            part: source.partition,
            off: source.offset,
          })),
        ),
        sources.map((s) => s.record_id),
      ],
    );
  }

  /**
   * Runs a statement that finds a chunk's decisions by record id through the record-id index, always. The
   * planner's statistics lag behind a table that grows by thousands of rows a second, so left to itself it
   * scanned every decision of the job (by the primary key's job_id prefix) or the whole table for each chunk,
   * a cost growing with the job (migration 0014): 340-980 rows read per record at 100,000 records. Turning
   * sequential and bitmap scans off for this one statement, in its own transaction, leaves the index scan of
   * the chunk's own ids.
   */
  private async byIndex<R extends QueryResultRow = QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
    return this.db.transaction(async (client) => {
      await client.query('SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off');
      return (await client.query<R>(text, values)).rows;
    });
  }

  async markPublished(recordIds: string[]): Promise<void> {
    if (recordIds.length === 0) return;
    await this.byIndex('UPDATE job_record_decisions SET published = true WHERE record_id = ANY($1::uuid[])', [
      recordIds,
    ]);
  }
}

function toStoredDecision(row: DecisionRow): StoredDecision {
  const { publishing_group, publishing_topic, publishing_partition, publishing_offset, ...decision } = row;
  const publishing =
    publishing_group !== null &&
    publishing_topic !== null &&
    publishing_partition !== null &&
    publishing_offset !== null
      ? { group: publishing_group, topic: publishing_topic, partition: publishing_partition, offset: publishing_offset }
      : null;
  return { ...decision, publishing };
}
