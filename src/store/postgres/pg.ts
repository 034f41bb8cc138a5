import { readFileSync } from 'node:fs';
import pg from 'pg';

/** What our code needs of a PostgreSQL connection: queries, and a transaction that commits or rolls back. */
export interface Db {
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ rows: Row[]; rowCount: number }>;
  /** Runs `work` inside BEGIN … COMMIT on one connection; any throw rolls back and is rethrown. */
  transaction<T>(work: (tx: DbQuery) => Promise<T>): Promise<T>;
  end(): Promise<void>;
}

/** The query half of Db, as seen inside a transaction. */
export type DbQuery = Pick<Db, 'query'>;

/** How to reach the database: STATE_URL, and PGSSLMODE / STATE_CA_FILE for TLS. */
export interface DbOptions {
  url: string;
  sslMode?: string | undefined;
  caFile?: string | undefined;
  /** Pool size; the watcher and the commands need few connections. */
  max?: number;
  /** Gives up connecting after this long (ms), so a down database is an error, not a hang. */
  connectTimeoutMs?: number;
  /**
   * The server ends a transaction left idle this long (ms): a replica paused inside one (SIGSTOP, a VM
   * frozen) must not hold the lease row's lock, and so the lease, past its expiry.
   */
  transactionIdleTimeoutMs?: number;
}

/** The only importer of `pg` (node-postgres): a small pool behind our Db interface. */
export function createDb(options: DbOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    ...tlsOptions(options),
  });
  // An idle connection the server dropped (a restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const query: Db['query'] = async (sql, params) => {
    const result = await pool.query(sql, params as unknown[] | undefined);
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  };
  return {
    query,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        if (options.transactionIdleTimeoutMs !== undefined)
          await client.query(
            `SET LOCAL idle_in_transaction_session_timeout = ${Math.max(1, Math.floor(options.transactionIdleTimeoutMs))}`,
          );
        const tx: DbQuery = {
          query: async (sql, params) => {
            const result = await client.query(sql, params as unknown[] | undefined);
            return { rows: result.rows, rowCount: result.rowCount ?? 0 };
          },
        };
        const value = await work(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    end: () => pool.end(),
  };
}

/**
 * PGSSLMODE as libpq reads it, as far as node-postgres can follow: `disable` never uses TLS (even with a CA
 * file); `allow` and `prefer` connect without TLS, since node-postgres cannot try TLS and fall back; `require`
 * encrypts without checking the certificate; `verify-ca` checks it against STATE_CA_FILE, `verify-full` the host
 * name too. Unset: TLS with verification when STATE_CA_FILE is given, else none.
 */
export function tlsOptions(options: Pick<DbOptions, 'sslMode' | 'caFile'>): { ssl?: pg.PoolConfig['ssl'] } {
  const mode = options.sslMode;
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer') return { ssl: false };
  const ca = options.caFile ? readFileSync(options.caFile, 'utf8') : undefined;
  if (mode === undefined) return ca ? { ssl: { ca, rejectUnauthorized: true } } : {};
  if (mode === 'require') return { ssl: { rejectUnauthorized: false } };
  if (mode === 'verify-ca')
    return { ssl: { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined } };
  return { ssl: { ca, rejectUnauthorized: true } };
}
