import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryKeys } from '../../../api/query-keys.ts';

export interface ResetPasswordInput {
  id: number;
  newPassword: string;
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, newPassword }: ResetPasswordInput) => api.post<void>(`/api/admin/users/${id}/reset-password`, { newPassword }),
    // A reset also unlocks the account: the status column changes.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.admin.users.all }),
  });
}
