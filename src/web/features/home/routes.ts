import { HomeOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

const HomePage = lazyPage(() => import('./pages/HomePage.tsx'), 'home');

/**
 * The government console's index is the role home (what needs doing, deadlines, figures per role; a
 * dispatcher's is the dispatch centre's board, which HomePage renders). The enterprise portal's index is the
 * policy calculator (features/policies/portal), the bank's the bank workbench (features/finance/bank), and
 * the provider's its demand workbench (features/demands).
 */
export const routes: AppRoute[] = [
  {
    id: 'gov-home',
    area: 'gov',
    path: '',
    roles: ['department_staff', 'dispatcher', 'cadre', 'data_admin', 'admin', 'security_admin', 'auditor'],
    component: HomePage,
    menu: { labelKey: 'nav.workbench', icon: HomeOutlined, order: 0 },
  },
  // The bank's home is its workbench (features/finance/routes.ts); the provider's is its demand workbench
  // (features/demands/routes.ts).
];
