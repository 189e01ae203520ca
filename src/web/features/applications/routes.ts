import { FileDoneOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

/** 申报 for the enterprise: apply for a policy, 我的申报, one application with its timeline, 补正. */
export const routes: AppRoute[] = [
  { id: 'portal-apply', area: 'portal', path: 'policies/:id/apply', component: lazyPage(() => import('./pages/ApplyPage.tsx'), 'applications') },
  {
    id: 'portal-applications',
    area: 'portal',
    path: 'applications',
    component: lazyPage(() => import('./pages/MyApplicationsPage.tsx'), 'applications'),
    menu: { labelKey: 'nav.myApplications', icon: FileDoneOutlined, order: 50 },
  },
  { id: 'portal-application', area: 'portal', path: 'applications/:id', component: lazyPage(() => import('./pages/ApplicationDetailPage.tsx'), 'applications') },
  { id: 'portal-application-resubmit', area: 'portal', path: 'applications/:id/resubmit', component: lazyPage(() => import('./pages/ResubmitPage.tsx'), 'applications') },
];
