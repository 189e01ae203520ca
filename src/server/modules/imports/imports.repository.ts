import { sql } from 'kysely';
import { pinyinSortKey } from '../../../core/text/pinyin-sort.ts';
import type { Executor } from '../../db/database.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';
import type { EnterpriseStatus, EnterpriseType, ImportBatchesTable, ImportStatus } from '../../db/schema.ts';
import type { ImportIndicator } from './imports.layout.ts';

export type ImportKind = ImportBatchesTable['kind'];

const BATCH_COLUMNS = [
  'import_batches.id',
  'import_batches.kind',
  'import_batches.source',
  'import_batches.file_name',
  'import_batches.file_sha256',
  'import_batches.storage_path',
  'import_batches.status',
  'import_batches.total_rows',
  'import_batches.processed_rows',
  'import_batches.inserted_rows',
  'import_batches.updated_rows',
  'import_batches.unchanged_rows',
  'import_batches.error_rows',
  'import_batches.message',
  'import_batches.created_by',
  'import_batches.created_at',
  'import_batches.started_at',
  'import_batches.finished_at',
  'users.username as created_by_username',
] as const;

function batchesQuery(db: Executor) {
  return db.selectFrom('import_batches').leftJoin('users', 'users.id', 'import_batches.created_by');
}

export type BatchRow = NonNullable<Awaited<ReturnType<typeof findBatchById>>>;

/** One batch with the username of its creator. */
export async function findBatchById(db: Executor, id: number) {
  return batchesQuery(db).where('import_batches.id', '=', id).select(BATCH_COLUMNS).executeTakeFirst();
}

/** A page of batches, newest first, and the total. */
export async function findBatches(db: Executor, filter: { kind?: ImportKind; status?: ImportStatus; kinds?: string[] | null }, page: PageRequest) {
  let query = batchesQuery(db);
  if (filter.kind) query = query.where('import_batches.kind', '=', filter.kind);
  if (filter.kinds) query = query.where('import_batches.kind', 'in', filter.kinds.length ? (filter.kinds as ImportKind[]) : ['-' as ImportKind]);
  if (filter.status) query = query.where('import_batches.status', '=', filter.status);
  return findPage(query, (q) => q.select(BATCH_COLUMNS).orderBy('import_batches.created_at', 'desc').orderBy('import_batches.id', 'desc'), page);
}

