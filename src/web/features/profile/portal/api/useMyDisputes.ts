import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { Dispute, FileDisputeInput } from '../../../../api/types.ts';

/** The own enterprise's disputes of government facts, newest first. */
export function useMyDisputes(enabled = true) {
  return useQuery({
    queryKey: queryKeys.disputes.mine,
    queryFn: ({ signal }) => api.get<Dispute[]>('/api/me/disputes', undefined, { signal }),
    enabled,
  });
}

/** Disputes a fact a government source reported (409 when one is already open for it). */
export function useFileDispute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FileDisputeInput) => api.post<Dispute>('/api/me/disputes', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.disputes.all }),
  });
}
