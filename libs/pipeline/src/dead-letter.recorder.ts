import type { Database } from '@vs/database';
import type { DeadLetter } from '@vs/kafka';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records a dead-lettered message against its job. A job that lost a message can never account for
 * every planned record, so it fails at once with the reason instead of hanging.
 */
export class DeadLetterRecorder {
  constructor(private readonly db: Database) {}

  async record(letter: DeadLetter): Promise<void> {
    const jobId = letter.key && UUID.test(letter.key) ? letter.key : null;
    await this.db.transaction(async (client) => {
      const inserted = await client.query(
        `INSERT INTO dead_letters (job_id, topic, partition, "offset", consumer, error)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [jobId, letter.topic, letter.partition, letter.offset, letter.consumer, letter.error.message],
      );
      if (!jobId || inserted.rowCount === 0) return;
      await client.query(
        `UPDATE oracle_synthetic_generation_jobs
            SET dead_lettered = (SELECT count(*) FROM dead_letters WHERE job_id = $1),
                status = CASE WHEN status IN ('completed', 'failed', 'cancelled') THEN status ELSE 'failed' END,
                failed_at = CASE WHEN status IN ('completed', 'failed', 'cancelled') THEN failed_at ELSE now() END,
                error = COALESCE(error, $2),
                notice = NULL,
                updated_at = now()
          WHERE job_id = $1`,
        [
          jobId,
          `${letter.consumer}: a message on ${letter.topic} could not be processed and was dead-lettered: ${letter.error.message}`,
        ],
      );
    });
  }
}
