import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryKeys } from '../../../api/query-keys.ts';
import type { ResetPasswordInput } from '../../../api/types.ts';

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, newPassword }: ResetPasswordInput & { id: number }) => api.post<void>(`/api/admin/users/${id}/reset-password`, { newPassword }),
    // A reset also unlocks the account: the status column changes.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.admin.users.all }),
  });
}
