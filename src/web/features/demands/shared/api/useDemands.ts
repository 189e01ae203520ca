import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys, type DemandListParams, type ServiceListParams } from '../../../../api/query-keys.ts';
import type {
  AssignDemandInput,
  CategorySuggestionList,
  CreateDemandInput,
  CreateRoutingRuleInput,
  CreateServiceInput,
  DemandCategory,
  DemandCounts,
  DemandDetail,
  DemandDuplicateList,
  DemandHandler,
  DemandOverdueBoard,
  DemandSummaryItem,
  Page,
  RouterModelItem,
  RoutingRule,
  ServiceItem,
  UpdateRoutingRuleInput,
  UpdateServiceInput,
} from '../../../../api/types.ts';
import { useDebouncedValue } from '../../../../lib/useDebouncedValue.ts';

/** Demands in the actor's scope (enterprise: own; handler: its org's orders; dispatcher: all). */
export function useDemands(params: DemandListParams, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: queryKeys.demands.list(params),
    queryFn: ({ signal }) => api.get<Page<DemandSummaryItem>>('/api/demands', { ...params }, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval,
  });
}

/** The 抢单 offers this provider may claim. */
export function useClaimPool(params: DemandListParams) {
  return useQuery({
    queryKey: queryKeys.demands.pool(params),
    queryFn: ({ signal }) => api.get<Page<DemandSummaryItem>>('/api/demands/pool', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDemand(id: number) {
  return useQuery({
    queryKey: queryKeys.demands.detail(id),
    queryFn: ({ signal }) => api.get<DemandDetail>(`/api/demands/${id}`, undefined, { signal }),
    enabled: id > 0,
  });
}

/** Queue counts of the actor's home. */
export function useDemandCounts() {
  return useQuery({
    queryKey: queryKeys.demands.summary,
    queryFn: ({ signal }) => api.get<DemandCounts>('/api/demands/summary', undefined, { signal }),
  });
}

export function useOverdueBoard() {
  return useQuery({
    queryKey: queryKeys.demands.overdue,
    queryFn: ({ signal }) => api.get<DemandOverdueBoard>('/api/demands/overdue', undefined, { signal }),
  });
}

export function useDemandCategories() {
  return useQuery({
    queryKey: queryKeys.demands.categories,
    queryFn: ({ signal }) => api.get<{ items: DemandCategory[] }>('/api/demand-categories', undefined, { signal }),
    staleTime: 10 * 60_000,
  });
}

export function useHandlers(categoryCode: string | undefined, enabled = true) {
  return useQuery({
    queryKey: queryKeys.demands.handlers(categoryCode),
    queryFn: ({ signal }) => api.get<{ items: DemandHandler[] }>('/api/demands/handlers', { categoryCode }, { signal }),
    enabled,
  });
}

export function useRouterModels(refetchInterval?: number | false) {
  return useQuery({
    queryKey: queryKeys.demands.models,
    queryFn: ({ signal }) => api.get<{ items: RouterModelItem[] }>('/api/demands/router/models', undefined, { signal }),
    refetchInterval: refetchInterval ?? false,
  });
}

export function useServices(params: ServiceListParams) {
  return useQuery({
    queryKey: queryKeys.services.list(params),
    queryFn: ({ signal }) => api.get<Page<ServiceItem>>('/api/services', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** After any change of a demand: its detail from the answer, and every list, count and board. */
function useRefresh() {
  const queryClient = useQueryClient();
  return (detail?: DemandDetail) => {
    if (detail) queryClient.setQueryData(queryKeys.demands.detail(detail.id), detail);
    void queryClient.invalidateQueries({ queryKey: queryKeys.demands.all });
  };
}

export function useCreateDemand() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: CreateDemandInput) => api.post<DemandDetail>('/api/demands', input),
    onSuccess: (detail) => refresh(detail),
  });
}

export function useDuplicateCheck() {
  return useMutation({
    mutationFn: (input: { title: string; description?: string }) => api.post<DemandDuplicateList>('/api/demands/duplicates', input),
  });
}

/** The demand actions that take a JSON body and answer with the demand (assign, claim, accept, resolve …). */
export type DemandActionPath = 'triage' | 'assign' | 'pick' | 'offer' | 'claim' | 'accept' | 'start' | 'wait' | 'resume' | 'transfer' | 'return' | 'resolve' | 'rate' | 'close' | 'reopen' | 'follow-up';

export function useDemandAction(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ action, body }: { action: DemandActionPath; body?: Record<string, unknown> | AssignDemandInput }) => api.post<DemandDetail>(`/api/demands/${id}/${action}`, body ?? {}),
    onSuccess: (detail) => refresh(detail),
  });
}

/** Claim from the pool by id (the pool lists many). */
export function useClaim() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => api.post<DemandDetail>(`/api/demands/${id}/claim`, {}),
    onSuccess: (detail) => refresh(detail),
  });
}

export function useUploadDemandFile(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload(`/api/demands/${id}/files`, form);
    },
    onSuccess: () => refresh(),
  });
}

export function useTrainRouter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ jobId: number | null; queued: boolean }>('/api/demands/router/train', {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.demands.models }),
  });
}

export function useSaveService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: CreateServiceInput | UpdateServiceInput }) =>
      id ? api.patch<ServiceItem>(`/api/services/${id}`, input) : api.post<ServiceItem>('/api/services', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.services.all }),
  });
}

/**
 * The category the keyword rules (else the router) see in a demand being written; asked once the text has
 * settled for a moment and is long enough to mean something.
 */
export function useCategoryHint(title: string | undefined, description: string | undefined) {
  // Strings, not an object: a new object every render would never settle.
  const settledTitle = useDebouncedValue((title ?? '').trim().slice(0, 200), 500);
  const settledDescription = useDebouncedValue((description ?? '').trim().slice(0, 5000), 500);
  return useQuery({
    queryKey: queryKeys.demands.categoryHint(settledTitle, settledDescription),
    queryFn: () => api.post<CategorySuggestionList>('/api/demands/category-suggestions', { title: settledTitle, description: settledDescription }),
    enabled: settledTitle.length + settledDescription.length >= 4,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** The keyword routing rules (dispatcher), active first, with their 90-day routing counts. */
export function useRoutingRules() {
  return useQuery({
    queryKey: queryKeys.demands.rules,
    queryFn: ({ signal }) => api.get<{ items: RoutingRule[] }>('/api/demands/routing-rules', undefined, { signal }),
  });
}

/** Adds a rule, or edits / (de)activates one. */
export function useSaveRoutingRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: CreateRoutingRuleInput | UpdateRoutingRuleInput }) =>
      id ? api.patch<RoutingRule>(`/api/demands/routing-rules/${id}`, input) : api.post<RoutingRule>('/api/demands/routing-rules', input as CreateRoutingRuleInput),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.demands.rules }),
  });
}
