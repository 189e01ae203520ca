/**
 * Attachments of applications (申报材料): stored as real files in the storage directory under
 * `applications/<application id>/<sha256 prefix>-<random>.<ext>`, the database keeping the path relative to
 * the directory, the SHA-256 and the size. The type is decided from the file's first bytes, never from
 * the name or the browser's content type: a renamed executable is not a PDF.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { placeFile, readMagic, receiveFile, storedFilePath, type ReceivedFile } from '../../storage/files.ts';

export const APPLICATIONS_DIR = 'applications';
/** At most this many bytes per attachment (and never more than the server's upload limit). */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
/** At most this many attachments per application. */
export const ATTACHMENTS_PER_APPLICATION = 30;

/** What an attachment may be: PDF, images, and Office documents (OOXML). */
export interface AttachmentType {
  ext: 'pdf' | 'png' | 'jpg' | 'docx' | 'xlsx';
  contentType: string;
}

const OOXML: Record<string, AttachmentType> = {
  docx: { ext: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { ext: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
};

/** Receives an attachment (streamed, hashed) into the applications folder; FileTooLargeError past `maxBytes`. */
export function receiveAttachment(storageDir: string, source: Readable, maxBytes: number): Promise<ReceivedFile> {
  return receiveFile(storageDir, APPLICATIONS_DIR, source, maxBytes);
}

/** The type of a received file from its first bytes (and, for Office files, its name); null when not allowed. */
export async function attachmentType(file: ReceivedFile, fileName: string): Promise<AttachmentType | null> {
  const magic = await readMagic(file.tempPath, 8);
  if (magic.subarray(0, 5).toString('latin1') === '%PDF-') return { ext: 'pdf', contentType: 'application/pdf' };
  if (magic.length >= 8 && magic.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { ext: 'png', contentType: 'image/png' };
  if (magic[0] === 0xff && magic[1] === 0xd8 && magic[2] === 0xff) return { ext: 'jpg', contentType: 'image/jpeg' };
  const isZip = magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04;
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (isZip && OOXML[ext]) return OOXML[ext];
  return null;
}

/**
 * Moves a received file to its final place before its row is written (the row's path is unique and
 * required); returns the path relative to the storage directory. If the row then fails, removeStoredFile.
 */
export function placeAttachment(storageDir: string, file: ReceivedFile, applicationId: number, ext: string): Promise<string> {
  return placeFile(storageDir, file, path.posix.join(APPLICATIONS_DIR, String(applicationId), `${file.sha256.slice(0, 12)}-${randomUUID().slice(0, 8)}.${ext}`));
}

/** Opens a stored attachment for download. */
export function openAttachment(storageDir: string, relative: string): fs.ReadStream {
  return fs.createReadStream(storedFilePath(storageDir, relative));
}

/** A file name safe for storage and headers: no path, no control characters, at most 255 characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (base || 'attachment').slice(0, 255);
}
