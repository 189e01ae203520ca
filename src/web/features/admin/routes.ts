import { lazy } from 'react';
import { ApartmentOutlined, TeamOutlined } from '@ant-design/icons';
import type { AppRoute } from '../../app/registry.ts';

export const routes: AppRoute[] = [
  {
    id: 'admin-users',
    area: 'gov',
    path: 'admin/users',
    roles: ['admin'],
    component: lazy(() => import('./pages/UsersPage.tsx')),
    menu: { labelKey: 'nav.adminUsers', icon: TeamOutlined, order: 900 },
  },
  {
    id: 'admin-orgs',
    area: 'gov',
    path: 'admin/orgs',
    roles: ['admin'],
    component: lazy(() => import('./pages/OrgsPage.tsx')),
    menu: { labelKey: 'nav.adminOrgs', icon: ApartmentOutlined, order: 910 },
  },
];
