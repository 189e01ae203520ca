import { useEffect, useRef } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { ApplicationSummary, EnterpriseDetail, Page, PolicyDetail, PolicyEvaluation, PolicyPush } from '../../../../api/types.ts';

/** A published policy as the enterprise reads it (summary, 解读, Q&A, rule text, form, steps). */
export function usePolicy(policyId: number) {
  return useQuery({
    queryKey: queryKeys.myPolicies.detail(policyId),
    queryFn: ({ signal }) => api.get<PolicyDetail>(`/api/policies/${policyId}`, undefined, { signal }),
    enabled: policyId > 0,
  });
}

/** The signed-in user's enterprise (the same query as 我的画像). */
export function useOwnEnterprise() {
  return useQuery({
    queryKey: queryKeys.enterprises.mine,
    queryFn: ({ signal }) => api.get<EnterpriseDetail>('/api/me/enterprise', undefined, { signal }),
  });
}

/**
 * The policy evaluated for the own enterprise now: outcome, the explanation tree and its lines, the
 * estimated amount with formula and schedule. A read, though it is a POST (it takes the enterprise).
 */
export function usePolicyEvaluation(policyId: number, enterpriseId: number | null) {
  return useQuery({
    queryKey: queryKeys.myPolicies.evaluation(policyId, enterpriseId ?? 0),
    queryFn: ({ signal }) => api.post<PolicyEvaluation>(`/api/policies/${policyId}/evaluate`, { enterpriseId }, { signal }),
    enabled: policyId > 0 && enterpriseId !== null,
  });
}

/** The enterprise's application for this policy, if any (the newest). */
export function useApplicationOfPolicy(policyId: number) {
  const params = { policyId, page: 1, pageSize: 1 };
  return useQuery({
    queryKey: queryKeys.myApplications.list(params),
    queryFn: ({ signal }) => api.get<Page<ApplicationSummary>>('/api/applications', params, { signal }),
    enabled: policyId > 0,
    select: (page) => page.items[0] ?? null,
  });
}

/**
 * Tells the funnel the enterprise opened a policy that was pushed to it, once per page visit (`isPushed`:
 * its match carries a push; other policies have nothing to record and would answer 404).
 */
export function useMarkPushOpened(policyId: number, isPushed: boolean) {
  const mutation = useMutation({
    mutationFn: (id: number) => api.post<PolicyPush>(`/api/me/policy-pushes/${id}/opened`),
  });
  const marked = useRef<number | null>(null);
  const { mutate } = mutation;
  useEffect(() => {
    if (policyId <= 0 || !isPushed || marked.current === policyId) return;
    marked.current = policyId;
    mutate(policyId, { onError: () => undefined });
  }, [policyId, isPushed, mutate]);
}
