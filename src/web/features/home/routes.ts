import { HomeOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

const HomePage = lazyPage(() => import('./pages/HomePage.tsx'), 'home');

/**
 * Each area's index is a welcome page, except the enterprise portal's, which is the policy calculator
 * (features/policies/portal), and the bank's, which is the bank workbench (features/finance/bank). An auditor has none: their home is the audit log.
 */
export const routes: AppRoute[] = [
  {
    id: 'gov-home',
    area: 'gov',
    path: '',
    roles: ['department_staff', 'dispatcher', 'cadre', 'data_admin', 'admin'],
    component: HomePage,
    menu: { labelKey: 'nav.workbench', icon: HomeOutlined, order: 0 },
  },
  {
    id: 'provider-home',
    area: 'provider',
    path: '',
    component: HomePage,
    menu: { labelKey: 'nav.workbench', icon: HomeOutlined, order: 0 },
  },
];
