import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { FinanceKpis, FinanceKpisParams } from '../../../../api/types.ts';

/** The finance KPIs of a range (the last twelve months by default), optionally of one bank or product. */
export function useFinanceKpis(params: FinanceKpisParams) {
  return useQuery({
    queryKey: queryKeys.finance.kpis(params),
    queryFn: ({ signal }) => api.get<FinanceKpis>('/api/finance/kpis', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}
