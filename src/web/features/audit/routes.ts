import { AuditOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

export const routes: AppRoute[] = [
  {
    id: 'audit',
    area: 'gov',
    path: 'audit',
    roles: ['auditor'],
    component: lazyPage(() => import('./pages/AuditLogPage.tsx'), 'audit'),
    menu: { labelKey: 'nav.audit', icon: AuditOutlined, order: 950 },
  },
];
