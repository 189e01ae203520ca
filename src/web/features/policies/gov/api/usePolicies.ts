import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys, type PolicyListParams } from '../../../../api/query-keys.ts';
import type { CreatePolicyInput, Page, PolicyDetail, PolicyPreview, PolicyReviewComparison, PolicyReviewQueue, PolicySummary, UpdatePolicyInput } from '../../../../api/types.ts';

/** Policies the caller may see: published ones, plus the own department's drafts (department staff). */
export function usePolicies(params: PolicyListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.policies.list(params),
    queryFn: ({ signal }) => api.get<Page<PolicySummary>>('/api/policies', { ...params }, { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** One policy: its current version (the open draft for its department) or `version` by number. */
export function usePolicy(id: number, version?: number) {
  return useQuery({
    queryKey: queryKeys.policies.detail(id, version),
    queryFn: ({ signal }) => api.get<PolicyDetail>(`/api/policies/${id}`, { version }, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useCreatePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePolicyInput) => api.post<PolicyDetail>('/api/policies', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.policies.all }),
  });
}

export function useUpdatePolicy(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdatePolicyInput) => api.patch<PolicyDetail>(`/api/policies/${id}`, input),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.policies.detail(id), detail);
      return queryClient.invalidateQueries({ queryKey: queryKeys.policies.all });
    },
  });
}

/** The life-cycle actions of a policy; `versions` starts a new draft copied from the newest version. */
export type PolicyAction = 'submit' | 'publish' | 'close' | 'versions';

export function usePolicyAction(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: PolicyAction) => api.post<PolicyDetail>(`/api/policies/${id}/${action}`),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.policies.detail(id), detail);
      return queryClient.invalidateQueries({ queryKey: queryKeys.policies.all });
    },
  });
}

/** 待我审核: versions of the own department in review that the caller did not submit. */
export function useReviewQueue(enabled = true) {
  return useQuery({
    queryKey: queryKeys.policies.reviewQueue,
    queryFn: ({ signal }) => api.get<PolicyReviewQueue>('/api/policies/reviews', undefined, { signal }),
    enabled,
  });
}

/** The version under review beside the published one: readable text and county reach. */
export function useReviewComparison(id: number, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.policies.review(id),
    queryFn: ({ signal }) => api.get<PolicyReviewComparison>(`/api/policies/${id}/review`, undefined, { signal }),
    enabled,
  });
}

/** Returns the version in review to its author with a reason. */
export function useReturnPolicy(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.post<PolicyDetail>(`/api/policies/${id}/return`, { reason }),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.policies.detail(id), detail);
      return queryClient.invalidateQueries({ queryKey: queryKeys.policies.all });
    },
  });
}

/** The county figures of a rule not saved as any version yet (the new-policy page): a preview without its version. */
export type DraftReachFigures = Omit<PolicyPreview, 'versionId'>;

/**
 * The county reach of the builder's unsaved rule and benefit (nothing is written); `draft` is already
 * debounced. With a policy: its preview-draft (its parameters unless the draft has its own); before the
 * first save (no id): POST /api/policies/preview-draft.
 */
export function useDraftReach(id: number | undefined, draft: DraftRules | null) {
  return useQuery({
    queryKey: ['policies', id ?? 'new', 'preview-draft', JSON.stringify(draft)],
    queryFn: ({ signal }) => api.post<DraftReachFigures>(id === undefined ? '/api/policies/preview-draft' : `/api/policies/${id}/preview-draft`, draft, { signal }),
    enabled: draft !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
}

/** The editor's unsaved rule, benefit and (when they parse) parameters, as the live routes take them. */
export interface DraftRules {
  rule: unknown;
  benefit: unknown;
  params?: unknown;
}
