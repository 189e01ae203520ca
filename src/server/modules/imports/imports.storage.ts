import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Import files live in the storage directory (later an S3-compatible bucket), under
 * `imports/<batch id>-<sha256 prefix>.<ext>`; the database keeps the path relative to the storage directory,
 * so the directory can move. A file is received under a temporary name while its hash is computed, then
 * renamed once its batch exists.
 */

export const IMPORTS_DIR = 'imports';

export interface ReceivedFile {
  tempPath: string;
  sha256: string;
  bytes: number;
}

/** Streams bytes into a temporary file in the imports directory, hashing them on the way. */
export async function receiveFile(storageDir: string, source: Readable | AsyncIterable<string | Buffer>): Promise<ReceivedFile> {
  const dir = path.join(storageDir, IMPORTS_DIR);
  await fs.promises.mkdir(dir, { recursive: true });
  const tempPath = path.join(dir, `.upload-${randomUUID()}`);
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      hash.update(buffer);
      bytes += buffer.length;
      callback(null, buffer);
    },
  });
  try {
    await pipeline(source, tap, fs.createWriteStream(tempPath));
  } catch (error) {
    await fs.promises.rm(tempPath, { force: true });
    throw error;
  }
  return { tempPath, sha256: hash.digest('hex'), bytes };
}

/** Gives a received file its final name; returns the path relative to the storage directory. */
export async function placeFile(storageDir: string, file: ReceivedFile, batchId: number, ext: string): Promise<string> {
  const relative = path.posix.join(IMPORTS_DIR, `${batchId}-${file.sha256.slice(0, 12)}.${ext}`);
  await fs.promises.rename(file.tempPath, path.join(storageDir, relative));
  return relative;
}

/** Deletes a received file (a refused or failed upload leaves nothing behind). */
export async function discardFile(file: ReceivedFile | null): Promise<void> {
  if (file) await fs.promises.rm(file.tempPath, { force: true });
}

/** The absolute path of a stored file. Refuses paths that would leave the storage directory. */
export function storedFilePath(storageDir: string, relative: string): string {
  const root = path.resolve(storageDir);
  const absolute = path.resolve(root, relative);
  if (!absolute.startsWith(root + path.sep)) throw new Error(`stored path ${relative} leaves the storage directory`);
  return absolute;
}

/** Where the CLI writes a batch's error report by default: next to the stored file. */
export function defaultReportPath(storageDir: string, relative: string): string {
  return storedFilePath(storageDir, relative).replace(/\.[^./]+$/, '') + '.report.csv';
}

/** Reads the first bytes of a file (to check what it really is, whatever its name says). */
export async function readMagic(filePath: string, length = 8): Promise<Buffer> {
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
