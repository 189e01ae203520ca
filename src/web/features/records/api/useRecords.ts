import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryKeys } from '../../../api/query-keys.ts';
import type { EnterpriseRecords, RecordType } from '../../../api/types.ts';

/** Record types (employees, patents, loans …): a data admin's rare edit, not something that moves on a page. */
export function useRecordTypes() {
  return useQuery({
    queryKey: queryKeys.reference.recordTypes,
    queryFn: ({ signal }) => api.get<RecordType[]>('/api/record-types', undefined, { signal }),
    staleTime: 10 * 60_000,
  });
}

/** An enterprise's records by type (the types the caller may see). */
export function useEnterpriseRecords(enterpriseId: number) {
  return useQuery({
    queryKey: queryKeys.enterprises.records(enterpriseId),
    queryFn: ({ signal }) => api.get<EnterpriseRecords>(`/api/enterprises/${enterpriseId}/records`, undefined, { signal }),
  });
}
