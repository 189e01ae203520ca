import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import type { DashboardParams, DashboardSummary, Industries, Town } from '../../api/types.ts';

/** The cockpit summary; `refetchInterval` keeps a wall display current. */
export function useDashboard(params: DashboardParams, refetchInterval: number | false) {
  return useQuery({
    queryKey: queryKeys.cockpit.summary(params),
    queryFn: ({ signal }) => api.get<DashboardSummary>('/api/dashboard/summary', { ...params }, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval,
    refetchIntervalInBackground: true,
  });
}

export function useCockpitReference() {
  const towns = useQuery({ queryKey: queryKeys.reference.towns, queryFn: ({ signal }) => api.get<Town[]>('/api/towns', undefined, { signal }), staleTime: 600_000 });
  const industries = useQuery({ queryKey: queryKeys.reference.industries, queryFn: ({ signal }) => api.get<Industries>('/api/industries', undefined, { signal }), staleTime: 600_000 });
  return { towns: towns.data ?? [], sections: industries.data?.sections ?? [] };
}

/** A query string of the filters that are set. */
export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  return search.toString();
}

/** The days of a month ('YYYY-MM') of the lending chart within the cockpit's period, for the loan ledger's filter. */
export function monthWithin(month: string, from: string, to: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const first = `${month}-01`;
  const last = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  return { from: first > from ? first : from, to: last < to ? last : to };
}
