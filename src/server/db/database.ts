import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';
export type Executor = Kysely<DB> | Transaction<DB>;

/** Connections of the pool at this moment (for /metrics). */
export interface PoolStats {
  /** Connections open (busy or idle); PGlite: its one in-process connection. */
  total: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
  /** The pool's maximum. */
  max: number;
}

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** PostgreSQL: the pg Pool's counts. PGlite has no pool (one connection, queries run one at a time): null. */
  poolStats(): PoolStats | null;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  /** PGlite data directory; null keeps the embedded database in memory. */
  pgliteDir: string | null;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** A PGlite data directory dump to start from (tests start from a migrated template). */
  pgliteTemplate?: Blob;
  /**
   * Called when an idle pooled PostgreSQL connection fails (server restart, network cut). Without a
   * listener such an error would crash the process; the pool replaces the connection by itself.
   */
  onPoolError?: (error: Error) => void;
}

const INT8 = 20;
const DATE = 1082;

/** int8 → number, refusing silently wrong values: ids and fen amounts stay below 2^53. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} does not fit a safe integer`);
  return value;
}

/**
 * Opens the database named by the options: a real PostgreSQL when a URL is given, otherwise the
 * embedded PGlite (Postgres compiled to WASM) in a directory. Both speak the same SQL, so migrations
 * and queries are shared; both read `date` as 'YYYY-MM-DD' and `int8` as a number.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === INT8) return parseInt8;
          if (oid === DATE) return (text: string) => text;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    pool.on('error', options.onPoolError ?? ((error) => console.error(`[dianxiaoer] idle database connection failed: ${error.message}`)));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const max = options.poolSize ?? 10;
    return {
      db,
      kind: 'postgres',
      close: () => db.destroy(),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    };
  }

  const pglite = await createPglite(options.pgliteDir, options.pgliteTemplate);
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return { db, kind: 'pglite', close: () => db.destroy(), poolStats: () => null };
}

/** The embedded database with the extensions and type parsers the app expects. */
export async function createPglite(dataDir: string | null, template?: Blob): Promise<PGlite> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  return PGlite.create({
    dataDir: dataDir ?? undefined,
    loadDataDir: template,
    extensions: { pg_trgm },
    parsers: { [INT8]: parseInt8, [DATE]: (text: string) => text },
  });
}
