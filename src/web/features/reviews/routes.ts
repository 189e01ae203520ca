import { AuditOutlined, GiftOutlined, NotificationOutlined, PayCircleOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';
import { GOVERNMENT_READERS } from '../policies/lib/roles.ts';

/**
 * The department's side of applications (申报审核), payments (资金兑付) and 免申即享: staff of the department that
 * owns a policy. 公示公告 is public to every signed-in user; government readers see it in their menu.
 */
export const routes: AppRoute[] = [
  {
    id: 'gov-applications',
    area: 'gov',
    path: 'applications',
    roles: ['department_staff'],
    component: lazyPage(() => import('./pages/ApplicationsPage.tsx'), 'reviews'),
    menu: { labelKey: 'nav.applications', icon: AuditOutlined, order: 210 },
  },
  { id: 'gov-application', area: 'gov', path: 'applications/:id', roles: ['department_staff'], component: lazyPage(() => import('./pages/ApplicationPage.tsx'), 'reviews') },
  {
    id: 'gov-public-notices',
    area: 'gov',
    path: 'public-notices',
    roles: GOVERNMENT_READERS,
    component: lazyPage(() => import('./pages/PublicNoticesPage.tsx'), 'reviews'),
    menu: { labelKey: 'nav.publicNotices', icon: NotificationOutlined, order: 220 },
  },
  {
    id: 'gov-payments',
    area: 'gov',
    path: 'payments',
    roles: ['department_staff'],
    component: lazyPage(() => import('./pages/DisbursementsPage.tsx'), 'reviews'),
    menu: { labelKey: 'nav.disbursements', icon: PayCircleOutlined, order: 230 },
  },
  {
    id: 'gov-auto-grants',
    area: 'gov',
    path: 'auto-grants',
    roles: ['department_staff'],
    component: lazyPage(() => import('./pages/AutoGrantsPage.tsx'), 'reviews'),
    menu: { labelKey: 'nav.autoGrants', icon: GiftOutlined, order: 240 },
  },
  { id: 'gov-auto-grant', area: 'gov', path: 'auto-grants/:id', roles: ['department_staff'], component: lazyPage(() => import('./pages/AutoGrantPage.tsx'), 'reviews') },
];
