import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryKeys, type UserListParams } from '../../../api/query-keys.ts';
import type { AdminUser, Page } from '../../../api/types.ts';

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: queryKeys.admin.users.list(params),
    queryFn: ({ signal }) => api.get<Page<AdminUser>>('/api/admin/users', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}
