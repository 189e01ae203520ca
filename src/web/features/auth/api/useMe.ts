import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../api/client.ts';
import { queryKeys } from '../../../api/query-keys.ts';
import type { User } from '../../../api/types.ts';

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<User | null> {
  try {
    const body = await api.get<{ user: User }>('/api/auth/me', undefined, { skipAuthRedirect: true });
    return body.user;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({
    queryKey: queryKeys.auth.me,
    queryFn: fetchMe,
    staleTime: 5 * 60_000,
    retry: (count, error) => !(isApiError(error) && error.status > 0 && error.status < 500) && count < 2,
  });
}
