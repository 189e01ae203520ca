import { AuditOutlined, FileDoneOutlined, FileTextOutlined, GiftOutlined, HomeOutlined, NotificationOutlined, PayCircleOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';
import { APPLICATION_READERS, GOVERNMENT_READERS } from './gov/lib/roles.ts';

/**
 * 政策直达 (policy direct access): the government side (`gov/`) authors policies and reviews what enterprises
 * apply for; the enterprise side (`portal/`) finds the policies it may enjoy and applies.
 */
export const routes: AppRoute[] = [
  // 政策管理, the department side: the list, a new draft, one policy. Department staff author and run their
  // own department's policies; dispatchers, cadres and data admins read published ones and may use the test
  // bench (the server decides what each may do; the pages show only that).
  {
    id: 'gov-policies',
    area: 'gov',
    path: 'policies',
    roles: GOVERNMENT_READERS,
    component: lazyPage(() => import('./gov/pages/PoliciesPage.tsx'), 'policies'),
    // Department staff edit (政策管理); the county's other readers read a 政策库.
    menu: { labelKey: 'nav.policies', readerLabelKey: 'nav.policyLibrary', editorRoles: ['department_staff'], icon: FileTextOutlined, order: 200 },
  },
  { id: 'gov-policy-new', area: 'gov', path: 'policies/new', roles: ['department_staff'], component: lazyPage(() => import('./gov/pages/PolicyNewPage.tsx'), 'policies') },
  { id: 'gov-policy', area: 'gov', path: 'policies/:id', roles: GOVERNMENT_READERS, component: lazyPage(() => import('./gov/pages/PolicyPage.tsx'), 'policies') },

  // The department's side of applications (申报审核), payments (资金兑付) and 免申即享: staff of the department
  // that owns a policy. The county's readers (leader, dispatch centre, administrator) open the applications
  // read-only, from the cockpit's policy charts or the menu. 公示公告 is public to every signed-in user;
  // government readers see it in their menu.
  {
    id: 'gov-applications',
    area: 'gov',
    path: 'applications',
    roles: APPLICATION_READERS,
    component: lazyPage(() => import('./gov/pages/ApplicationsPage.tsx'), 'reviews'),
    menu: { labelKey: 'nav.applications', icon: AuditOutlined, order: 210 },
  },
  { id: 'gov-application', area: 'gov', path: 'applications/:id', roles: APPLICATION_READERS, component: lazyPage(() => import('./gov/pages/ApplicationPage.tsx'), 'reviews') },
  {
    id: 'gov-public-notices',
    area: 'gov',
    path: 'public-notices',
    roles: GOVERNMENT_READERS,
    component: lazyPage(() => import('./gov/pages/PublicNoticesPage.tsx'), 'reviews'),
    menu: { labelKey: 'nav.publicNotices', icon: NotificationOutlined, order: 220 },
  },
  {
    id: 'gov-payments',
    area: 'gov',
    path: 'payments',
    roles: ['department_staff'],
    component: lazyPage(() => import('./gov/pages/DisbursementsPage.tsx'), 'reviews'),
    menu: { labelKey: 'nav.disbursements', icon: PayCircleOutlined, order: 230 },
  },
  {
    id: 'gov-auto-grants',
    area: 'gov',
    path: 'auto-grants',
    roles: ['department_staff'],
    component: lazyPage(() => import('./gov/pages/AutoGrantsPage.tsx'), 'reviews'),
    menu: { labelKey: 'nav.autoGrants', icon: GiftOutlined, order: 240 },
  },
  { id: 'gov-auto-grant', area: 'gov', path: 'auto-grants/:id', roles: ['department_staff'], component: lazyPage(() => import('./gov/pages/AutoGrantPage.tsx'), 'reviews') },

  // 政策直达 for the enterprise: the policy calculator is the portal's home; a policy's page explains it.
  // Both read 'applications' too, for application statuses.
  {
    id: 'portal-home',
    area: 'portal',
    path: '',
    component: lazyPage(() => import('./portal/pages/PolicyCalculatorPage.tsx'), ['portal-policies', 'applications']),
    menu: { labelKey: 'nav.home', icon: HomeOutlined, order: 0 },
  },
  { id: 'portal-policy', area: 'portal', path: 'policies/:id', component: lazyPage(() => import('./portal/pages/PolicyDetailPage.tsx'), ['portal-policies', 'applications']) },

  // 申报 for the enterprise: apply for a policy, 我的申报, one application with its timeline, 补正.
  { id: 'portal-apply', area: 'portal', path: 'policies/:id/apply', component: lazyPage(() => import('./portal/pages/ApplyPage.tsx'), 'applications') },
  {
    id: 'portal-applications',
    area: 'portal',
    path: 'applications',
    component: lazyPage(() => import('./portal/pages/MyApplicationsPage.tsx'), 'applications'),
    menu: { labelKey: 'nav.myApplications', icon: FileDoneOutlined, order: 50 },
  },
  { id: 'portal-application', area: 'portal', path: 'applications/:id', component: lazyPage(() => import('./portal/pages/ApplicationDetailPage.tsx'), 'applications') },
  { id: 'portal-application-resubmit', area: 'portal', path: 'applications/:id/resubmit', component: lazyPage(() => import('./portal/pages/ResubmitPage.tsx'), 'applications') },
];
