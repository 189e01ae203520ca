import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { ImportBatch, ImportKind } from '../../../../api/types.ts';

export interface UploadImportInput {
  file: File;
  kind: ImportKind;
  /** Required for indicators; for the registry the server defaults to market_regulation. */
  source?: string;
  /** Upload progress, 0–100. */
  onProgress?: (percent: number) => void;
}

/** The form fields first, the file last: the server reads kind and source before it streams the file. */
function upload(input: UploadImportInput): Promise<ImportBatch> {
  const form = new FormData();
  form.append('kind', input.kind);
  if (input.source) form.append('source', input.source);
  form.append('file', input.file, input.file.name);
  return api.upload<ImportBatch>('/api/imports', form, { onProgress: input.onProgress });
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
