// One deterministic job through whatever pipeline is running against a bench environment: triggered, waited for,
// timed, with the database rows it made PostgreSQL read; and what its topics hold afterwards.
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { TopicNames } from '@vs/kafka';
import { CONSUMER_BINDINGS } from '@vs/stages';
import { benchActor, benchJobRequest, type BenchEnvironment } from './bench-environment';

export interface JobRun {
  jobId: string;
  records: number;
  seconds: number;
  accepted: number;
  rejected: number;
  /** tup_returned + tup_fetched of the bench's database during the job. */
  rowsRead: number;
  /** The tables read most during the job (seq_tup_read + idx_tup_read + idx_tup_fetch, as rowsRead counts), most first. */
  tablesRead: { table: string; rows: number }[];
}

async function tableRowsSoFar(bench: BenchEnvironment): Promise<Map<string, number>> {
  const rows = await bench.db.query<{ table: string; n: string }>(
    `SELECT t.relname AS table,
            (coalesce(t.seq_tup_read, 0) + coalesce(t.idx_tup_fetch, 0)
             + coalesce((SELECT sum(i.idx_tup_read) FROM pg_stat_user_indexes i WHERE i.relid = t.relid), 0))::text AS n
       FROM pg_stat_user_tables t`,
  );
  return new Map(rows.map((r) => [r.table, Number(r.n)]));
}

async function rowsReadSoFar(bench: BenchEnvironment): Promise<number> {
  const [row] = await bench.db.query<{ n: string }>(
    'SELECT (tup_returned + tup_fetched)::text AS n FROM pg_stat_database WHERE datname = current_database()',
  );
  return Number(row!.n);
}

/** Backends report their statistics within about a second of going idle (PGSTAT_MIN_INTERVAL). */
const statisticsSettled = () => new Promise((resolve) => setTimeout(resolve, 1_500));

export async function runJob(bench: BenchEnvironment, records: number): Promise<JobRun> {
  await statisticsSettled();
  const rowsBefore = await rowsReadSoFar(bench);
  const tablesBefore = await tableRowsSoFar(bench);
  const started = performance.now();
  const { job } = await bench.jobs.trigger(benchJobRequest(records), benchActor);
  for (;;) {
    const [row] = await bench.db.query<{ status: string; error: string | null; accepted: number; rejected: number }>(
      `SELECT status, error, accepted_records AS accepted, rejected_records AS rejected
         FROM oracle_synthetic_generation_jobs WHERE job_id = $1`,
      [job.job_id],
    );
    if (row?.status === 'completed') {
      const seconds = (performance.now() - started) / 1000;
      await statisticsSettled();
      const rowsRead = (await rowsReadSoFar(bench)) - rowsBefore;
      const tablesRead = [...(await tableRowsSoFar(bench))]
        .map(([table, n]) => ({ table, rows: n - (tablesBefore.get(table) ?? 0) }))
        .sort((a, b) => b.rows - a.rows)
        .slice(0, 4);
      return {
        jobId: job.job_id,
        records,
        seconds,
        accepted: row.accepted,
        rejected: row.rejected,
        rowsRead,
        tablesRead,
      };
    }
    if (row && ['failed', 'cancelled'].includes(row.status))
      throw new Error(`job ${job.job_id} ${row.status}: ${row.error}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until every stage's consumer group is stable with `members` members, so no job starts in a rebalance. */
export async function untilGroupsStable(bench: BenchEnvironment, members: number): Promise<void> {
  const names = new TopicNames(bench.config.VS_TOPIC_PREFIX);
  const groupIds = Object.keys(CONSUMER_BINDINGS).map((consumer) => names.group(consumer));
  const kafka = new Kafka({
    brokers: bench.config.KAFKA_BROKERS,
    clientId: 'bench-groups',
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (;;) {
      const { groups } = await admin.describeGroups(groupIds);
      if (groups.every((g) => g.state === 'Stable' && g.members.length === members)) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Every message of one job on a topic, read from the beginning as a downstream team reads it (read-committed, a
 * group of its own), until `count` have arrived and 3 s more, so a duplicate that follows is read too.
 */
export async function jobMessages(
  bench: BenchEnvironment,
  topic: 'recordsAccepted' | 'recordsGenerated',
  jobId: string,
  count: number,
): Promise<KafkaMessage[]> {
  const kafka = new Kafka({
    brokers: bench.config.KAFKA_BROKERS,
    clientId: 'bench-reader',
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `bench-reader-${Date.now().toString(36)}`, maxWaitTimeInMs: 200 });
  const messages: KafkaMessage[] = [];
  let enough!: () => void;
  const arrived = new Promise<void>((resolve) => (enough = resolve));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [new TopicNames(bench.config.VS_TOPIC_PREFIX).of(topic)], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) if (message.key?.toString() === jobId) messages.push(message);
        if (messages.length >= count) enough();
      },
    });
    // Fewer than `count` after two minutes is an answer too (the caller compares counts): return what came.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([arrived, new Promise((resolve) => (timer = setTimeout(resolve, 120_000)))]);
    clearTimeout(timer);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    return messages;
  } finally {
    await consumer.disconnect();
  }
}
