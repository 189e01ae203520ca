import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { CreateEnterpriseInput, EnterpriseDetail } from '../../../../api/types.ts';

/** Registers an enterprise (data admin). 422 `unprocessable` when the USCC check character does not match. */
export function useCreateEnterprise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateEnterpriseInput) => api.post<EnterpriseDetail>('/api/enterprises', input),
    onSuccess: (enterprise) => {
      queryClient.setQueryData(queryKeys.enterprises.detail(enterprise.id), enterprise);
      return queryClient.invalidateQueries({ queryKey: ['enterprises', 'list'] });
    },
  });
}
