import { DashboardOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

/**
 * 驾驶舱 (the county cockpit): the county leader's home (their first menu entry), also open to department
 * staff, the dispatch centre and the administrator (the server's COCKPIT_ROLES); the monthly report prints to A4.
 */
export const COCKPIT_ROLES = ['leader', 'department_staff', 'dispatcher', 'admin'] as const;

export const routes: AppRoute[] = [
  {
    id: 'gov-cockpit',
    area: 'gov',
    path: 'cockpit',
    roles: COCKPIT_ROLES,
    component: lazyPage(() => import('./pages/CockpitPage.tsx'), 'cockpit'),
    // Right after the workbench (order 0): the leader has no workbench, so the cockpit is where they land;
    // the others keep landing on their workbench.
    menu: { labelKey: 'nav.cockpit', icon: DashboardOutlined, order: 5 },
  },
  { id: 'gov-cockpit-report', area: 'gov', path: 'cockpit/report', roles: COCKPIT_ROLES, component: lazyPage(() => import('./pages/MonthlyReportPage.tsx'), 'cockpit') },
];
