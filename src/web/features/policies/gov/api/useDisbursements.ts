import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys, type DisbursementListParams } from '../../../../api/query-keys.ts';
import type { Disbursement, Page, PrepareDisbursementInput } from '../../../../api/types.ts';

export function useDisbursements(params: DisbursementListParams) {
  return useQuery({
    queryKey: queryKeys.disbursements.list(params),
    queryFn: ({ signal }) => api.get<Page<Disbursement>>('/api/disbursements', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** One disbursement with its maker (to tell the checker apart). */
export function useDisbursement(id: number | null) {
  return useQuery({
    queryKey: [...queryKeys.disbursements.all, 'one', id] as const,
    queryFn: ({ signal }) => api.get<Disbursement>(`/api/disbursements/${id}`, undefined, { signal }),
    enabled: id !== null,
  });
}

function refresh(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.disbursements.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.applications.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.autoGrants.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.policies.all }),
  ]);
}

/** Maker: prepares a payment of the approved amount, typed again in fen. */
export function usePrepareDisbursement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PrepareDisbursementInput) => api.post<Disbursement>('/api/disbursements', input),
    onSuccess: () => refresh(queryClient),
  });
}

/** Checker (another department staff member): approves a prepared payment → paid. */
export function useApproveDisbursement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, paymentRef }: { id: number; paymentRef: string }) => api.post<Disbursement>(`/api/disbursements/${id}/approve`, { paymentRef }),
    onSuccess: () => refresh(queryClient),
  });
}

export function useCancelDisbursement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => api.post<Disbursement>(`/api/disbursements/${id}/cancel`, { reason }),
    onSuccess: () => refresh(queryClient),
  });
}
