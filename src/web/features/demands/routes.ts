import { AppstoreOutlined, BranchesOutlined, FileAddOutlined, FormOutlined, HomeOutlined, InboxOutlined, PhoneOutlined, ScheduleOutlined, ShopOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

const DETAIL = lazyPage(() => import('./shared/pages/DemandDetailPage.tsx'), 'demands');
const WORK_LIST = lazyPage(() => import('./shared/pages/WorkListPage.tsx'), 'demands');
const CATALOGUE = lazyPage(() => import('./portal/pages/ServiceCataloguePage.tsx'), 'demands');

/**
 * 诉求 (demands): the enterprise files, follows and rates its demands and picks providers from the service
 * catalogue (portal/); the dispatcher works the queue with routing suggestions, departments and cadres their
 * orders (gov/; the dispatcher's home is rendered by features/home for the dispatcher role), imports 12345
 * hotline work orders and keeps the keyword routing rules, a cadre files for an enterprise; providers claim
 * from the pool, handle orders and keep their catalogue items (provider/, whose home is the workbench).
 */
export const routes: AppRoute[] = [
  {
    id: 'portal-demands',
    area: 'portal',
    path: 'demands',
    component: lazyPage(() => import('./portal/pages/MyDemandsPage.tsx'), 'demands'),
    menu: { labelKey: 'nav.myDemands', icon: FileAddOutlined, order: 40 },
  },
  { id: 'portal-demand-new', area: 'portal', path: 'demands/new', component: lazyPage(() => import('./portal/pages/FileDemandPage.tsx'), 'demands') },
  { id: 'portal-demand', area: 'portal', path: 'demands/:id', component: DETAIL },
  { id: 'portal-services', area: 'portal', path: 'services', component: CATALOGUE, menu: { labelKey: 'nav.serviceCatalogue', icon: ShopOutlined, order: 45 } },

  {
    id: 'gov-demands',
    area: 'gov',
    path: 'demands',
    // The county leader reads every demand (and acts on none).
    roles: ['dispatcher', 'department_staff', 'cadre', 'leader'],
    component: WORK_LIST,
    menu: { labelKey: 'nav.demands', icon: ScheduleOutlined, order: 100 },
  },
  {
    id: 'gov-demand-new',
    area: 'gov',
    path: 'demands/new',
    roles: ['cadre'],
    // The enterprise search is the policies feature's picker (its strings are in 'policies').
    component: lazyPage(() => import('./gov/pages/FileOnBehalfPage.tsx'), ['demands', 'policies']),
    menu: { labelKey: 'nav.fileOnBehalf', icon: FormOutlined, order: 101 },
  },
  {
    id: 'gov-demand-rules',
    area: 'gov',
    path: 'demands/rules',
    roles: ['dispatcher'],
    component: lazyPage(() => import('./gov/pages/RoutingRulesPage.tsx'), 'demands'),
    menu: { labelKey: 'nav.routingRules', icon: BranchesOutlined, order: 102 },
  },
  {
    id: 'gov-demand-hotline-import',
    area: 'gov',
    path: 'demands/hotline-import',
    roles: ['dispatcher'],
    // Progress, counts and row errors are the imports pages' components (strings in 'data-admin').
    component: lazyPage(() => import('./gov/pages/HotlineImportPage.tsx'), ['demands', 'data-admin']),
    menu: { labelKey: 'nav.hotlineImport', icon: PhoneOutlined, order: 103 },
  },
  { id: 'gov-demand', area: 'gov', path: 'demands/:id', roles: ['dispatcher', 'department_staff', 'cadre', 'leader'], component: DETAIL },

  {
    id: 'provider-home',
    area: 'provider',
    path: '',
    component: lazyPage(() => import('./provider/pages/ProviderHome.tsx'), 'demands'),
    menu: { labelKey: 'nav.workbench', icon: HomeOutlined, order: 0 },
  },
  { id: 'provider-pool', area: 'provider', path: 'pool', component: lazyPage(() => import('./provider/pages/PoolPage.tsx'), 'demands'), menu: { labelKey: 'nav.claimPool', icon: ThunderboltOutlined, order: 10 } },
  { id: 'provider-orders', area: 'provider', path: 'orders', component: WORK_LIST, menu: { labelKey: 'nav.myOrders', icon: InboxOutlined, order: 20 } },
  { id: 'provider-demand', area: 'provider', path: 'demands/:id', component: DETAIL },
  {
    id: 'provider-services',
    area: 'provider',
    path: 'services',
    component: lazyPage(() => import('./provider/pages/MyServicesPage.tsx'), 'demands'),
    menu: { labelKey: 'nav.myServices', icon: AppstoreOutlined, order: 30 },
  },
];