/** Inserts a queued batch; its file is attached by setBatchFile once stored under the batch id. */
export async function insertBatch(
  db: Executor,
  batch: { kind: ImportKind; source: string; fileName: string | null; totalRows: number | null; createdBy: number | null },
): Promise<number> {
  const row = await db
    .insertInto('import_batches')
    .values({
      kind: batch.kind,
      source: batch.source,
      file_name: batch.fileName,
      file_sha256: null,
      storage_path: null,
      total_rows: batch.totalRows,
      message: null,
      created_by: batch.createdBy,
      started_at: null,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records where the batch's file is stored (relative to the storage directory) and its SHA-256. */
export async function setBatchFile(db: Executor, id: number, file: { sha256: string; storagePath: string }): Promise<void> {
  await db.updateTable('import_batches').set({ file_sha256: file.sha256, storage_path: file.storagePath }).where('id', '=', id).execute();
}

/**
 * Starts (or restarts) processing: counts and errors of an earlier, interrupted attempt are cleared, so
 * the counts always describe one whole attempt. started_at keeps the first attempt's time: changes made
 * since then are this batch's.
 */
export async function startAttempt(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('import_errors').where('batch_id', '=', id).execute();
  await sql`update import_batches set status = 'running', processed_rows = 0, inserted_rows = 0, updated_rows = 0,
      unchanged_rows = 0, error_rows = 0, message = null, finished_at = null, started_at = coalesce(started_at, now())
    where id = ${id}`.execute(db);
}

/** The data rows of the file, known after the first pass (for progress). */
export async function setTotalRows(db: Executor, id: number, totalRows: number): Promise<void> {
  await db.updateTable('import_batches').set({ total_rows: totalRows }).where('id', '=', id).execute();
}

export interface ChunkCounts {
  processed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: number;
}

/** Adds a chunk's counts, in the chunk's transaction, so the counts always match what is written. */
export async function addChunkCounts(db: Executor, id: number, counts: ChunkCounts): Promise<void> {
  await sql`update import_batches set processed_rows = processed_rows + ${counts.processed},
      inserted_rows = inserted_rows + ${counts.inserted}, updated_rows = updated_rows + ${counts.updated},
      unchanged_rows = unchanged_rows + ${counts.unchanged}, error_rows = error_rows + ${counts.errors}
    where id = ${id}`.execute(db);
}

/** A note on a batch still running (e.g. an attempt that will be retried). */
export async function setBatchMessage(db: Executor, id: number, message: string | null): Promise<void> {
  await db.updateTable('import_batches').set({ message }).where('id', '=', id).execute();
}

/** Ends a batch: completed (with the final row total) or failed with its message. */
export async function finishBatch(db: Executor, id: number, outcome: { status: 'completed' | 'failed'; message: string | null; totalRows?: number }): Promise<void> {
  await db
    .updateTable('import_batches')
    .set({ status: outcome.status, message: outcome.message, finished_at: new Date(), ...(outcome.totalRows !== undefined && { total_rows: outcome.totalRows }) })
    .where('id', '=', id)
    .execute();
}

export interface ImportErrorRow {
  rowNo: number;
  column: string;
  code: string;
  reasonZh: string;
  reasonEn: string;
  value: string | null;
}

/** Stores a chunk's bad rows; one statement whatever the count (arrays, not one parameter per value). */
export async function insertImportErrors(db: Executor, batchId: number, errors: readonly ImportErrorRow[]): Promise<void> {
  if (errors.length === 0) return;
  await sql`insert into import_errors (batch_id, row_no, column_name, code, reason, reason_en, value)
    select ${batchId}, * from unnest(${errors.map((e) => e.rowNo)}::int[], ${errors.map((e) => e.column)}::text[],
      ${errors.map((e) => e.code)}::text[], ${errors.map((e) => e.reasonZh)}::text[], ${errors.map((e) => e.reasonEn)}::text[],
      ${errors.map((e) => e.value)}::text[])
    on conflict do nothing`.execute(db);
}

/** A page of a batch's errors by row then column, and the total. */
export async function findImportErrors(db: Executor, batchId: number, page: PageRequest) {
  const query = db.selectFrom('import_errors').where('batch_id', '=', batchId);
  return findPage(query, (q) => q.select(['row_no', 'column_name', 'code', 'reason', 'reason_en', 'value']).orderBy('row_no').orderBy('column_name'), page);
}

/** Errors after a (row, column) position, in order: keyset pages for streaming a report of any size. */
export async function findImportErrorsAfter(db: Executor, batchId: number, after: { rowNo: number; column: string } | null, limit: number) {
  let query = db.selectFrom('import_errors').where('batch_id', '=', batchId);
  if (after) query = query.where((eb) => eb.or([eb('row_no', '>', after.rowNo), eb.and([eb('row_no', '=', after.rowNo), eb('column_name', '>', after.column)])]));
  return query.select(['row_no', 'column_name', 'code', 'reason', 'reason_en', 'value']).orderBy('row_no').orderBy('column_name').limit(limit).execute();
}

/** The indicator registry as stored (built-in and added), as the importer reads it. */
export async function findImportIndicators(db: Executor): Promise<ImportIndicator[]> {
  const rows = await db.selectFrom('indicators').select(['code', 'name_zh', 'name_en', 'unit', 'periodicity', 'sources', 'grades']).orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, unit: r.unit, periodicity: r.periodicity, sources: r.sources, grades: r.grades }));
}

/** The towns of the region, to read a town cell by code or name. */
export async function findTowns(db: Executor) {
  return db.selectFrom('towns').select(['code', 'name']).execute();
}

