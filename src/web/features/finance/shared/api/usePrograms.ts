import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { CreateLoanProgramInput, LoanProgramDetail, LoanProgramSummary, Page, WhitelistEntry, WhitelistStatus } from '../../../../api/types.ts';

/** The loan-programs API (src/server/modules/loan-programs). */
const BASE = '/api/finance/programs';

/** The programmes the actor sees: 金融办 all, a bank its own, an enterprise those pushed to it. */
export function usePrograms(enabled = true) {
  return useQuery({
    queryKey: queryKeys.finance.programs({}),
    queryFn: ({ signal }) => api.get<{ items: LoanProgramSummary[] }>(BASE, undefined, { signal }),
    enabled,
  });
}

/** One programme; polls while its whitelist is being generated. */
export function useProgram(id: number) {
  return useQuery({
    queryKey: queryKeys.finance.program(id),
    queryFn: ({ signal }) => api.get<LoanProgramDetail>(`${BASE}/${id}`, undefined, { signal }),
    enabled: id > 0,
    refetchInterval: (query) => (query.state.data?.status === 'generating' ? 1000 : false),
  });
}

export function useWhitelist(id: number, params: { status?: WhitelistStatus; q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...queryKeys.finance.program(id), 'whitelist', params],
    queryFn: ({ signal }) => api.get<Page<WhitelistEntry>>(`${BASE}/${id}/whitelist`, { ...params }, { signal }),
    enabled: id > 0,
    placeholderData: keepPreviousData,
  });
}

function useProgramMutation<I, O = unknown>(request: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.finance.all }) });
}

export const useGenerateWhitelist = (id: number) => useProgramMutation(() => api.post(`${BASE}/${id}/whitelist/generate`));
export const usePushWhitelist = (id: number) => useProgramMutation(() => api.post<{ pushed: number }>(`${BASE}/${id}/push`));
export const useRemoveWhitelistEntry = (id: number) => useProgramMutation(({ entryId, reason }: { entryId: number; reason: string }) => api.post(`${BASE}/${id}/whitelist/${entryId}/remove`, { reason }));

/** 金融办 creates a programme (draft): rule, quota, banks, products and the pool that covers its loans. */
export const useCreateProgram = () => useProgramMutation((input: CreateLoanProgramInput) => api.post<LoanProgramDetail>(BASE, input));
