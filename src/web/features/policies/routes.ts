import { FileTextOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';
import { GOVERNMENT_READERS } from './lib/roles.ts';

/**
 * 政策管理 (policy direct access, the department side): the list, a new draft, one policy. Department staff
 * author and run their own department's policies; dispatchers, cadres and data admins read published ones
 * and may use the test bench (the server decides what each may do; the pages show only that).
 */
export const routes: AppRoute[] = [
  {
    id: 'gov-policies',
    area: 'gov',
    path: 'policies',
    roles: GOVERNMENT_READERS,
    component: lazyPage(() => import('./pages/PoliciesPage.tsx'), 'policies'),
    menu: { labelKey: 'nav.policies', icon: FileTextOutlined, order: 200 },
  },
  { id: 'gov-policy-new', area: 'gov', path: 'policies/new', roles: ['department_staff'], component: lazyPage(() => import('./pages/PolicyNewPage.tsx'), 'policies') },
  { id: 'gov-policy', area: 'gov', path: 'policies/:id', roles: GOVERNMENT_READERS, component: lazyPage(() => import('./pages/PolicyPage.tsx'), 'policies') },
];