/** Enterprise ids of the given USCCs (those in the registry). */
export async function findEnterpriseIdsByUscc(db: Executor, usccs: readonly string[]): Promise<Map<string, number>> {
  if (usccs.length === 0) return new Map();
  const rows = await sql<{ id: number; uscc: string }>`select id, uscc from enterprises where uscc = any(${[...usccs]}::text[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.uscc, r.id]));
}

/** What a registry row is checked against for a firm already in the registry (closure date vs status and registration). */
export interface EnterpriseRegistryState {
  id: number;
  status: EnterpriseStatus;
  registeredOn: string | null;
  closedOn: string | null;
}

/** The registry state of the given USCCs (those in the registry), by USCC. */
export async function findEnterpriseRegistryStates(db: Executor, usccs: readonly string[]): Promise<Map<string, EnterpriseRegistryState>> {
  if (usccs.length === 0) return new Map();
  const rows = await sql<{ id: number; uscc: string; status: EnterpriseStatus; registered_on: string | null; closed_on: string | null }>`
    select id, uscc, status, registered_on::text as registered_on, closed_on::text as closed_on
    from enterprises where uscc = any(${[...usccs]}::text[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.uscc, { id: r.id, status: r.status, registeredOn: r.registered_on, closedOn: r.closed_on }]));
}

/**
 * Of the given enterprises, those with an indicator value last written by this batch: the ones whose facts
 * this import changed, in this attempt or an interrupted earlier one.
 */
export async function findEnterprisesWrittenByBatch(db: Executor, batchId: number, enterpriseIds: readonly number[]): Promise<number[]> {
  if (enterpriseIds.length === 0) return [];
  const rows = await sql<{ enterprise_id: number }>`select distinct enterprise_id from indicator_values
    where enterprise_id = any(${[...enterpriseIds]}::int[]) and batch_id = ${batchId}`.execute(db);
  return rows.rows.map((r) => r.enterprise_id);
}

