import type { QualityScores, ScoredRecord } from '@vs/contracts';
import type { Database } from '@vs/database';

export interface StoredDecision {
  record_id: string;
  accepted: boolean;
  scores: QualityScores;
  reasons: string[];
  /** Its accepted/rejected message is already committed to Kafka. */
  published: boolean;
}

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
    const rows = await this.db.query<StoredDecision>(
      `SELECT record_id::text, accepted, scores, reasons, published FROM job_record_decisions
        WHERE job_id = $1 AND record_id = ANY($2::uuid[])`,
      [jobId, scored.map((s) => s.record_id)],
    );
    return new Map(rows.map((r) => [r.record_id, r]));
  }

  async markPublished(jobId: string, recordIds: string[]): Promise<void> {
    if (recordIds.length === 0) return;
    await this.db.query(
      'UPDATE job_record_decisions SET published = true WHERE job_id = $1 AND record_id = ANY($2::uuid[])',
      [jobId, recordIds],
    );
  }
}
