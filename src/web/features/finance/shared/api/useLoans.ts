import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type {
  CreateLoanApplicationInput,
  DefaultInput,
  DisburseInput,
  LoanApplicationDetail,
  LoanApplicationSummary,
  LoanCodes,
  LoanWorkbench,
  LoanContractInput,
  LoanDecisionInput,
  LoanDetail,
  LoanMarketplace,
  LoanNoteInput,
  LoanSummary,
  LoanProductType,
  LoanApplicationStatus,
  LoanProductDetail,
  LoanProductSummary,
  CreateLoanProductInput,
  UpdateLoanProductInput,
  RejectLoanProductInput,
  LoanStatus,
  Page,
  RecoveryInput,
  RepaymentInput,
} from '../../../../api/types.ts';

/** The loans API (src/server/modules/loans): one hook per call, shared by the portal, bank and gov pages. */
const BASE = '/api/finance';

export interface MarketplaceParams {
  productType?: LoanProductType;
  tag?: string;
  includeUnmatched?: boolean;
}

/** 金融超市: the published products matched to the own enterprise, each explained. */
export function useMarketplace(params: MarketplaceParams) {
  return useQuery({
    queryKey: queryKeys.finance.marketplace(params),
    queryFn: ({ signal }) => api.get<LoanMarketplace>(`${BASE}/marketplace`, { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export interface LoanApplicationListParams {
  status?: LoanApplicationStatus;
  overdue?: boolean;
  open?: boolean;
  productId?: number;
  bankOrgId?: number;
  enterpriseId?: number;
  page: number;
  pageSize: number;
}

/** Loan applications: the enterprise's own, the bank's leads, or all of them for the finance office. */
export function useLoanApplications(params: LoanApplicationListParams, enabled = true) {
  return useQuery({
    queryKey: queryKeys.finance.applications(params),
    queryFn: ({ signal }) => api.get<Page<LoanApplicationSummary>>(`${BASE}/applications`, { ...params }, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useLoanApplication(id: number) {
  return useQuery({
    queryKey: queryKeys.finance.application(id),
    queryFn: ({ signal }) => api.get<LoanApplicationDetail>(`${BASE}/applications/${id}`, undefined, { signal }),
    enabled: id > 0,
  });
}

export interface LoanListParams {
  status?: LoanStatus;
  productId?: number;
  bankOrgId?: number;
  enterpriseId?: number;
  disbursedFrom?: string;
  disbursedTo?: string;
  firstLoan?: boolean;
  town?: string;
  industry?: string;
  page: number;
  pageSize: number;
}

export function useLoans(params: LoanListParams, enabled = true) {
  return useQuery({
    queryKey: queryKeys.finance.loans(params),
    queryFn: ({ signal }) => api.get<Page<LoanSummary>>(`${BASE}/loans`, { ...params }, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useLoan(id: number) {
  return useQuery({
    queryKey: queryKeys.finance.loan(id),
    queryFn: ({ signal }) => api.get<LoanDetail>(`${BASE}/loans/${id}`, undefined, { signal }),
    enabled: id > 0,
  });
}

/** The workbench home: counts of leads and loans in the actor's scope and the leads due soonest. */
export function useLoanWorkbench() {
  return useQuery({
    queryKey: [...queryKeys.finance.all, 'workbench'],
    queryFn: ({ signal }) => api.get<LoanWorkbench>(`${BASE}/workbench`, undefined, { signal }),
  });
}

/** Refusal reasons and note kinds with their names. */
export function useLoanCodes() {
  return useQuery({
    queryKey: queryKeys.finance.codes,
    queryFn: ({ signal }) => api.get<LoanCodes>(`${BASE}/codes`, undefined, { signal }),
    staleTime: Infinity,
  });
}

/** After a change: the application (set from the answer), and every finance list and figure. */
function useRefreshApplication() {
  const queryClient = useQueryClient();
  return (detail?: LoanApplicationDetail) => {
    if (detail) queryClient.setQueryData(queryKeys.finance.application(detail.id), detail);
    void queryClient.invalidateQueries({ queryKey: queryKeys.finance.all });
  };
}

export function useApplyForLoan() {
  const refresh = useRefreshApplication();
  return useMutation({
    mutationFn: (input: CreateLoanApplicationInput) => api.post<LoanApplicationDetail>(`${BASE}/applications`, input),
    onSuccess: (detail) => refresh(detail),
  });
}

export function useWithdrawLoanApplication(id: number) {
  const refresh = useRefreshApplication();
  return useMutation({
    mutationFn: () => api.post<LoanApplicationDetail>(`${BASE}/applications/${id}/withdraw`),
    onSuccess: (detail) => refresh(detail),
  });
}

/** The bank takes a submitted lead into review. */
export function useTakeLead(id: number) {
  const refresh = useRefreshApplication();
  return useMutation({
    mutationFn: () => api.post<LoanApplicationDetail>(`${BASE}/applications/${id}/take`),
    onSuccess: (detail) => refresh(detail),
  });
}

export function useAddLoanNote(id: number) {
  const refresh = useRefreshApplication();
  return useMutation({
    mutationFn: (input: LoanNoteInput) => api.post<LoanApplicationDetail>(`${BASE}/applications/${id}/notes`, input),
    onSuccess: (detail) => refresh(detail),
  });
}

export function useDecideLoan(id: number) {
  const refresh = useRefreshApplication();
  return useMutation({
    mutationFn: (input: LoanDecisionInput) => api.post<LoanApplicationDetail>(`${BASE}/applications/${id}/decision`, input),
    onSuccess: (detail) => refresh(detail),
  });
}

export function useSignContract(id: number) {
  const refresh = useRefreshApplication();
  return useMutation({
    mutationFn: (input: LoanContractInput) => api.post<LoanApplicationDetail>(`${BASE}/applications/${id}/contract`, input),
    onSuccess: (detail) => refresh(detail),
  });
}

export function useDisburse(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DisburseInput) => api.post<LoanDetail>(`${BASE}/applications/${id}/disburse`, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.finance.all }),
  });
}

function useLoanMutation<I>(id: number, action: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => api.post<LoanDetail>(`${BASE}/loans/${id}/${action}`, input),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.finance.loan(id), detail);
      void queryClient.invalidateQueries({ queryKey: queryKeys.finance.all });
    },
  });
}

export const useRecordRepayment = (id: number) => useLoanMutation<RepaymentInput>(id, 'repayments');
export const useMarkDefault = (id: number) => useLoanMutation<DefaultInput>(id, 'default');
export const useRecordRecovery = (id: number) => useLoanMutation<RecoveryInput>(id, 'recoveries');

export interface ProductListParams {
  bankOrgId?: number;
  productType?: LoanProductType;
  state?: 'published' | 'pending' | 'in_review';
  tag?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** Products: published ones for everyone, the bank's own with drafts, all for the finance office. */
export function useLoanProducts(params: ProductListParams) {
  return useQuery({
    queryKey: queryKeys.finance.products(params),
    queryFn: ({ signal }) => api.get<Page<LoanProductSummary>>(`${BASE}/products`, { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useLoanProduct(id: number) {
  return useQuery({
    queryKey: queryKeys.finance.product(id),
    queryFn: ({ signal }) => api.get<LoanProductDetail>(`${BASE}/products/${id}`, undefined, { signal }),
    enabled: id > 0,
  });
}

/** A product action (submit, approve, reject, withdraw, versions, PATCH of the draft). */
export function useProductAction(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: 'submit' | 'approve' | 'reject' | 'withdraw' | 'versions' | 'update'; body?: UpdateLoanProductInput | RejectLoanProductInput }) =>
      action === 'update' ? api.patch<LoanProductDetail>(`${BASE}/products/${id}`, body) : api.post<LoanProductDetail>(`${BASE}/products/${id}/${action}`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.finance.all }),
  });
}

export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateLoanProductInput) => api.post<LoanProductDetail>(`${BASE}/products`, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.finance.all }),
  });
}
