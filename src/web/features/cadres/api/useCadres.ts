import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryKeys } from '../../../api/query-keys.ts';
import type {
  CadreDetail,
  CadreLeaderboard,
  CadreLink,
  CadreList,
  CadreListParams,
  CreateVisitInput,
  EnterpriseCadre,
  LinkEnterpriseInput,
  MyEnterprises,
  Page,
  VisitDetail,
  VisitPlanInput,
  VisitPlanList,
  VisitSummary,
} from '../../../api/types.ts';

/** The 千人联千企 API (src/server/modules/cadres). */

export function useCadreList(params: CadreListParams) {
  return useQuery({
    queryKey: queryKeys.cadres.list(params),
    queryFn: ({ signal }) => api.get<CadreList>('/api/cadres', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useLeaderboard(quarter?: string) {
  return useQuery({
    queryKey: queryKeys.cadres.leaderboard(quarter),
    queryFn: ({ signal }) => api.get<CadreLeaderboard>('/api/cadres/leaderboard', { quarter }, { signal }),
  });
}

export function useCadre(id: number) {
  return useQuery({
    queryKey: queryKeys.cadres.detail(id),
    queryFn: ({ signal }) => api.get<CadreDetail>(`/api/cadres/${id}`, undefined, { signal }),
    enabled: id > 0,
  });
}

/** 我的企业 filters, as the cadre home's links set them in the URL (`?visitDue=true`, `?openDemands=true`). */
export interface MyEnterprisesFilter {
  visitDue?: boolean;
  openDemands?: boolean;
}

export function useMyEnterprises(filter: MyEnterprisesFilter = {}) {
  const query = { visitDue: filter.visitDue || undefined, openDemands: filter.openDemands || undefined };
  return useQuery({
    queryKey: [...queryKeys.cadres.myEnterprises, query],
    queryFn: ({ signal }) => api.get<MyEnterprises>('/api/me/cadre/enterprises', query, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useVisits(params: { cadreId?: number; enterpriseId?: number; page: number; pageSize: number }) {
  return useQuery({
    queryKey: queryKeys.cadres.visits(params),
    queryFn: ({ signal }) => api.get<Page<VisitSummary>>('/api/visits', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useVisit(id: number) {
  return useQuery({
    queryKey: queryKeys.cadres.visit(id),
    queryFn: ({ signal }) => api.get<VisitDetail>(`/api/visits/${id}`, undefined, { signal }),
    enabled: id > 0,
  });
}

export function usePlans(params: { quarter?: string; cadreId?: number }) {
  return useQuery({
    queryKey: queryKeys.cadres.plans(params),
    queryFn: ({ signal }) => api.get<VisitPlanList>('/api/visit-plans', { ...params }, { signal }),
  });
}

export function useEnterpriseCadre(enterpriseId: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.cadres.enterpriseCadre(enterpriseId),
    queryFn: ({ signal }) => api.get<EnterpriseCadre>(`/api/enterprises/${enterpriseId}/cadre`, undefined, { signal }),
    enabled: enabled && enterpriseId > 0,
    retry: false,
  });
}

/** Records a visit (its problems become demands on the server, in the same transaction). */
export function useCreateVisit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateVisitInput) => api.post<VisitDetail>('/api/visits', input),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.cadres.all }),
  });
}

export function useSavePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: VisitPlanInput) => api.post<VisitPlanList>('/api/visit-plans', input),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.cadres.all }),
  });
}

export function useLinkEnterprise() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LinkEnterpriseInput) => api.post<CadreLink>('/api/cadre-links', input),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.cadres.all }),
  });
}
