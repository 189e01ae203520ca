import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { WriteIndicatorValuesResult } from '../../../../api/types.ts';

/** One value to write: an integer in the indicator's unit (fen for money) or a grade's text. */
export interface IndicatorValueInput {
  code: string;
  period: string;
  value: number | string;
  source: string;
  asOf: string;
}

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
