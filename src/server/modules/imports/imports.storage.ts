import path from 'node:path';
import type { Readable } from 'node:stream';
import { placeFile, receiveFile, storedFilePath, type ReceivedFile } from '../../storage/files.ts';

/** Import files are kept under `imports/<batch id>-<sha256 prefix>.<ext>` in the storage directory. */
export const IMPORTS_DIR = 'imports';

/** Receives an import file (streamed, hashed) into the imports folder. */
export function receiveImportFile(storageDir: string, source: Readable | AsyncIterable<string | Buffer>): Promise<ReceivedFile> {
  return receiveFile(storageDir, IMPORTS_DIR, source);
}

/** Gives a received import file its final name; returns the path relative to the storage directory. */
export function placeImportFile(storageDir: string, file: ReceivedFile, batchId: number, ext: string): Promise<string> {
  return placeFile(storageDir, file, path.posix.join(IMPORTS_DIR, `${batchId}-${file.sha256.slice(0, 12)}.${ext}`));
}

/** Where the CLI writes a batch's error report by default: next to the stored file. */
export function defaultReportPath(storageDir: string, relative: string): string {
  return storedFilePath(storageDir, relative).replace(/\.[^./]+$/, '') + '.report.csv';
}
