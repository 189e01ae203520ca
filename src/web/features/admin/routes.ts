import { ApartmentOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

export const routes: AppRoute[] = [
  {
    id: 'admin-users',
    area: 'gov',
    path: 'admin/users',
    roles: ['admin'],
    component: lazyPage(() => import('./pages/UsersPage.tsx'), 'admin'),
    menu: { labelKey: 'nav.adminUsers', icon: TeamOutlined, order: 900 },
  },
  {
    id: 'admin-orgs',
    area: 'gov',
    path: 'admin/orgs',
    roles: ['admin'],
    component: lazyPage(() => import('./pages/OrgsPage.tsx'), 'admin'),
    menu: { labelKey: 'nav.adminOrgs', icon: ApartmentOutlined, order: 910 },
  },
  {
    id: 'security',
    area: 'gov',
    path: 'security',
    roles: ['security_admin'],
    component: lazyPage(() => import('./security/SecurityPage.tsx'), 'security'),
    menu: { labelKey: 'nav.security', icon: SafetyCertificateOutlined, order: 920 },
  },
];
