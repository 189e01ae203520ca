import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryKeys } from '../../../api/query-keys.ts';

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout', undefined, { skipAuthRedirect: true }),
    // Even if the call fails (offline, session already gone) the user wants out: forget everything.
    onSettled: () => {
      api.resetCsrfToken();
      queryClient.clear();
      queryClient.setQueryData(queryKeys.auth.me, null);
    },
  });
}
