import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys.ts';
import type { AppNotification, NotificationList } from '../../../api/types.ts';
import { addNotificationToCache } from './useNotifications.ts';
import { NotificationStream } from './stream.ts';

type Listener = (notification: AppNotification) => void;

interface Shared {
  stream: NotificationStream;
  users: number;
  listeners: Set<Listener>;
  stopTimer: ReturnType<typeof setTimeout> | null;
  unsubscribe: () => void;
}

/**
 * Moving between areas remounts the layout (and the bell): the connection is kept this long after its
 * last user is gone, so such a move does not reconnect. Logout closes it at once.
 */
const LINGER_MS = 2000;

const shared = new WeakMap<QueryClient, Shared>();

/** Other caches a notification makes stale: the application it is about, the enterprise's matches. */
function invalidateRelated(queryClient: QueryClient, notification: AppNotification): void {
  if (notification.kind.startsWith('application.')) void queryClient.invalidateQueries({ queryKey: queryKeys.myApplications.all });
  if (notification.kind.startsWith('application.') || notification.kind.startsWith('policy.') || notification.kind.startsWith('grant.')) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.myPolicies.matches });
  }
}

function isSignedOut(queryClient: QueryClient): boolean {
  const state = queryClient.getQueryState(queryKeys.auth.me);
  return !state || (state.status === 'success' && state.data === null);
}

function open(queryClient: QueryClient): Shared {
  const listeners = new Set<Listener>();
  const stream = new NotificationStream({
    onHello: (unreadCount, isReconnect) => {
      const cached = queryClient.getQueryData<NotificationList>(queryKeys.notifications.latest);
      // After a drop, or when the count disagrees, what was missed is fetched again.
      if (isReconnect || (cached && cached.unreadCount !== unreadCount)) void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all });
    },
    onNotification: (notification) => {
      addNotificationToCache(queryClient, notification);
      invalidateRelated(queryClient, notification);
      for (const listener of listeners) listener(notification);
    },
    onDisconnect: () => {
      // An ordinary request finds out whether the session is gone (its 401 leads to the login page).
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.latest });
    },
    onSessionEnded: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.auth.me });
    },
  });
  // Logout (or an expired session) clears the user: close the stream at once.
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    const key = event.query.queryKey;
    if (key[0] !== queryKeys.auth.me[0] || key[1] !== queryKeys.auth.me[1]) return;
    if (isSignedOut(queryClient)) close(queryClient);
  });
  const entry: Shared = { stream, users: 0, listeners, stopTimer: null, unsubscribe };
  shared.set(queryClient, entry);
  return entry;
}

function close(queryClient: QueryClient): void {
  const entry = shared.get(queryClient);
  if (!entry) return;
  shared.delete(queryClient);
  if (entry.stopTimer !== null) clearTimeout(entry.stopTimer);
  entry.unsubscribe();
  entry.stream.stop();
}

/**
 * Keeps the signed-in user's notification stream open while a component using it is mounted (the bell),
 * one connection per tab however many use it. New notifications go straight into the TanStack Query
 * cache; `onNotification` hears each one too (for a toast).
 */
export function useNotificationStream(onNotification?: Listener): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (isSignedOut(queryClient)) return;
    const entry = shared.get(queryClient) ?? open(queryClient);
    entry.users++;
    if (entry.stopTimer !== null) {
      clearTimeout(entry.stopTimer);
      entry.stopTimer = null;
    }
    if (onNotification) entry.listeners.add(onNotification);
    entry.stream.start();
    return () => {
      if (onNotification) entry.listeners.delete(onNotification);
      entry.users--;
      if (entry.users === 0 && shared.get(queryClient) === entry) {
        entry.stopTimer = setTimeout(() => close(queryClient), LINGER_MS);
      }
    };
  }, [queryClient, onNotification]);
}
