import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryKeys, type NotificationListParams } from '../../../api/query-keys.ts';
import type { AppNotification, NotificationList, ReadAllResult } from '../../../api/types.ts';

/** How many notifications the bell's panel shows. */
export const LATEST_SIZE = 6;

function fetchList(params: NotificationListParams, signal?: AbortSignal) {
  return api.get<NotificationList>('/api/me/notifications', { page: params.page, pageSize: params.pageSize, unread: params.unread || undefined }, { signal });
}

/**
 * The bell: the latest few notifications and the unread count. Kept current by the event stream, so it
 * is not refetched on a timer; the stream asks for a refetch after a reconnect.
 */
export function useLatestNotifications() {
  return useQuery({
    queryKey: queryKeys.notifications.latest,
    queryFn: ({ signal }) => fetchList({ page: 1, pageSize: LATEST_SIZE }, signal),
    staleTime: 5 * 60_000,
  });
}

/** A page of the 消息中心. */
export function useNotificationList(params: NotificationListParams) {
  return useQuery({
    queryKey: queryKeys.notifications.list(params),
    queryFn: ({ signal }) => fetchList(params, signal),
    placeholderData: keepPreviousData,
  });
}

/** Puts a notification the stream announced into the cached lists, once (by id). */
export function addNotificationToCache(queryClient: QueryClient, notification: AppNotification): void {
  queryClient.setQueryData<NotificationList>(queryKeys.notifications.latest, (list) => {
    if (!list || list.items.some((item) => item.id === notification.id)) return list;
    return {
      ...list,
      items: [notification, ...list.items].slice(0, list.pageSize),
      total: list.total + 1,
      unreadCount: list.unreadCount + (notification.readAt ? 0 : 1),
    };
  });
  // The 消息中心 pages shift by one: fetch them again when they are looked at.
  void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.lists });
}

/** Marks one notification read in every cached list, and sets the unread count. */
function markReadInCache(queryClient: QueryClient, read: AppNotification | 'all', unreadCount: number | null): void {
  const update = (list: NotificationList | undefined): NotificationList | undefined => {
    if (!list) return list;
    let changed = 0;
    const items = list.items.map((item) => {
      if (item.readAt || (read !== 'all' && item.id !== read.id)) return item;
      changed++;
      return read === 'all' ? { ...item, readAt: new Date().toISOString() } : read;
    });
    return { ...list, items, unreadCount: unreadCount ?? Math.max(0, list.unreadCount - changed) };
  };
  queryClient.setQueryData<NotificationList>(queryKeys.notifications.latest, update);
  queryClient.setQueriesData<NotificationList>({ queryKey: queryKeys.notifications.lists }, update);
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<AppNotification>(`/api/me/notifications/${id}/read`),
    onSuccess: (notification) => {
      markReadInCache(queryClient, notification, null);
      // The unread-only view no longer holds it.
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.lists });
    },
  });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ReadAllResult>('/api/me/notifications/read-all'),
    onSuccess: (result) => {
      markReadInCache(queryClient, 'all', result.unreadCount);
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all });
    },
  });
}
