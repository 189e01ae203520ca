import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { EnterpriseDetail, EnterpriseStatus, EnterpriseType } from '../../../../api/types.ts';

export interface CreateEnterpriseInput {
  uscc: string;
  name: string;
  type: EnterpriseType;
  legalRepresentative?: string;
  registeredOn?: string;
  registeredCapitalFen?: number;
  townCode?: string;
  address?: string;
  industryCode?: string;
  status?: EnterpriseStatus;
  /** Store a code whose check character fails (early pilot codes); the server audits it. */
  acceptChecksumMismatch?: boolean;
}

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
