import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { MyPolicyMatches } from '../../../../api/types.ts';

/** The enterprise's calculator: eligible and undecided policies ranked by amount, conflicts, the next question. */
export function useMyPolicyMatches() {
  return useQuery({
    queryKey: queryKeys.myPolicies.matches,
    queryFn: ({ signal }) => api.get<MyPolicyMatches>('/api/me/policy-matches', undefined, { signal }),
  });
}
