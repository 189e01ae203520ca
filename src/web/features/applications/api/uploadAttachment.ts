import { api, ApiError } from '../../../api/client.ts';
import type { ApplicationFile } from '../../../api/types.ts';

export interface UploadAttachmentInput {
  applicationId: number;
  fieldKey: string;
  file: File;
  /** Upload progress, 0–100. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  if (xhr.status === 0) return new ApiError(0, 'network', 'network error');
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    if (body.error && typeof body.error.code === 'string') {
      return new ApiError(xhr.status, body.error.code, typeof body.error.message === 'string' ? body.error.message : '', Array.isArray(body.error.details) ? body.error.details : []);
    }
  } catch {
    // not the error shape
  }
  return new ApiError(xhr.status, `http_${xhr.status}`, xhr.statusText);
}

/**
 * Attaches a file to an application (multipart, the field key first), through XMLHttpRequest for the
 * upload progress a phone on a county network needs. The CSRF token is fetched fresh; a stale one gets
 * one retry (as the data imports' upload does).
 */
export async function uploadAttachment(input: UploadAttachmentInput, retry = true): Promise<ApplicationFile> {
  const { token } = await api.get<{ token: string }>('/api/auth/csrf');
  const form = new FormData();
  form.append('fieldKey', input.fieldKey);
  form.append('file', input.file, input.file.name);
  try {
    return await new Promise<ApplicationFile>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/applications/${input.applicationId}/files`);
      xhr.setRequestHeader('x-csrf-token', token);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) input.onProgress?.(Math.round((event.loaded / event.total) * 100));
      };
      xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve(JSON.parse(xhr.responseText) as ApplicationFile) : reject(errorOf(xhr)));
      xhr.onerror = () => reject(errorOf(xhr));
      xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
      input.signal?.addEventListener('abort', () => xhr.abort());
      xhr.send(form);
    });
  } catch (error) {
    if (retry && error instanceof ApiError && error.code === 'csrf_invalid') return uploadAttachment(input, false);
    throw error;
  }
}
