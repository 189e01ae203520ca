import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { CreateGoldenCaseInput, GoldenCase, GoldenRun } from '../../../../api/types.ts';
import type { DraftRules } from './usePolicies.ts';

/** The golden cases of the open (else newest) version; the issuing department only. */
export function useGoldenCases(policyId: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.policies.goldenCases(policyId),
    queryFn: ({ signal }) => api.get<GoldenCase[]>(`/api/policies/${policyId}/golden-cases`, undefined, { signal }),
    enabled,
  });
}

export function useCreateGoldenCase(policyId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateGoldenCaseInput) => api.post<GoldenCase>(`/api/policies/${policyId}/golden-cases`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.policies.goldenCases(policyId) }),
  });
}

export function useDeleteGoldenCase(policyId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (caseId: number) => api.delete<void>(`/api/policies/${policyId}/golden-cases/${caseId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.policies.goldenCases(policyId) }),
  });
}

/** Runs every golden case of the version against its current rule: pass/fail with the differences. */
export function useRunGoldenCases(policyId: number) {
  return useMutation({
    mutationFn: () => api.post<GoldenRun>(`/api/policies/${policyId}/golden-cases/run`),
  });
}

/**
 * The golden cases run against the editor's unsaved rule and benefit (POST …/golden-cases/run-draft, nothing
 * written); `draft` is already debounced. Keyed by the case list too, so adding a case reruns them.
 */
export function useDraftGoldenRun(policyId: number, draft: DraftRules | null, caseIds: readonly number[]) {
  return useQuery({
    queryKey: [...queryKeys.policies.goldenCases(policyId), 'run-draft', caseIds.join(','), JSON.stringify(draft)],
    queryFn: ({ signal }) => api.post<GoldenRun>(`/api/policies/${policyId}/golden-cases/run-draft`, draft, { signal }),
    enabled: draft !== null && caseIds.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
}
