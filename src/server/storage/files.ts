import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Files live in the storage directory (STORAGE_DIR; later an S3-compatible bucket), each module under a
 * folder of its own (imports/, applications/ …). The database keeps a path relative to the storage
 * directory, so the directory can move. An upload is received under a temporary name while its SHA-256 is
 * computed, then placed under its final name once the row it belongs to exists.
 */

export interface ReceivedFile {
  tempPath: string;
  sha256: string;
  bytes: number;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`a file may have at most ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/**
 * Streams bytes into a temporary file under `<storageDir>/<folder>`, hashing them on the way; stops with
 * FileTooLargeError past `maxBytes` (nothing is left behind when it fails).
 */
export async function receiveFile(
  storageDir: string,
  folder: string,
  source: Readable | AsyncIterable<string | Buffer>,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<ReceivedFile> {
  const dir = path.join(storageDir, folder);
  await fs.promises.mkdir(dir, { recursive: true });
  const tempPath = path.join(dir, `.upload-${randomUUID()}`);
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (bytes > maxBytes) {
        callback(new FileTooLargeError(maxBytes));
        return;
      }
      hash.update(buffer);
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

/** Moves a received file to `relative` (a path under the storage directory); returns that path. */
export async function placeFile(storageDir: string, file: ReceivedFile, relative: string): Promise<string> {
  const absolute = storedFilePath(storageDir, relative);
  await fs.promises.mkdir(path.dirname(absolute), { recursive: true });
  await fs.promises.rename(file.tempPath, absolute);
  return relative;
}

/** Deletes a received file that will not be kept (a refused or failed upload leaves nothing behind). */
export async function discardFile(file: ReceivedFile | null): Promise<void> {
  if (file) await fs.promises.rm(file.tempPath, { force: true });
}

/** Deletes a stored file. */
export async function removeStoredFile(storageDir: string, relative: string): Promise<void> {
  await fs.promises.rm(storedFilePath(storageDir, relative), { force: true });
}

/** The absolute path of a stored file. Refuses paths that would leave the storage directory. */
export function storedFilePath(storageDir: string, relative: string): string {
  const root = path.resolve(storageDir);
  const absolute = path.resolve(root, relative);
  if (!absolute.startsWith(root + path.sep)) throw new Error(`stored path ${relative} leaves the storage directory`);
  return absolute;
}

/** Reads the first bytes of a file: what it really is, whatever its name or content type says. */
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
