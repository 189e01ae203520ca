import { ApartmentOutlined, FormOutlined, HistoryOutlined, TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

/** Government staff who see every cadre's coverage and work (the server's CADRE_VIEWER_ROLES, admin aside). */
const CADRE_VIEWERS = ['department_staff', 'dispatcher', 'data_admin', 'leader'] as const;

/**
 * 千人联千企: the cadre's own pages (我的企业, the visit form, visits and this quarter's plan) and, for
 * government staff, the cadre list with coverage charts and leaderboards and each cadre's detail. The
 * firm's cadre is shown on the enterprise profile (gov/components/EnterpriseCadreCard.tsx); the linking
 * table is imported on the data-admin import page (kind 'cadre_links').
 */
export const routes: AppRoute[] = [
  {
    id: 'gov-my-enterprises',
    area: 'gov',
    path: 'my-enterprises',
    roles: ['cadre'],
    component: lazyPage(() => import('./cadre/pages/MyEnterprisesPage.tsx'), 'cadres'),
    menu: { labelKey: 'nav.myEnterprises', icon: ApartmentOutlined, order: 20 },
  },
  {
    id: 'gov-visit-new',
    area: 'gov',
    path: 'visits/new',
    roles: ['cadre'],
    component: lazyPage(() => import('./cadre/pages/VisitFormPage.tsx'), ['cadres', 'demands']),
    menu: { labelKey: 'nav.visitForm', icon: FormOutlined, order: 22 },
  },
  {
    id: 'gov-visits',
    area: 'gov',
    path: 'visits',
    roles: ['cadre'],
    component: lazyPage(() => import('./cadre/pages/MyVisitsPage.tsx'), 'cadres'),
    menu: { labelKey: 'nav.myVisits', icon: HistoryOutlined, order: 24 },
  },
  { id: 'gov-visit', area: 'gov', path: 'visits/:id', roles: ['cadre', ...CADRE_VIEWERS], component: lazyPage(() => import('./cadre/pages/VisitPage.tsx'), ['cadres', 'demands']) },
  {
    id: 'gov-cadres',
    area: 'gov',
    path: 'cadres',
    roles: CADRE_VIEWERS,
    component: lazyPage(() => import('./gov/pages/CadresPage.tsx'), 'cadres'),
    menu: { labelKey: 'nav.cadres', icon: TeamOutlined, order: 150 },
  },
  { id: 'gov-cadre', area: 'gov', path: 'cadres/:id', roles: ['cadre', ...CADRE_VIEWERS], component: lazyPage(() => import('./gov/pages/CadreDetailPage.tsx'), 'cadres') },
];
