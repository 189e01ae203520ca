import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Config } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { bilingual, chunkSizeFor, createFileImport, defaultReportPath, failBatch, findBatchById, openImportReport, processImportBatch, receiveImportFile } from '../server/modules/imports/index.ts';
import { syncBuiltInIndicators } from '../server/modules/indicators/index.ts';
import { createProgress } from './progress.ts';

export const IMPORT_HELP = `  import indicators FILE --source SOURCE [--report PATH]
                                         import indicator values from a CSV or XLSX file (long or wide
                                         layout) as from SOURCE (statistics, tax, social_insurance, …)
  import enterprises FILE [--report PATH]
                                         import the enterprise registry (名录) by USCC
                                         Both run in this process, as the server's import job does, and
                                         write the error report next to the stored file (or to PATH);
                                         --chunk-size N rows per transaction (1000 PGlite, 5000 PostgreSQL)`;

const group = (n: number) => n.toLocaleString('en-US');

/**
 * `import indicators|enterprises FILE`: the same import as an upload, run in this process with a progress
 * bar. The file is stored like an upload and its batch is listed on the imports page. Returns the exit
 * code: 0 when the batch completed (even with bad rows, which the report lists), 1 when it failed.
 */
export async function runImportCommand(config: Readonly<Config>, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { source: { type: 'string' }, report: { type: 'string' }, 'chunk-size': { type: 'string' } },
  });
  const [kind, file] = positionals;
  if ((kind !== 'indicators' && kind !== 'enterprises') || !file || positionals.length > 2) {
    throw new Error('usage: import indicators FILE --source SOURCE [--report PATH] | import enterprises FILE [--report PATH]');
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new Error(`no such file: ${file}`);
  const database = await openDatabase({ databaseUrl: config.migrationDatabaseUrl ?? config.databaseUrl, pgliteDir: config.pgliteDir });
  const chunkSize = values['chunk-size'] === undefined ? chunkSizeFor(database.kind) : Number(values['chunk-size']);
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 50_000) {
    await database.close();
    throw new Error('--chunk-size must be an integer from 1 to 50,000');
  }
  let batchId: number | null = null;
  // Ctrl-C: the batch is marked failed rather than left "running" with no job to finish it.
  const onInterrupt = () => {
    const finish = async () => {
      const batch = batchId === null ? undefined : await findBatchById(database.db, batchId);
      if (batch && batch.status === 'running') await failBatch(database.db, batch, bilingual('命令行导入被中断，请重新导入', 'the command-line import was interrupted: import the file again'));
      await database.close();
    };
    void finish().finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    await migrateToLatest(database.db as Kysely<unknown>);
    await syncBuiltInIndicators(database.db);
    const received = await receiveImportFile(config.storageDir, fs.createReadStream(file));
    const batch = await createFileImport(database.db, config.storageDir, 'cli', { kind, source: values.source, upload: { file: received, fileName: path.basename(file) } }, { enqueue: false });
    batchId = batch.id;
    const progress = createProgress();
    progress.update(`reading ${path.basename(file)}`);
    const started = Date.now();
    const outcome = await processImportBatch(database.db, batch.id, { storageDir: config.storageDir, chunkSize, onProgress: (done, total) => progress.update('importing rows', done, total) });
    progress.stop();
    const seconds = (Date.now() - started) / 1000;

    const stored = (await findBatchById(database.db, batch.id))!;
    const reportPath = path.resolve(values.report ?? defaultReportPath(config.storageDir, stored.storage_path!));
    const report = await openImportReport(database.db, 'cli', batch.id);
    await fs.promises.mkdir(path.dirname(reportPath), { recursive: true });
    await pipeline(report.lines, fs.createWriteStream(reportPath));

    if (outcome.status === 'failed') {
      console.error(`batch #${batch.id} failed: ${outcome.message}`);
      console.error(`report: ${reportPath}`);
      return 1;
    }
    const what = kind === 'indicators' ? 'values' : 'enterprises';
    console.log(
      `batch #${batch.id} completed in ${seconds.toFixed(1)} s (${group(Math.round(outcome.processedRows / Math.max(seconds, 0.001)))} rows/s): ` +
        `${group(outcome.processedRows)} rows; ${what} ${group(outcome.insertedRows)} inserted, ${group(outcome.updatedRows)} updated, ` +
        `${group(outcome.unchangedRows)} unchanged; ${group(outcome.errorRows)} rows rejected`,
    );
    if (outcome.recomputeEnterprises > 0) console.log(`${group(outcome.recomputeEnterprises)} enterprise(s) queued for a profile recompute (the server's job worker runs it)`);
    console.log(`error report: ${reportPath}`);
    return 0;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    await database.close();
  }
}
