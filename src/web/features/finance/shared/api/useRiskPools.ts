import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { CreateRiskPoolInput, Page, PolicySummary, RiskClaim, RiskClaimInput, RiskClaimStatus, RiskContributionInput, RiskPoolDetail, RiskPoolSummary, RiskRegistration } from '../../../../api/types.ts';

/** The risk-pools API (src/server/modules/risk-pools). */
const BASE = '/api/finance/risk-pools';

export function useRiskPools(enabled = true) {
  return useQuery({
    queryKey: queryKeys.finance.pools,
    queryFn: ({ signal }) => api.get<{ items: RiskPoolSummary[] }>(BASE, undefined, { signal }),
    enabled,
  });
}

export function useRiskPool(id: number, page = 1, pageSize = 20) {
  return useQuery({
    queryKey: [...queryKeys.finance.pool(id), page, pageSize],
    queryFn: ({ signal }) => api.get<RiskPoolDetail>(`${BASE}/${id}`, { page, pageSize }, { signal }),
    enabled: id > 0,
    placeholderData: keepPreviousData,
  });
}

export interface ClaimListParams {
  poolId?: number;
  status?: RiskClaimStatus;
  page: number;
  pageSize: number;
}

export function useRiskClaims(params: ClaimListParams, enabled = true) {
  return useQuery({
    queryKey: queryKeys.finance.claims(params),
    queryFn: ({ signal }) => api.get<Page<RiskClaim>>(`${BASE}/claims`, { ...params }, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRiskRegistrations(params: { poolId?: number; status?: 'active' | 'released' | 'claimed'; page: number; pageSize: number }, enabled = true) {
  return useQuery({
    queryKey: [...queryKeys.finance.claims(params), 'registrations'],
    queryFn: ({ signal }) => api.get<Page<RiskRegistration>>(`${BASE}/registrations`, { ...params }, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useFinanceMutation<I, O>(request: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.finance.all }) });
}

export const useFileClaim = (poolId: number) => useFinanceMutation((input: RiskClaimInput) => api.post<RiskClaim>(`${BASE}/${poolId}/claims`, input));
export const useApproveClaim = () => useFinanceMutation((id: number) => api.post<RiskClaim>(`${BASE}/claims/${id}/approve`));
export const useRejectClaim = () => useFinanceMutation(({ id, reason }: { id: number; reason: string }) => api.post<RiskClaim>(`${BASE}/claims/${id}/reject`, { reason }));
export const usePayClaim = () => useFinanceMutation(({ id, paymentRef }: { id: number; paymentRef: string }) => api.post<RiskClaim>(`${BASE}/claims/${id}/pay`, { paymentRef }));
export const useRegisterLoan = () => useFinanceMutation(({ poolId, loanId }: { poolId: number; loanId: number }) => api.post<RiskRegistration>(`${BASE}/${poolId}/registrations`, { loanId }));
export const useAddContribution = (poolId: number) => useFinanceMutation((input: RiskContributionInput) => api.post<RiskPoolDetail>(`${BASE}/${poolId}/contributions`, input));

/** 金融办 creates a pool with its member banks, covered products, policy and initial capital by source. */
export const useCreateRiskPool = () => useFinanceMutation((input: CreateRiskPoolInput) => api.post<RiskPoolDetail>(BASE, input));

/** The finance office's own policy documents (the one a pool pays under is picked from them). */
export function useOfficePolicies(departmentOrgId: number, enabled = true) {
  return useQuery({
    queryKey: ['finance', 'office-policies', departmentOrgId],
    queryFn: ({ signal }) => api.get<Page<PolicySummary>>('/api/policies', { department: departmentOrgId, page: 1, pageSize: 100 }, { signal }),
    enabled,
  });
}
