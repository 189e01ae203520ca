import fs from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { enqueueProfileRecompute } from '../profiles/index.ts';
import { EnterpriseRowImporter } from './imports.enterprises.ts';
import { IndicatorRowImporter } from './imports.indicators.ts';
import { ImportFileError, IndicatorCatalogue, isHeaderRow, resolveEnterpriseLayout, resolveIndicatorLayout } from './imports.layout.ts';
import { detectCsvEncoding, formatOfPath, isBlankRow, readRows, type ReadOptions, type SourceRow } from './imports.reader.ts';
import * as repo from './imports.repository.ts';
import type { RowImporter } from './imports.rows.ts';
import { importKindOf } from './imports.kinds.ts';
import { storedFilePath } from '../../storage/files.ts';

/**
 * Rows per chunk: each chunk is one short transaction, after which the event loop gets a turn. On PGlite
 * the database runs in this process and holds the one connection for the whole transaction, so a chunk
 * is what a request waits for at worst: 1,000 rows keep GET /api/health around 50 ms during a 100,000-row
 * import and were also the fastest size measured there (bench/profile.bench.ts --part import). PostgreSQL
 * runs beside the app, and bigger chunks save round trips.
 */
export function chunkSizeFor(kind: DatabaseKind): number {
  return kind === 'pglite' ? 1_000 : 5_000;
}

export const DEFAULT_CHUNK_SIZE = 1_000;

/** A title row or two may sit above the header; further down, a missing header is a wrong file. */
const HEADER_SEARCH_ROWS = 20;

/** How often a long import extends its job lease (each extension is a write). */
const HEARTBEAT_MS = 10_000;

export interface ProcessOptions {
  storageDir: string;
  chunkSize?: number;
  /** Keeps the job's lease while the import runs. */
  heartbeat?: () => Promise<void>;
  /** After each chunk: rows processed so far and the total. */
  onProgress?: (processed: number, total: number) => void;
}

export interface ProcessOutcome {
  batchId: number;
  status: 'completed' | 'failed' | 'skipped';
  processedRows: number;
  insertedRows: number;
  updatedRows: number;
  unchangedRows: number;
  errorRows: number;
  /** Enterprises queued for a profile recompute. */
  recomputeEnterprises: number;
  message: string | null;
}

/** Joins the two languages of a batch message: the page shows it as it is. */
export const bilingual = (zh: string, en: string) => `${zh} / ${en}`;

