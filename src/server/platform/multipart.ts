import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Static, TObject } from 'typebox';
import { Value } from 'typebox/value';
import { AppError } from '../errors.ts';
import { hasForbiddenCharacter, maskForbidden } from '../http/validation.ts';
import { discardFile, FileTooLargeError, type ReceivedFile } from '../storage/files.ts';

/** What the multipart parser (busboy) throws on a broken body: a truncated body, a missing or wrong boundary. */
const MALFORMED = new Set(['Unexpected end of multipart data', 'Multipart: Boundary not found', 'Unexpected end of form', 'Malformed part header']);

const fieldError = (field: string, message: string) =>
  new AppError('validation_failed', 'The upload form is invalid', [{ path: `body/${maskForbidden(field).slice(0, 100)}`, message }]);

/** The one file of an upload, received into storage under a temporary name. */
export interface Upload {
  file: ReceivedFile;
  fileName: string;
}

export interface MultipartOptions<S extends TObject> {
  /** The text fields, checked against this schema once the body is read (unknown fields refused). */
  fields: S;
  /** The form field that carries the file. */
  fileField?: string;
  /** The name kept when the client sends none. */
  defaultFileName?: string;
  /**
   * Streams the file into storage. It sees the text fields sent before the file, so it can authorise the
   * upload (or refuse it) before a byte is stored; throwing stops the upload and discards nothing stored.
   */
  receive(part: MultipartFile, fieldsSoFar: Readonly<Record<string, string>>): Promise<ReceivedFile>;
}

/**
 * Reads a multipart/form-data body: text fields and at most one file (further files and files in other
 * fields are drained, never stored). Whatever goes wrong — a refused field, a file over the limit, a broken
 * body — nothing stays in storage, and the client gets 400/413/415 naming the field.
 */
export async function readMultipart<S extends TObject>(request: FastifyRequest, options: MultipartOptions<S>): Promise<{ fields: Static<S>; upload: Upload | null }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
  const fileField = options.fileField ?? 'file';
  const fields: Record<string, string> = {};
  let upload: Upload | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (upload || part.fieldname !== fileField) {
          part.file.resume();
          continue;
        }
        if (part.filename && hasForbiddenCharacter(part.filename)) throw fieldError(fileField, 'the file name must not contain a NUL character or a lone surrogate');
        upload = { file: await options.receive(part, fields), fileName: part.filename || (options.defaultFileName ?? 'upload') };
      } else {
        // A field over the size limit arrives cut short: refused, never stored truncated.
        if (part.fieldnameTruncated || part.valueTruncated) throw fieldError(part.fieldname, 'too long');
        if (hasForbiddenCharacter(part.fieldname) || (typeof part.value === 'string' && hasForbiddenCharacter(part.value))) throw fieldError(part.fieldname, 'must not contain a NUL character or a lone surrogate');
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    await discardFile(upload?.file ?? null);
    if (error instanceof FileTooLargeError) throw new AppError('payload_too_large', error.message);
    if (error instanceof Error && MALFORMED.has(error.message)) throw new AppError('validation_failed', `The multipart body is malformed: ${error.message}`, [{ path: 'body', message: error.message }]);
    throw error;
  }
  if (!Value.Check(options.fields, fields)) {
    await discardFile(upload?.file ?? null);
    const details = [...Value.Errors(options.fields, fields)]
      .filter((issue) => issue.keyword !== 'boolean' && issue.keyword !== 'anyOf')
      .map((issue) => {
        const extra = issue.keyword === 'additionalProperties' ? (issue.params as { additionalProperties?: string[] }).additionalProperties : undefined;
        return { path: `body${issue.instancePath}${extra ? `/${extra.join(',')}` : ''}`, message: issue.message };
      });
    throw new AppError('validation_failed', 'The upload form is invalid', details);
  }
  return { fields: fields as Static<S>, upload };
}
