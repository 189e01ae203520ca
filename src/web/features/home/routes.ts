import { HomeOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

const HomePage = lazyPage(() => import('./pages/HomePage.tsx'), 'home');

/**
 * Each area's index is a welcome page, except the enterprise portal's, which is the policy calculator
 * (features/policies/portal), the bank's, which is the bank workbench (features/finance/bank), and the
 * provider's, which is its demand workbench (features/demands). A dispatcher's government home is the
 * dispatch centre's board (HomePage renders it). An auditor has none: their home is the audit log.
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
  // The bank's home is its workbench (features/finance/routes.ts); the provider's is its demand workbench
  // (features/demands/routes.ts).
];
