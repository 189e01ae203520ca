import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryKeys } from '../../../api/query-keys.ts';
import type { CreateOrgInput, Org } from '../../../api/types.ts';

export function useCreateOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateOrgInput) => api.post<Org>('/api/admin/orgs', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.admin.orgs.all }),
  });
}
