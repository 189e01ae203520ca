import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

/**
 * 消息中心: every signed-in user has /notifications (reached from the bell in the header, which the layout
 * loads itself — see components/NotificationBell.tsx).
 */
export const routes: AppRoute[] = [
  { id: 'notifications', area: null, path: '/notifications', component: lazyPage(() => import('./pages/NotificationsPage.tsx'), 'notifications') },
];
