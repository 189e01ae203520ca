import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Config } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { syncBuiltInIndicators } from '../server/modules/indicators/index.ts';
import { recomputeAllProfiles, recomputeChunkSizeFor } from '../server/modules/profiles/index.ts';
import { createProgress } from './progress.ts';

export const PROFILES_HELP = `  profiles recompute [--chunk-size N] [--date YYYY-MM-DD]
                                         recompute the derived profile (size class, 四上, life cycle,
                                         tags, completeness) of every enterprise, in chunks (250 PGlite,
                                         500 PostgreSQL), as of today in the county (or --date)`;

/**
 * `profiles recompute`: the county-wide recompute the server's job runs, in this process with a progress
 * bar; after a change of the standards' tables, or to check the figures of a fresh import.
 */
export async function runProfilesCommand(config: Readonly<Config>, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'chunk-size': { type: 'string' }, date: { type: 'string' } } });
  if (positionals.length !== 1 || positionals[0] !== 'recompute') throw new Error('usage: profiles recompute [--chunk-size N] [--date YYYY-MM-DD]');
  const chunkSize = values['chunk-size'] === undefined ? undefined : Number(values['chunk-size']);
  if (chunkSize !== undefined && (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 50_000)) throw new Error('--chunk-size must be an integer from 1 to 50,000');
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new Error('--date must be YYYY-MM-DD');
  const database = await openDatabase({ databaseUrl: config.migrationDatabaseUrl ?? config.databaseUrl, pgliteDir: config.pgliteDir });
  try {
    await migrateToLatest(database.db as Kysely<unknown>);
    await syncBuiltInIndicators(database.db);
    const progress = createProgress();
    const started = Date.now();
    const count = await recomputeAllProfiles(database.db, { chunkSize: chunkSize ?? recomputeChunkSizeFor(database.kind), evaluationDate: values.date, onProgress: (done, total) => progress.update('derived profiles', done, total) });
    progress.stop();
    const seconds = (Date.now() - started) / 1000;
    console.log(`derived profiles of ${count.toLocaleString('en-US')} enterprises recomputed in ${seconds.toFixed(1)} s (${Math.round(count / Math.max(seconds, 0.001)).toLocaleString('en-US')}/s)`);
  } finally {
    await database.close();
  }
  return 0;
}
