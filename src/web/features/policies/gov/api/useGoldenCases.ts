import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { CreateGoldenCaseInput, GoldenCase, GoldenRun } from '../../../../api/types.ts';

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
