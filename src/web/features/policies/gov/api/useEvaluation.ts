import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { PolicyEvaluation, PolicyFunnel, PolicyPreview } from '../../../../api/types.ts';

/** Evaluates the policy for one enterprise (audited by the server), with the explanation tree. */
export function useEvaluatePolicy(policyId: number) {
  return useMutation({
    mutationFn: (enterpriseId: number) => api.post<PolicyEvaluation>(`/api/policies/${policyId}/evaluate`, { enterpriseId }),
  });
}

/** County-wide counts for the current (draft) rule, without publishing; takes a second or two. */
export function usePolicyPreview(policyId: number) {
  return useMutation({
    mutationFn: () => api.post<PolicyPreview>(`/api/policies/${policyId}/preview`),
  });
}

/** The push funnel: pushed → read → opened → applied → granted, and the same by day. */
export function usePolicyFunnel(policyId: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.policies.funnel(policyId),
    queryFn: ({ signal }) => api.get<PolicyFunnel>(`/api/policies/${policyId}/funnel`, undefined, { signal }),
    enabled,
  });
}

/** The audit download of one evaluation (a plain link: the browser saves it with the session cookie). */
export function explanationExportUrl(policyId: number, enterpriseId: number, format: 'json' | 'text'): string {
  return `/api/policies/${policyId}/explanation-export?enterpriseId=${enterpriseId}&format=${format}`;
}
