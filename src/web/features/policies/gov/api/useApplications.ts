import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys, type ApplicationListParams, type PublicNoticeListParams } from '../../../../api/query-keys.ts';
import type { ApplicationDetail, ApplicationSummary, ApproveStepInput, Page, PublicNotice } from '../../../../api/types.ts';

/** The department's queue: applications of its policies, by policy, status or overdue. */
export function useApplications(params: ApplicationListParams) {
  return useQuery({
    queryKey: queryKeys.applications.list(params),
    queryFn: ({ signal }) => api.get<Page<ApplicationSummary>>('/api/applications', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** One application with its form, files, timeline, payments and the actions the caller may take now. */
export function useApplication(id: number) {
  return useQuery({
    queryKey: queryKeys.applications.detail(id),
    queryFn: ({ signal }) => api.get<ApplicationDetail>(`/api/applications/${id}`, undefined, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** A step of the department: the path of the action and its body. */
export type ReviewCommand =
  | { action: 'accept' | 'start-notice' | 'end-notice' }
  | { action: 'approve-step'; body: ApproveStepInput }
  | { action: 'return' | 'reject' | 'object'; body: { reason: string } };

export function useApplicationAction(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (command: ReviewCommand) => api.post<ApplicationDetail>(`/api/applications/${id}/${command.action}`, 'body' in command ? command.body : undefined),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.applications.detail(id), detail);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.applications.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.publicNotices.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.policies.all }),
      ]);
    },
  });
}

/** The notices (公示) running now: every signed-in user may read them. */
export function usePublicNotices(params: PublicNoticeListParams) {
  return useQuery({
    queryKey: queryKeys.publicNotices.list(params),
    queryFn: ({ signal }) => api.get<Page<PublicNotice>>('/api/public-notices', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Where an attachment is downloaded (the owning department and the applying enterprise only). */
export function applicationFileUrl(applicationId: number, fileId: number): string {
  return `/api/applications/${applicationId}/files/${fileId}`;
}
