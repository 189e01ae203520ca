import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys, type ImportListParams } from '../../../../api/query-keys.ts';
import type { ImportBatch, ImportError, Page } from '../../../../api/types.ts';

export function isImportFinished(batch: Pick<ImportBatch, 'status'> | undefined): boolean {
  return batch?.status === 'completed' || batch?.status === 'failed';
}

/** Import batches, newest first; refreshed while one of them is still running. */
export function useImports(params: ImportListParams) {
  return useQuery({
    queryKey: queryKeys.imports.list(params),
    queryFn: ({ signal }) => api.get<Page<ImportBatch>>('/api/imports', { ...params }, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((batch) => !isImportFinished(batch)) ? 2000 : false),
  });
}

/** One batch, polled every half second until it completes or fails. */
export function useImport(id: number | null) {
  return useQuery({
    queryKey: queryKeys.imports.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<ImportBatch>(`/api/imports/${id}`, undefined, { signal }),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && isImportFinished(query.state.data) ? false : 500),
    staleTime: 0,
  });
}

/** A page of a batch's rejected rows; follows the batch's error count while it runs. */
export function useImportErrors(id: number | null, page: number, pageSize: number, errorRows: number) {
  return useQuery({
    queryKey: queryKeys.imports.errors(id ?? 0, page, pageSize, errorRows),
    queryFn: ({ signal }) => api.get<Page<ImportError>>(`/api/imports/${id}/errors`, { page, pageSize }, { signal }),
    enabled: id !== null && errorRows > 0,
    placeholderData: keepPreviousData,
  });
}

/** Where the CSV report of a batch downloads from (a plain same-origin GET: the session cookie suffices). */
export function importReportUrl(id: number): string {
  return `/api/imports/${id}/report`;
}
