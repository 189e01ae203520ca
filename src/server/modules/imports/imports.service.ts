import type { Kysely } from 'kysely';
import type { DB, ImportStatus } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { auditContextOfActor, type Actor, type AuditContext } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { IMPORT_JOB } from './imports.job.ts';
import { importKindOf } from './imports.kinds.ts';
import { assertCanImport, visibleKinds } from './imports.policy.ts';
import { presentImportBatch, presentImportError } from './imports.presenter.ts';
import { JSON_PUSH_FIELDS } from './imports.reader.ts';
import { importReportLines } from './imports.report.ts';
import * as repo from './imports.repository.ts';
import { IMPORT_KINDS, IMPORT_SOURCES, type ImportBatch, type JsonImportInput } from './imports.schemas.ts';
import { discardFile, readMagic, storedFilePath, type ReceivedFile } from '../../storage/files.ts';
import { placeImportFile, receiveImportFile } from './imports.storage.ts';

/**
 * Who asks for an import: a signed-in user over HTTP, or the command line (an operator on the server,
 * trusted like any process holding the database credentials).
 */
export type ImportRequester = Actor | 'cli';

const CLI_AUDIT: AuditContext = { actorUserId: null, actorUsername: 'cli', actorOrgId: null, requestId: null, ip: null };

function authorise(requester: ImportRequester, kind?: string): AuditContext {
  if (requester === 'cli') return CLI_AUDIT;
  assertCanImport(requester, kind);
  return auditContextOfActor(requester);
}

/** The registry's own authority is the default source of an enterprises import. */
const DEFAULT_ENTERPRISE_SOURCE = 'market_regulation';

export interface FileImportInput {
  kind?: string;
  source?: string;
  /** The received file and the name the user gave it; null when the request carried no file. */
  upload: { file: ReceivedFile; fileName: string } | null;
}

/** What a file is, from its name and its first bytes: XLSX is a zip, anything else named .csv/.txt is text. */
async function fileFormat(upload: { file: ReceivedFile; fileName: string }): Promise<{ ext: 'csv' | 'xlsx' } | { problem: string }> {
  const name = upload.fileName.toLowerCase();
  const magic = await readMagic(upload.file.tempPath, 4);
  const isZip = magic.length === 4 && magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04;
  if (name.endsWith('.xls') || (magic.length === 4 && magic.readUInt32BE(0) === 0xd0cf11e0)) {
    return { problem: 'old Excel files (.xls) are not supported: save as .xlsx or .csv (旧版Excel文件请另存为.xlsx或.csv)' };
  }
  if (name.endsWith('.xlsx')) return isZip ? { ext: 'xlsx' } : { problem: 'the file is named .xlsx but is not an Excel workbook' };
  if (name.endsWith('.csv') || name.endsWith('.txt')) return isZip ? { problem: 'the file is named .csv but is a zip/Excel file' } : { ext: 'csv' };
  if (isZip) return { ext: 'xlsx' };
  return { problem: 'the file must be a .csv or .xlsx file' };
}

/**
 * Creates an import batch from a received file (CSV or XLSX), stores the file as
 * imports/<batch id>-<sha256 prefix>.<ext>, and queues its processing: all in one transaction with the
 * audit entry. `enqueue: false` (the command line) leaves processing to the caller.
 */
export async function createFileImport(
  db: Kysely<DB>,
  storageDir: string,
  requester: ImportRequester,
  input: FileImportInput,
  options: { enqueue?: boolean } = {},
): Promise<ImportBatch> {
  let audit: AuditContext;
  try {
    audit = authorise(requester);
  } catch (error) {
    await discardFile(input.upload?.file ?? null);
    throw error;
  }
  const details: { path: string; message: string }[] = [];
  const kind = input.kind as (typeof IMPORT_KINDS)[number] | repo.ImportKind;
  const registered = importKindOf(input.kind);
  if (!IMPORT_KINDS.includes(kind as (typeof IMPORT_KINDS)[number]) && !registered) details.push({ path: 'body/kind', message: `must be one of ${[...IMPORT_KINDS, 'demands_12345', 'cadre_links', 'records'].join(', ')}` });
  let source = input.source?.trim() || undefined;
  if (registered?.checkSource) {
    const problem = await registered.checkSource(db, source);
    if (problem) details.push({ path: 'body/source', message: problem });
  } else if (registered) source = registered.defaultSource;
  if (kind === 'enterprises') source ??= DEFAULT_ENTERPRISE_SOURCE;
  if (!source) {
    if (!registered?.checkSource) details.push({ path: 'body/source', message: 'required for an indicators import' });
  }
  else if (!registered && !(IMPORT_SOURCES as readonly string[]).includes(source)) details.push({ path: 'body/source', message: `must be one of ${IMPORT_SOURCES.join(', ')}` });
  // The kind decides who may import it (a registered kind: its own roles; the rest: data administrators).
  if (requester !== 'cli' && (registered || IMPORT_KINDS.includes(kind as (typeof IMPORT_KINDS)[number]))) {
    try {
      assertCanImport(requester, kind);
    } catch (error) {
      await discardFile(input.upload?.file ?? null);
      throw error;
    }
  }
  let ext: 'csv' | 'xlsx' | null = null;
  if (!input.upload) details.push({ path: 'body/file', message: 'a CSV or XLSX file is required' });
  else if (input.upload.file.bytes === 0) details.push({ path: 'body/file', message: 'the file is empty' });
  else {
    const format = await fileFormat(input.upload);
    if ('problem' in format) details.push({ path: 'body/file', message: format.problem });
    else ext = format.ext;
  }
  if (details.length > 0 || !input.upload || !ext || !source) {
    await discardFile(input.upload?.file ?? null);
    throw new AppError('validation_failed', 'The import request is invalid', details);
  }
  const { file, fileName } = input.upload;
  const id = await storeBatch(db, storageDir, file, ext, { kind, source, fileName: fileName.slice(0, 255), totalRows: null, createdBy: audit.actorUserId }, audit, {
    bytes: file.bytes,
    enqueue: options.enqueue ?? true,
  });
  return getBatch(db, id);
}