/** Of the given enterprises, those created or changed since a time (this batch's first attempt). */
export async function findEnterprisesChangedSince(db: Executor, enterpriseIds: readonly number[], since: Date): Promise<number[]> {
  if (enterpriseIds.length === 0) return [];
  const rows = await sql<{ id: number }>`select id from enterprises where id = any(${[...enterpriseIds]}::int[]) and updated_at >= ${since}`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** A registry row from an enterprises import. null fields are "not given": an existing value is kept. */
export interface EnterpriseImportRow {
  uscc: string;
  name: string;
  type: EnterpriseType | null;
  legalRepresentative: string | null;
  registeredOn: string | null;
  registeredCapitalFen: number | null;
  townCode: string | null;
  address: string | null;
  industryCode: string | null;
  industrySection: string | null;
  industryDivision: string | null;
  status: EnterpriseStatus | null;
  /** 注销/吊销/迁出日期, checked by the importer against the status and registration date the row leaves. */
  closedOn: string | null;
}

function columns(rows: readonly EnterpriseImportRow[]) {
  return {
    uscc: rows.map((r) => r.uscc),
    name: rows.map((r) => r.name),
    nameSort: rows.map((r) => pinyinSortKey(r.name)),
    type: rows.map((r) => r.type),
    legal: rows.map((r) => r.legalRepresentative),
    registeredOn: rows.map((r) => r.registeredOn),
    capital: rows.map((r) => r.registeredCapitalFen),
    town: rows.map((r) => r.townCode),
    address: rows.map((r) => r.address),
    industry: rows.map((r) => r.industryCode),
    section: rows.map((r) => r.industrySection),
    division: rows.map((r) => r.industryDivision),
    status: rows.map((r) => r.status),
    closedOn: rows.map((r) => r.closedOn),
  };
}

/** Inserts enterprises not yet in the registry (their type is known: the caller checked). */
export async function insertEnterprises(db: Executor, rows: readonly EnterpriseImportRow[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const c = columns(rows);
  const result = await sql<{ id: number; uscc: string }>`
    insert into enterprises (uscc, name, name_sort, type, legal_representative, registered_on, registered_capital_fen, town_code, address,
      industry_code, industry_section, industry_division, status, closed_on)
    select v.uscc, v.name, v.name_sort, v.type, v.legal, v.registered_on, v.capital, v.town, v.address, v.industry, v.section, v.division,
      coalesce(v.status, 'operating'), v.closed_on
    from unnest(${c.uscc}::text[], ${c.name}::text[], ${c.nameSort}::text[], ${c.type}::text[], ${c.legal}::text[], ${c.registeredOn}::date[], ${c.capital}::int8[],
      ${c.town}::text[], ${c.address}::text[], ${c.industry}::text[], ${c.section}::text[], ${c.division}::text[], ${c.status}::text[], ${c.closedOn}::date[])
      as v(uscc, name, name_sort, type, legal, registered_on, capital, town, address, industry, section, division, status, closed_on)
    returning id, uscc`.execute(db);
  return new Map(result.rows.map((r) => [r.uscc, r.id]));
}

/**
 * Updates enterprises already in the registry with the values a file gives; an empty cell keeps what is
 * stored. The closure date follows the status: kept (or replaced by the file's) while the firm is closed,
 * cleared when the file says it operates or is suspended. A row that changes nothing is not touched (no new updated_at), so it counts as unchanged.
 * Returns the ids of the rows that changed.
 */
export async function updateEnterprises(db: Executor, rows: readonly EnterpriseImportRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const c = columns(rows);
  const result = await sql<{ id: number }>`
    with v as (
      select * from unnest(${c.uscc}::text[], ${c.name}::text[], ${c.nameSort}::text[], ${c.type}::text[], ${c.legal}::text[], ${c.registeredOn}::date[], ${c.capital}::int8[],
        ${c.town}::text[], ${c.address}::text[], ${c.industry}::text[], ${c.section}::text[], ${c.division}::text[], ${c.status}::text[], ${c.closedOn}::date[])
        as v(uscc, name, name_sort, type, legal, registered_on, capital, town, address, industry, section, division, status, closed_on)
    ), merged as (
      select e.id, v.name, v.name_sort, coalesce(v.type, e.type) as type, coalesce(v.legal, e.legal_representative) as legal,
        coalesce(v.registered_on, e.registered_on) as registered_on, coalesce(v.capital, e.registered_capital_fen) as capital,
        coalesce(v.town, e.town_code) as town, coalesce(v.address, e.address) as address,
        coalesce(v.industry, e.industry_code) as industry,
        case when v.industry is null then e.industry_section else v.section end as section,
        case when v.industry is null then e.industry_division else v.division end as division,
        coalesce(v.status, e.status) as status,
        case when coalesce(v.status, e.status) in ('cancelled', 'revoked', 'moved_out')
          then coalesce(v.closed_on, case when e.status in ('cancelled', 'revoked', 'moved_out') then e.closed_on end) end as closed_on
      from v join enterprises e on e.uscc = v.uscc
    )
    update enterprises e set name = m.name, name_sort = m.name_sort, type = m.type, legal_representative = m.legal, registered_on = m.registered_on,
      registered_capital_fen = m.capital, town_code = m.town, address = m.address, industry_code = m.industry,
      industry_section = m.section, industry_division = m.division, status = m.status, closed_on = m.closed_on, updated_at = now()
    from merged m
    where e.id = m.id
      and (e.name, e.type, e.legal_representative, e.registered_on, e.registered_capital_fen, e.town_code, e.address,
           e.industry_code, e.industry_section, e.industry_division, e.status, e.closed_on)
        is distinct from (m.name, m.type, m.legal, m.registered_on, m.capital, m.town, m.address,
           m.industry, m.section, m.division, m.status, m.closed_on)
    returning e.id`.execute(db);
  return result.rows.map((r) => r.id);
}
