import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryKeys } from '../../../api/query-keys.ts';
import type { MeHome } from '../../../api/types.ts';

/** The signed-in user's role home: counts, deadlines and figures per role (refreshed every minute). */
export function useMyHome() {
  return useQuery({
    queryKey: queryKeys.home.mine,
    queryFn: ({ signal }) => api.get<MeHome>('/api/me/home', {}, { signal }),
    refetchInterval: 60_000,
  });
}
