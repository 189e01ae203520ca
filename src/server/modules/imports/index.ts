/**
 * The imports module's face: no other module calls it (the command line drives imports directly).
 *
 * Layering (lowest first; a module imports only the faces of modules below it):
 *   indicators → consents → profiles → enterprises → disputes, imports
 * Imports sit on top: they write indicator values through indicators' face and queue the recompute of
 * the enterprises they touched through profiles' face (a job, not in the request: a file may hold the
 * whole county).
 *
 * Tables owned: `import_batches`, `import_errors`. Not yet through the owners' faces: a registry import
 * inserts and updates `enterprises` registry rows set-based in its own SQL (imports.repository.ts), and
 * both kinds read `indicators` and look enterprises up by USCC directly.
 */
// For the command line (`npm run cli -- import …`), which runs an import in its own process.
export { bilingual, chunkSizeFor, failBatch, processImportBatch } from './imports.processor.ts';
export { findBatchById } from './imports.repository.ts';
export { createFileImport, openImportReport } from './imports.service.ts';
export { defaultReportPath, receiveImportFile } from './imports.storage.ts';
// For modules that register an import kind of their own (demands: 12345 hotline work orders).
export { registerImportKind, type ImportKindContext, type ImportKindHandler } from './imports.kinds.ts';
export { cellAt, duplicateOf, enterpriseNotFound, missing, readUscc, RowErrors, type RowImporter } from './imports.rows.ts';
export { headerKey, ImportFileError } from './imports.layout.ts';
export { addChunkCounts, findEnterpriseIdsByUscc, insertImportErrors, type ChunkCounts } from './imports.repository.ts';
export type { SourceRow } from './imports.reader.ts';
export type { CellProblem } from './imports.values.ts';
export { parseBasisPoints, parseBoolean, parseDate, parseMoney, parseMoneyUnit, splitHeaderUnit } from './imports.values.ts';
