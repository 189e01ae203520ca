import { CloudUploadOutlined, ExceptionOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

export const routes: AppRoute[] = [
  {
    id: 'data-imports',
    area: 'gov',
    path: 'data/imports',
    roles: ['data_admin'],
    component: lazyPage(() => import('./pages/ImportsPage.tsx'), 'data-admin'),
    menu: { labelKey: 'nav.dataImports', icon: CloudUploadOutlined, order: 800 },
  },
  {
    id: 'data-disputes',
    area: 'gov',
    path: 'data/disputes',
    roles: ['data_admin'],
    component: lazyPage(() => import('./pages/DisputesPage.tsx'), 'data-admin'),
    menu: { labelKey: 'nav.dataDisputes', icon: ExceptionOutlined, order: 810 },
  },
];
