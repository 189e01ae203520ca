import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys, type AutoGrantListParams } from '../../../../api/query-keys.ts';
import type { AutoGrantBatchResult, AutoGrantDetail, AutoGrantSummary, Page } from '../../../../api/types.ts';

export function useAutoGrants(params: AutoGrantListParams, enabled = true) {
  return useQuery({
    enabled,
    queryKey: queryKeys.autoGrants.list(params),
    queryFn: ({ signal }) => api.get<Page<AutoGrantSummary>>('/api/auto-grants', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** A grant with its counts and one page of its items. */
export function useAutoGrant(id: number, itemStatus: 'included' | 'removed' | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: queryKeys.autoGrants.detail(id, itemStatus, page, pageSize),
    queryFn: ({ signal }) => api.get<AutoGrantDetail>(`/api/auto-grants/${id}`, { itemStatus, page, pageSize }, { signal }),
    enabled: Number.isInteger(id) && id > 0,
    placeholderData: keepPreviousData,
  });
}

/** Proposes a grant list from the stored eligible matches of a 免申即享 policy. */
export function useProposeAutoGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policyId: number) => api.post<AutoGrantDetail>(`/api/policies/${policyId}/auto-grants`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.autoGrants.all }),
  });
}

export type AutoGrantCommand =
  | { action: 'confirm' | 'end-notice' }
  | { action: 'remove'; itemId: number; reason: string }
  | { action: 'prepare-all' }
  | { action: 'approve-all'; paymentRef: string };

/** The steps of a grant: remove items, confirm (公示), end the notice, prepare and approve the payments. */
export function useAutoGrantAction(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (command: AutoGrantCommand): Promise<{ grant: AutoGrantDetail; batch: AutoGrantBatchResult | null }> => {
      switch (command.action) {
        case 'remove':
          return { grant: await api.post<AutoGrantDetail>(`/api/auto-grants/${id}/items/${command.itemId}/remove`, { reason: command.reason }), batch: null };
        case 'prepare-all': {
          const batch = await api.post<AutoGrantBatchResult>(`/api/auto-grants/${id}/prepare-all`);
          return { grant: batch.grant, batch };
        }
        case 'approve-all': {
          const batch = await api.post<AutoGrantBatchResult>(`/api/auto-grants/${id}/approve-all`, { paymentRef: command.paymentRef });
          return { grant: batch.grant, batch };
        }
        default:
          return { grant: await api.post<AutoGrantDetail>(`/api/auto-grants/${id}/${command.action}`), batch: null };
      }
    },
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.autoGrants.all }), queryClient.invalidateQueries({ queryKey: queryKeys.disbursements.all })]),
  });
}
