import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../api/client.ts';
import { queryKeys } from '../../../api/query-keys.ts';
import type { ImportBatch, ImportKind } from '../../../api/types.ts';

export interface UploadImportInput {
  file: File;
  kind: ImportKind;
  /** Required for indicators; for the registry the server defaults to market_regulation. */
  source?: string;
  /** Upload progress, 0–100. */
  onProgress?: (percent: number) => void;
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
 * multipart/form-data through XMLHttpRequest, which (unlike fetch) reports upload progress: a 20 MB
 * spreadsheet over a county network takes a while. The CSRF token is fetched fresh (it is derived from the
 * session's secret, so any number of tokens are valid at once); a stale one gets one retry.
 */
async function upload(input: UploadImportInput, retry = true): Promise<ImportBatch> {
  const { token } = await api.get<{ token: string }>('/api/auth/csrf');
  const form = new FormData();
  form.append('kind', input.kind);
  if (input.source) form.append('source', input.source);
  form.append('file', input.file, input.file.name);
  try {
    return await new Promise<ImportBatch>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/imports');
      xhr.setRequestHeader('x-csrf-token', token);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) input.onProgress?.(Math.round((event.loaded / event.total) * 100));
      };
      xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve(JSON.parse(xhr.responseText) as ImportBatch) : reject(errorOf(xhr)));
      xhr.onerror = () => reject(errorOf(xhr));
      xhr.send(form);
    });
  } catch (error) {
    if (retry && error instanceof ApiError && error.code === 'csrf_invalid') return upload(input, false);
    throw error;
  }
}

/** Uploads a CSV/XLSX file as an import batch (202: queued; the page then polls it). */
export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UploadImportInput) => upload(input),
    onSuccess: (batch) => {
      queryClient.setQueryData(queryKeys.imports.detail(batch.id), batch);
      return queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}
