import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { IndicatorValueInput, WriteIndicatorValuesResult } from '../../../../api/types.ts';

/**
 * Writes indicator values of one enterprise (the enterprise's own corrections go in as `self_reported`).
 * The server recomputes the derived profile before answering, so both the profile and the values refetch.
 */
export function useReportIndicators(enterpriseId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: IndicatorValueInput[]) => api.post<WriteIndicatorValuesResult>(`/api/enterprises/${enterpriseId}/indicators`, values),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.enterprises.indicators(enterpriseId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.enterprises.detail(enterpriseId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.enterprises.mine }),
      ]),
  });
}
