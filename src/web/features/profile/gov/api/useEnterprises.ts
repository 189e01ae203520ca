import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys, type EnterpriseListParams } from '../../../../api/query-keys.ts';
import type { EnterpriseSummary, Page } from '../../../../api/types.ts';

/** The registry search: name or USCC prefix, town, industry, size class, tag, 四上. */
export function useEnterprises(params: EnterpriseListParams) {
  return useQuery({
    queryKey: queryKeys.enterprises.list(params),
    queryFn: ({ signal }) => api.get<Page<EnterpriseSummary>>('/api/enterprises', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}
