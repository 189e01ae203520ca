import { lazy } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import type { AppRoute } from '../../app/registry.ts';

export const routes: AppRoute[] = [
  {
    id: 'audit',
    area: 'gov',
    path: 'audit',
    roles: ['auditor'],
    component: lazy(() => import('./pages/AuditLogPage.tsx')),
    menu: { labelKey: 'nav.audit', icon: AuditOutlined, order: 950 },
  },
];
