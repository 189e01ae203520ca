import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryKeys, type OutboundListParams } from '../../../api/query-keys.ts';
import type { OutboundDelivery, Page } from '../../../api/types.ts';

/** Outbound webhook deliveries of notifications; status=dead is the dead-letter list (administrators). */
export function useDeliveries(params: OutboundListParams) {
  return useQuery({
    queryKey: queryKeys.outbound.list(params),
    queryFn: ({ signal }) => api.get<Page<OutboundDelivery>>('/api/outbound/deliveries', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Sends a dead delivery again with a new round of attempts (audited). */
export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<OutboundDelivery>(`/api/outbound/deliveries/${id}/retry`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.outbound.all }),
  });
}