async function storeBatch(
  db: Kysely<DB>,
  storageDir: string,
  file: ReceivedFile,
  ext: string,
  batch: Parameters<typeof repo.insertBatch>[1],
  audit: AuditContext,
  options: { bytes: number; enqueue: boolean },
): Promise<number> {
  const stored: { path: string | null } = { path: null };
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await repo.insertBatch(trx, batch);
      stored.path = await placeImportFile(storageDir, file, id, ext);
      await repo.setBatchFile(trx, id, { sha256: file.sha256, storagePath: stored.path });
      if (options.enqueue) await enqueueJob(trx, IMPORT_JOB, { batchId: id }, { dedupeKey: `import-batch-${id}` });
      await recordAudit(trx, {
        ...audit,
        action: 'import.create',
        targetType: 'import_batch',
        targetId: id,
        details: { kind: batch.kind, source: batch.source, fileName: batch.fileName, sha256: file.sha256, bytes: options.bytes, rows: batch.totalRows },
      });
      return id;
    });
  } catch (error) {
    // The batch row is gone with the rollback; its file must go too.
    await discardFile(file);
    if (stored.path) await discardFile({ ...file, tempPath: storedFilePath(storageDir, stored.path) });
    throw error;
  }
}

/**
 * A system-to-system push of indicator values (≤ 50,000 rows, values in stored units: fen, basis points).
 * The rows are stored as a JSON-lines file and processed like an uploaded file, by the same job.
 */
export async function createJsonImport(db: Kysely<DB>, storageDir: string, requester: ImportRequester, input: JsonImportInput): Promise<ImportBatch> {
  const audit = authorise(requester, input.kind);
  async function* lines() {
    for (const row of input.rows) yield `${JSON.stringify(Object.fromEntries(JSON_PUSH_FIELDS.map((field) => [field, row[field]])))}\n`;
  }
  const file = await receiveImportFile(storageDir, lines());
  const id = await storeBatch(db, storageDir, file, 'jsonl', { kind: input.kind, source: input.source, fileName: null, totalRows: input.rows.length, createdBy: audit.actorUserId }, audit, {
    bytes: file.bytes,
    enqueue: true,
  });
  return getBatch(db, id);
}

async function getBatch(db: Kysely<DB>, id: number): Promise<ImportBatch> {
  const row = await repo.findBatchById(db, id);
  if (!row) throw notFound('Import batch');
  return presentImportBatch(row);
}

/** Import batches, newest first. */
export async function listImports(db: Kysely<DB>, actor: Actor, filter: { kind?: repo.ImportKind; status?: ImportStatus }, page: PageRequest) {
  assertCanImport(actor);
  const { rows, total } = await repo.findBatches(db, { ...filter, kinds: visibleKinds(actor) }, page);
  return { items: rows.map(presentImportBatch), total, ...page };
}

/** One batch with its progress counts (the page polls this while the job runs). */
export async function getImport(db: Kysely<DB>, actor: Actor, id: number): Promise<ImportBatch> {
  assertCanImport(actor);
  const batch = await getBatch(db, id);
  assertCanImport(actor, batch.kind);
  return batch;
}

/** The bad rows of a batch, by row number then column. */
export async function listImportErrors(db: Kysely<DB>, actor: Actor, id: number, page: PageRequest) {
  assertCanImport(actor);
  assertCanImport(actor, (await getBatch(db, id)).kind);
  const { rows, total } = await repo.findImportErrors(db, id, page);
  return { items: rows.map(presentImportError), total, ...page };
}

/**
 * The CSV report of a batch (summary, then one line per bad cell), as a stream of text. The download is
 * audited: the report quotes the file, USCCs included.
 */
export async function openImportReport(db: Kysely<DB>, requester: ImportRequester, id: number): Promise<{ fileName: string; lines: AsyncGenerator<string> }> {
  const audit = authorise(requester);
  const batch = await repo.findBatchById(db, id);
  if (!batch) throw notFound('Import batch');
  if (requester !== 'cli') assertCanImport(requester, batch.kind);
  await recordAudit(db, { ...audit, action: 'import.report', targetType: 'import_batch', targetId: id });
  return { fileName: `import-${id}-report.csv`, lines: importReportLines(db, batch) };
}
