import { useMutation } from '@tanstack/react-query';
import type { AuditListParams } from '../../../api/query-keys.ts';
import type { AuditEntry } from '../../../api/types.ts';
import { fetchAuditPage } from './useAuditLog.ts';

/** The API's largest page, and how many rows one export may hold (20 requests). */
export const EXPORT_PAGE_SIZE = 500;
export const EXPORT_MAX_ROWS = 10_000;

export interface AuditExportInput {
  filter: Omit<AuditListParams, 'page' | 'pageSize'>;
  onProgress?: (done: number, total: number) => void;
}

export interface AuditExportResult {
  entries: AuditEntry[];
  total: number;
  isTruncated: boolean;
}

/** Fetches every entry matching the filter, 500 at a time, up to EXPORT_MAX_ROWS. */
export function useAuditExport() {
  return useMutation({
    mutationFn: async ({ filter, onProgress }: AuditExportInput): Promise<AuditExportResult> => {
      const entries: AuditEntry[] = [];
      let total: number;
      for (let page = 1; ; page += 1) {
        const result = await fetchAuditPage({ ...filter, page, pageSize: EXPORT_PAGE_SIZE });
        total = result.total;
        entries.push(...result.items);
        onProgress?.(Math.min(entries.length, total), Math.min(total, EXPORT_MAX_ROWS));
        if (result.items.length < EXPORT_PAGE_SIZE || entries.length >= total || entries.length >= EXPORT_MAX_ROWS) break;
      }
      return { entries: entries.slice(0, EXPORT_MAX_ROWS), total, isTruncated: total > EXPORT_MAX_ROWS };
    },
  });
}
