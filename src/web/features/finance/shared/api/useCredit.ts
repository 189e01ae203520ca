import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { CreditModel, CreditReport, MyCreditAssessment, TrainModelInput } from '../../../../api/types.ts';

/** The credit API (src/server/modules/credit). */

/** 我的信用: the own enterprise's assessment by the active model. */
export function useMyCredit() {
  return useQuery({
    queryKey: queryKeys.finance.myCredit,
    queryFn: ({ signal }) => api.get<MyCreditAssessment>('/api/me/credit-assessment', undefined, { signal }),
  });
}

/** A lead's credit report for its bank: only what the enterprise's consents in force allow. */
export function useCreditReport(applicationId: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.finance.creditReport(applicationId),
    queryFn: ({ signal }) => api.get<CreditReport>(`/api/finance/applications/${applicationId}/credit-report`, undefined, { signal }),
    enabled: enabled && applicationId > 0,
    retry: false,
  });
}

/** The model registry (金融办): every scorecard version with its report; polls while one trains. */
export function useCreditModels() {
  return useQuery({
    queryKey: queryKeys.finance.models,
    queryFn: ({ signal }) => api.get<CreditModel[]>('/api/finance/credit-models', undefined, { signal }),
    refetchInterval: (query) => (query.state.data?.some((model) => model.trainingState === 'queued' || model.trainingState === 'running') ? 1500 : false),
  });
}

export function useTrainModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TrainModelInput) => api.post<CreditModel>('/api/finance/credit-models/train', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.finance.models }),
  });
}

export function useActivateModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<CreditModel>(`/api/finance/credit-models/${id}/activate`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.finance.all }),
  });
}
