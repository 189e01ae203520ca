import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys, type MyApplicationListParams } from '../../../../api/query-keys.ts';
import type { ApplicationDetail, ApplicationForm, ApplicationSummary, CreateApplicationInput, Page } from '../../../../api/types.ts';

/** The application form of a policy for the own enterprise, pre-filled from the profile, with canApply/blockedBy. */
export function useApplicationForm(policyId: number) {
  return useQuery({
    queryKey: queryKeys.myApplications.form(policyId),
    queryFn: ({ signal }) => api.get<ApplicationForm>(`/api/policies/${policyId}/application-form`, undefined, { signal }),
    enabled: policyId > 0,
    // The form reflects today's profile and the application status: read it fresh.
    staleTime: 0,
  });
}

/** 我的申报: the own enterprise's applications, newest first. */
export function useMyApplications(params: MyApplicationListParams) {
  return useQuery({
    queryKey: queryKeys.myApplications.list(params),
    queryFn: ({ signal }) => api.get<Page<ApplicationSummary>>('/api/applications', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** One application with its steps, timeline events, files, payments and the actions allowed now. */
export function useApplication(id: number) {
  return useQuery({
    queryKey: queryKeys.myApplications.detail(id),
    queryFn: ({ signal }) => api.get<ApplicationDetail>(`/api/applications/${id}`, undefined, { signal }),
    enabled: id > 0,
  });
}

/** After any change: the application, the lists, and the calculator (which shows application statuses). */
function useRefresh() {
  const queryClient = useQueryClient();
  return (detail?: ApplicationDetail) => {
    if (detail) queryClient.setQueryData(queryKeys.myApplications.detail(detail.id), detail);
    void queryClient.invalidateQueries({ queryKey: queryKeys.myApplications.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.myPolicies.matches });
  };
}

export function useSubmitApplication() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: CreateApplicationInput) => api.post<ApplicationDetail>('/api/applications', input),
    onSuccess: (detail) => refresh(detail),
  });
}

export function useResubmitApplication(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (formData: CreateApplicationInput['formData']) => api.post<ApplicationDetail>(`/api/applications/${id}/resubmit`, { formData }),
    onSuccess: (detail) => refresh(detail),
  });
}

export function useWithdrawApplication(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => api.post<ApplicationDetail>(`/api/applications/${id}/withdraw`),
    onSuccess: (detail) => refresh(detail),
  });
}

/** Refreshes an application after its attachments changed. */
export function useRefreshApplication() {
  return useRefresh();
}
