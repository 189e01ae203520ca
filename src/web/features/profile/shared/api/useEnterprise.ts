import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { EnterpriseDetail } from '../../../../api/types.ts';

/** One enterprise with its derived profile, as far as the caller may see it (403 when not at all). */
export function useEnterprise(id: number | null) {
  return useQuery({
    queryKey: queryKeys.enterprises.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<EnterpriseDetail>(`/api/enterprises/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

/** The signed-in enterprise user's own enterprise (404 when the organisation is linked to none). */
export function useMyEnterprise() {
  return useQuery({
    queryKey: queryKeys.enterprises.mine,
    queryFn: ({ signal }) => api.get<EnterpriseDetail>('/api/me/enterprise', undefined, { signal }),
  });
}
