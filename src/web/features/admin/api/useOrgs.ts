import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryKeys, type OrgListParams } from '../../../api/query-keys.ts';
import type { Org, Page } from '../../../api/types.ts';

export function useOrgs(params: OrgListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.admin.orgs.list(params),
    queryFn: ({ signal }) => api.get<Page<Org>>('/api/admin/orgs', { ...params }, { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
