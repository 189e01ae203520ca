import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys, type DisputeListParams } from '../../../../api/query-keys.ts';
import type { AdminDispute, Page, ResolveDisputeInput } from '../../../../api/types.ts';

/** Disputes to decide (data admin), by status. */
export function useDisputes(params: DisputeListParams) {
  return useQuery({
    queryKey: queryKeys.disputes.list(params),
    queryFn: ({ signal }) => api.get<Page<AdminDispute>>('/api/disputes', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Accepts (writes the corrected value under the disputed source) or rejects a dispute, once. */
export function useResolveDispute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: ResolveDisputeInput & { id: number }) => api.post<AdminDispute>(`/api/disputes/${id}/resolve`, input),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.disputes.all }), queryClient.invalidateQueries({ queryKey: queryKeys.enterprises.all })]),
  });
}
