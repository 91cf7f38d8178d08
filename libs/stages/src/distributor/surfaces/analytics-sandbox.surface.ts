import type { PoolClient } from 'pg';
import { ConflictError, type FieldType, type ManifestOutput } from '@vs/contracts';
import { jsonlLine, OutputDigest, sanitiseAvroName } from '@vs/domain';
import { outputLine, type FinalizingJob, type StagedRecord } from './staged-record';
import type { SurfaceContext, SurfaceOutput, SurfaceWriter } from './surface.writer';

const SQL_TYPES: Record<FieldType, string> = {
  string: 'text',
  text: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  enum: 'text',
  uuid: 'uuid',
  integer: 'bigint',
  number: 'double precision',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
};

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function sandboxTableName(templateId: string, revision: number): string {
  return `${sanitiseAvroName(templateId.toLowerCase())}_r${revision}`;
}

/** One insert-only table per template revision, typed columns from its record schema. */
async function ensureTable(client: PoolClient, job: FinalizingJob): Promise<string> {
  const table = `analytics_sandbox.${ident(sandboxTableName(job.template_id, job.template_revision))}`;
  const columns = job.record_schema.fields.map(
    (f) => `${ident(f.name)} ${SQL_TYPES[f.type]}${f.required ? ' NOT NULL' : ''}`,
  );
  await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [table]);
  await client.query(`CREATE TABLE IF NOT EXISTS ${table} (
      record_id uuid PRIMARY KEY, job_id uuid NOT NULL, tenant_id text NOT NULL, record_index integer NOT NULL,
      ${columns.join(', ')}, lineage jsonb NOT NULL, scores jsonb NOT NULL, inserted_at timestamptz NOT NULL DEFAULT now())`);
  await client.query(
    `CREATE INDEX IF NOT EXISTS ${ident(`${sandboxTableName(job.template_id, job.template_revision)}_job`)} ON ${table} (job_id, record_index)`,
  );
  await client.query(
    `CREATE OR REPLACE TRIGGER insert_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION analytics_sandbox.refuse_change()`,
  );
  return table;
}

/**
 * The analytics sandbox: the job's accepted records as typed rows (insert-only; a row already there from
 * this job is left alone, a row from anything else is refused), described by the sha256 of their canonical
 * JSONL export. The rows are copied by one INSERT … SELECT inside PostgreSQL, so no record crosses the wire
 * for the insert; only the export's hash is computed here, from the batches the finaliser streams.
 */
export class AnalyticsSandboxSurface implements SurfaceWriter {
  readonly surface = 'analytics_sandbox';

  async open({ client, job }: SurfaceContext): Promise<SurfaceOutput> {
    const table = await ensureTable(client, job);
    const fields = job.record_schema.fields;
    const casts = fields.map((f) => `(r.fields ->> ${quote(f.name)})::${SQL_TYPES[f.type]}`);
    await client.query(
      `INSERT INTO ${table} (record_id, job_id, tenant_id, record_index, ${fields.map((f) => ident(f.name)).join(', ')}, lineage, scores)
       SELECT r.record_id, r.job_id, r.lineage ->> 'tenant_id', r.record_index, ${casts.join(', ')}, r.lineage, r.scores
         FROM job_accepted_records r WHERE r.job_id = $1
       ON CONFLICT (record_id) DO NOTHING`,
      [job.job_id],
    );
    const digest = new OutputDigest();
    let count = 0;
    return {
      async add(records: readonly StagedRecord[]) {
        digest.update(records.map((r) => jsonlLine(outputLine(r))).join(''));
        count += records.length;
      },
      async finish(): Promise<ManifestOutput[]> {
        await checkRows(client, table, job.job_id, count);
        return [
          digest.describe(
            `postgresql:${table.replace(/"/g, '')}?job_id=${job.job_id}`,
            'postgresql_table+jsonl_sha256',
            count,
          ),
        ];
      },
      // The rows roll back with the finalising transaction.
      discard: async () => undefined,
    };
  }
}

/** Every accepted record of the job is a row of this job in the table, and none is another job's. */
async function checkRows(client: PoolClient, table: string, jobId: string, expected: number): Promise<void> {
  const [check] = (
    await client.query<{ ours: string; foreign: string }>(
      `SELECT count(*) FILTER (WHERE t.job_id = $1)::text AS ours, count(*) FILTER (WHERE t.job_id <> $1)::text AS foreign
         FROM ${table} t JOIN job_accepted_records r ON r.record_id = t.record_id AND r.job_id = $1`,
      [jobId],
    )
  ).rows;
  if (Number(check!.foreign) > 0)
    throw new ConflictError(`${check!.foreign} row(s) in ${table} belong to another job; refusing to overwrite them`);
  if (Number(check!.ours) !== expected)
    throw new Error(`${table} holds ${check!.ours} rows of job ${jobId}, expected ${expected}`);
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
