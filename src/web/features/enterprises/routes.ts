import { IdcardOutlined, ShopOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

const ProfilePage = lazyPage(() => import('./pages/EnterpriseProfilePage.tsx'), 'enterprises');

/** Government readers of enterprise data (the server's GOVERNMENT_READER_ROLES). */
const GOVERNMENT_READERS = ['department_staff', 'dispatcher', 'cadre', 'data_admin'] as const;

export const routes: AppRoute[] = [
  {
    id: 'gov-enterprises',
    area: 'gov',
    path: 'enterprises',
    roles: GOVERNMENT_READERS,
    component: lazyPage(() => import('./pages/EnterprisesPage.tsx'), 'enterprises'),
    menu: { labelKey: 'nav.enterprises', icon: ShopOutlined, order: 100 },
  },
  { id: 'gov-enterprise-profile', area: 'gov', path: 'enterprises/:id', roles: GOVERNMENT_READERS, component: ProfilePage },
  {
    id: 'portal-profile',
    area: 'portal',
    path: 'profile',
    component: lazyPage(() => import('./pages/MyProfilePage.tsx'), 'enterprises'),
    menu: { labelKey: 'nav.myProfile', icon: IdcardOutlined, order: 100 },
  },
  // Banks and providers open a profile from their list of authorised enterprises (features/consents).
  { id: 'bank-enterprise-profile', area: 'bank', path: 'enterprises/:id', component: ProfilePage },
  { id: 'provider-enterprise-profile', area: 'provider', path: 'enterprises/:id', component: ProfilePage },
];
