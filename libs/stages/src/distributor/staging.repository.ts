import type { PoolClient } from 'pg';
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

  async stagedRecords(client: PoolClient, jobId: string): Promise<StagedRecord[]> {
    const { rows } = await client.query<StagedRecord>(
      `SELECT record_id::text, record_index, fields, lineage, scores FROM job_accepted_records
        WHERE job_id = $1 ORDER BY record_index`,
      [jobId],
    );
    return rows;
  }
}
