import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryKeys } from '../../../api/query-keys.ts';
import type { LoginInput, User } from '../../../api/types.ts';

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      api.post<{ user: User }>('/api/auth/login', input, { skipAuthRedirect: true }).then((body) => body.user),
    onSuccess: (user) => {
      // Whatever was cached belongs to the previous session.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.auth.me[0] });
      queryClient.setQueryData(queryKeys.auth.me, user);
    },
  });
}
