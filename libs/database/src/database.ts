import { Pool, type PoolClient, type QueryResultRow } from 'pg';

export type Queryable = Pick<PoolClient, 'query'>;

/** The PostgreSQL boundary: one pool, transactions with guaranteed rollback. */
export class Database {
  readonly pool: Pool;

  constructor(
    readonly url: string,
    options: { max?: number; applicationName?: string } = {},
  ) {
    this.pool = new Pool({
      connectionString: url,
      max: options.max ?? 10,
      application_name: options.applicationName ?? 'velocity-synth',
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async query<R extends QueryResultRow = QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    const result = await this.pool.query<R>(text, values);
    return result.rows;
  }

  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection terminated while checked out and between queries emits 'error' with no query to reject it:
    // unheard, that is an uncaught exception that ends the process. The next query fails instead, and is retried.
    const unheard = () => undefined;
    client.on('error', unheard);
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = !(await client.query('ROLLBACK').then(
        () => true,
        () => false,
      ));
      throw error;
    } finally {
      client.off('error', unheard);
      // A connection that cannot even roll back is dropped rather than handed to the next caller.
      client.release(broken || undefined);
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
