import type { Database } from '@vs/database';
import type { DeadLetter } from '@vs/kafka';
import type { JobRowRepository } from './job-row.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records a dead-lettered message against its job. A job that lost a message can never account for
 * every planned record, so it fails at once with the reason instead of hanging.
 */
export class DeadLetterRecorder {
  constructor(
    private readonly db: Database,
    private readonly jobRows: JobRowRepository,
  ) {}

  async record(letter: DeadLetter): Promise<void> {
    const jobId = letter.key && UUID.test(letter.key) ? letter.key : null;
    await this.db.transaction(async (client) => {
      const inserted = await client.query(
        `INSERT INTO dead_letters (job_id, topic, partition, "offset", consumer, error)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [jobId, letter.topic, letter.partition, letter.offset, letter.consumer, letter.error.message],
      );
      if (!jobId || inserted.rowCount === 0) return;
      await this.jobRows.failForDeadLetter(
        client,
        jobId,
        inserted.rowCount ?? 0,
        `${letter.consumer}: a message on ${letter.topic} could not be processed and was dead-lettered: ${letter.error.message}`,
      );
    });
  }
}
