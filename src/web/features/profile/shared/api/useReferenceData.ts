import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { Indicator, Industries, ProfileTagName, Town } from '../../../../api/types.ts';

// Reference lists change with a deployment or a data admin's rare edit, not while a page is open.
const REFERENCE_STALE_MS = 10 * 60_000;

export function useTowns() {
  return useQuery({
    queryKey: queryKeys.reference.towns,
    queryFn: ({ signal }) => api.get<Town[]>('/api/towns', undefined, { signal }),
    staleTime: REFERENCE_STALE_MS,
  });
}

/** GB/T 4754-2017 门类 and 大类. */
export function useIndustries() {
  return useQuery({
    queryKey: queryKeys.reference.industries,
    queryFn: ({ signal }) => api.get<Industries>('/api/industries', undefined, { signal }),
    staleTime: REFERENCE_STALE_MS,
  });
}

/** The derived-tag vocabulary: names of the tags an enterprise summary lists. */
export function useEnterpriseTags() {
  return useQuery({
    queryKey: queryKeys.reference.tags,
    queryFn: ({ signal }) => api.get<ProfileTagName[]>('/api/enterprise-tags', undefined, { signal }),
    staleTime: REFERENCE_STALE_MS,
  });
}

/** The indicator registry (names, units, periodicity, who reports them). */
export function useIndicatorCatalogue() {
  return useQuery({
    queryKey: queryKeys.reference.indicators,
    queryFn: ({ signal }) => api.get<Indicator[]>('/api/indicators', undefined, { signal }),
    staleTime: REFERENCE_STALE_MS,
  });
}
