import type { BatchRow } from './imports.repository.ts';
import type { ImportBatch, ImportError } from './imports.schemas.ts';

/** A batch row (with its creator's username) → the API's ImportBatch. */
export function presentImportBatch(row: BatchRow): ImportBatch {
  return {
    id: row.id,
    kind: row.kind,
    source: row.source,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    status: row.status,
    totalRows: row.total_rows,
    processedRows: row.processed_rows,
    insertedRows: row.inserted_rows,
    updatedRows: row.updated_rows,
    unchangedRows: row.unchanged_rows,
    errorRows: row.error_rows,
    message: row.message,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    createdBy: row.created_by !== null && row.created_by_username !== null ? { id: row.created_by, username: row.created_by_username } : null,
  };
}

/** An import_errors row → the API shape; rows from before reason codes get a generic code. */
export function presentImportError(row: { row_no: number; column_name: string; code: string | null; reason: string; reason_en: string | null; value: string | null }): ImportError {
  return { rowNo: row.row_no, column: row.column_name, code: row.code ?? 'invalid', reason: row.reason, reasonEn: row.reason_en ?? row.reason, value: row.value };
}
