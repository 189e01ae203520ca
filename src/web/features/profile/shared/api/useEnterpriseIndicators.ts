import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { IndicatorValue } from '../../../../api/types.ts';

/** Every indicator value of an enterprise the caller may see (granted categories only), every source. */
export function useEnterpriseIndicators(id: number | null) {
  return useQuery({
    queryKey: queryKeys.enterprises.indicators(id ?? 0),
    queryFn: ({ signal }) => api.get<{ items: IndicatorValue[] }>(`/api/enterprises/${id}/indicators`, undefined, { signal }).then((body) => body.items),
    enabled: id !== null,
  });
}
