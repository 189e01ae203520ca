import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryKeys, type AuditListParams } from '../../../api/query-keys.ts';
import type { AuditEntry, Page } from '../../../api/types.ts';

export function fetchAuditPage(params: AuditListParams, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return api.get<Page<AuditEntry>>('/api/audit', { ...params }, { signal });
}

export function useAuditLog(params: AuditListParams) {
  return useQuery({
    queryKey: queryKeys.audit.list(params),
    queryFn: ({ signal }) => fetchAuditPage(params, signal),
    placeholderData: keepPreviousData,
  });
}