/** Turns a reader failure (bad zip, unclosed quote …) into a file error: retrying would fail the same way. */
async function* guarded(rows: AsyncGenerator<SourceRow>): AsyncGenerator<SourceRow> {
  try {
    while (true) {
      let next: IteratorResult<SourceRow>;
      try {
        next = await rows.next();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ImportFileError(`文件无法读取（${reason}）；请确认是CSV或XLSX文件`, `the file cannot be read (${reason}); is it a CSV or XLSX file?`);
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await rows.return(undefined).catch(() => undefined);
  }
}

/** First pass: where the header is, what it says, and how many data rows follow (for progress). */
async function scanFile(filePath: string, read: ReadOptions): Promise<{ header: SourceRow; total: number }> {
  let header: SourceRow | null = null;
  let total = 0;
  let seen = 0;
  for await (const row of guarded(readRows(filePath, read))) {
    if (header) {
      if (!isBlankRow(row.cells)) total++;
      continue;
    }
    if (isBlankRow(row.cells)) continue;
    if (isHeaderRow(row.cells)) header = row;
    else if (++seen >= HEADER_SEARCH_ROWS) break;
  }
  if (!header) {
    throw new ImportFileError(`找不到表头：前${HEADER_SEARCH_ROWS}行中没有“统一社会信用代码”列`, `no header row: none of the first ${HEADER_SEARCH_ROWS} rows has a USCC (统一社会信用代码) column`);
  }
  return { header, total };
}

async function createImporter(db: Kysely<DB>, batch: repo.BatchRow, header: SourceRow): Promise<RowImporter> {
  const registered = importKindOf(batch.kind);
  if (registered) return registered.createImporter(db, header.cells, { batchId: batch.id, createdBy: batch.created_by, source: batch.source });
  if (batch.kind === 'enterprises') return EnterpriseRowImporter.create(db, batch.id, resolveEnterpriseLayout(header.cells));
  if (batch.kind !== 'indicators') throw new ImportFileError(`不支持的导入类型：${batch.kind}`, `imports of ${batch.kind} are not supported`);
  const catalogue = new IndicatorCatalogue(await repo.findImportIndicators(db));
  const layout = resolveIndicatorLayout(header.cells, catalogue);
  return new IndicatorRowImporter(batch.id, batch.source, layout, catalogue, formatOfPath(batch.storage_path ?? '') === 'jsonl');
}

function auditActor(batch: repo.BatchRow) {
  return { actorUserId: batch.created_by, actorUsername: batch.created_by_username ?? 'cli', actorOrgId: null, requestId: null, ip: null };
}

/**
 * Processes an import batch: streams its stored file in chunks, validates every row, writes the good ones
 * (indicator values with upsertIndicatorValues; registry rows by USCC) and records the bad ones, each
 * chunk in one short transaction that also advances the batch's counts, so the page can poll progress.
 * At the end it queues a profile recompute of the enterprises whose facts changed and completes the batch.
 *
 * Idempotent: an attempt starts by clearing the counts and errors of an interrupted one, and rows an
 * earlier attempt already wrote count as unchanged, so counts describe the last attempt. A completed or
 * failed batch is left alone. A file that cannot be imported (unreadable, unknown columns) fails the batch
 * with a message; other errors (the database) are thrown for the job queue to retry.
 */
export async function processImportBatch(db: Kysely<DB>, batchId: number, options: ProcessOptions): Promise<ProcessOutcome> {
  const batch = await repo.findBatchById(db, batchId);
  const outcome = (status: ProcessOutcome['status'], current: repo.BatchRow | undefined, recomputeEnterprises = 0): ProcessOutcome => ({
    batchId,
    status,
    processedRows: current?.processed_rows ?? 0,
    insertedRows: current?.inserted_rows ?? 0,
    updatedRows: current?.updated_rows ?? 0,
    unchangedRows: current?.unchanged_rows ?? 0,
    errorRows: current?.error_rows ?? 0,
    recomputeEnterprises,
    message: current?.message ?? null,
  });
  if (!batch || batch.status === 'completed' || batch.status === 'failed') return outcome('skipped', batch);

  await db.transaction().execute((trx) => repo.startAttempt(trx, batchId));
  const { started_at: startedAt } = await db.selectFrom('import_batches').where('id', '=', batchId).select('started_at').executeTakeFirstOrThrow();
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  let lastBeat = Date.now();

  try {
    if (!batch.storage_path) throw new ImportFileError('批次没有文件', 'the batch has no file');
    const filePath = storedFilePath(options.storageDir, batch.storage_path);
    if (!fs.existsSync(filePath)) throw new ImportFileError('导入文件已不存在', 'the import file is missing from storage');

    const format = formatOfPath(filePath);
    const read: ReadOptions = { format, encoding: format === 'csv' ? await detectCsvEncoding(filePath) : 'utf-8' };
    const { header, total } = await scanFile(filePath, read);
    await repo.setTotalRows(db, batchId, total);
    const importer = await createImporter(db, batch, header);
    options.onProgress?.(0, total);

    let processed = 0;
    let chunk: SourceRow[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      const counts = await importer.writeChunk(db, chunk);
      processed += counts.processed;
      chunk = [];
      options.onProgress?.(processed, Math.max(total, processed));
      if (options.heartbeat && Date.now() - lastBeat >= HEARTBEAT_MS) {
        await options.heartbeat();
        lastBeat = Date.now();
      }
      // PGlite runs in this process: give waiting requests their turn between chunks.
      await yieldToEventLoop();
    };
    let isPastHeader = false;
    for await (const row of guarded(readRows(filePath, read))) {
      if (!isPastHeader) {
        isPastHeader = row.rowNo === header.rowNo;
        continue;
      }
      if (isBlankRow(row.cells)) continue;
      chunk.push(row);
      if (chunk.length >= chunkSize) await flush();
    }
    await flush();

    const changed = await importer.changedEnterprises(db, startedAt ?? new Date(0));
    await db.transaction().execute(async (trx) => {
      await enqueueProfileRecompute(trx, changed);
      await repo.finishBatch(trx, batchId, { status: 'completed', message: null, totalRows: processed });
      const done = await repo.findBatchById(trx, batchId);
      await recordAudit(trx, {
        ...auditActor(batch),
        action: 'import.complete',
        targetType: 'import_batch',
        targetId: batchId,
        details: {
          kind: batch.kind,
          source: batch.source,
          processedRows: done?.processed_rows,
          insertedRows: done?.inserted_rows,
          updatedRows: done?.updated_rows,
          unchangedRows: done?.unchanged_rows,
          errorRows: done?.error_rows,
          recomputeEnterprises: changed.length,
        },
      });
    });
    return outcome('completed', await repo.findBatchById(db, batchId), changed.length);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    await failBatch(db, batch, bilingual(error.zh, error.en));
    return outcome('failed', await repo.findBatchById(db, batchId));
  }
}

/** Marks a batch failed with a message, and audits it. Used for bad files and for jobs out of attempts. */
export async function failBatch(db: Kysely<DB>, batch: repo.BatchRow, message: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.finishBatch(trx, batch.id, { status: 'failed', message });
    await recordAudit(trx, { ...auditActor(batch), action: 'import.complete', outcome: 'failure', targetType: 'import_batch', targetId: batch.id, details: { kind: batch.kind, source: batch.source, message } });
  });
}
