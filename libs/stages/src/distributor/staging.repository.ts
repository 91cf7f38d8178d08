import type { PoolClient } from 'pg';
import Cursor from 'pg-cursor';
import type { QualityScores, RecordFields } from '@vs/contracts';
import type { Database } from '@vs/database';
import type { LineageValue, RejectedRecordValue } from '@vs/pipeline';
import type { StagedRecord } from './surfaces/staged-record';

export interface AcceptedForStaging {
  record_id: string;
  job_id: string;
  record_index: number;
  fields: RecordFields;
  lineage: LineageValue;
  scores: QualityScores;
}

// Large enough that a round trip carries ~1 MB of records, small enough that memory stays flat.
const STAGED_BATCH = 1000;

/** Where the distributor keeps a job's records until its output is written; every insert is idempotent. */
export class StagingRepository {
  constructor(private readonly db: Database) {}

  async stageAccepted(records: AcceptedForStaging[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.query(
      `INSERT INTO job_accepted_records (job_id, record_id, record_index, fields, lineage, scores)
       SELECT d.job_id, d.record_id, d.record_index, d.fields, d.lineage, d.scores
         FROM jsonb_to_recordset($1::jsonb) AS d(job_id uuid, record_id uuid, record_index int, fields jsonb, lineage jsonb, scores jsonb)
       ON CONFLICT (job_id, record_id) DO NOTHING`,
      [JSON.stringify(records)],
    );
  }

  async keepRejected(records: RejectedRecordValue[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.query(
      `INSERT INTO job_rejected_records (job_id, record_id, record_index, pack_id, payload, reasons, scores, lineage)
       SELECT d.job_id, d.record_id, d.record_index, d.pack_id, d.payload, d.reasons, d.scores, d.lineage
         FROM jsonb_to_recordset($1::jsonb)
           AS d(job_id uuid, record_id uuid, record_index int, pack_id uuid, payload jsonb, reasons text[], scores jsonb, lineage jsonb)
       ON CONFLICT (job_id, record_id) DO NOTHING`,
      [
        JSON.stringify(
          records.map((r) => ({
            job_id: r.job_id,
            record_id: r.record_id,
            record_index: r.record_index,
            pack_id: r.pack_id,
            payload: r.fields_json === null ? null : JSON.parse(r.fields_json),
            reasons: r.reasons,
            scores: r.scores,
            lineage: r.lineage,
          })),
        ),
      ],
    );
  }

  /**
   * The job's staged records in record_index order, `batchSize` at a time from a server-side cursor, so a
   * job of any size costs one batch of memory. The client runs nothing else until the cursor is drained.
   */
  async *stagedRecordBatches(
    client: PoolClient,
    jobId: string,
    batchSize = STAGED_BATCH,
  ): AsyncGenerator<StagedRecord[]> {
    const cursor = client.query(
      new Cursor<StagedRecord>(
        `SELECT record_id::text, record_index, fields, lineage, scores FROM job_accepted_records
          WHERE job_id = $1 ORDER BY record_index`,
        [jobId],
      ),
    );
    try {
      for (;;) {
        const batch = await cursor.read(batchSize);
        if (batch.length > 0) yield batch;
        if (batch.length < batchSize) return;
      }
    } finally {
      await cursor.close();
    }
  }
}
