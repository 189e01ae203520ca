import { CloudUploadOutlined, ExceptionOutlined, IdcardOutlined, SafetyCertificateOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

/**
 * 企业画像 (the enterprise profile): the government searches the registry and keeps its data (`gov/`), the
 * enterprise sees and corrects its own profile and grants consents (`portal/`), banks and service providers
 * see the enterprises that consented to them (pages in `shared/`, which serve more than one area).
 */

/** Government readers of enterprise data (the server's GOVERNMENT_READER_ROLES). */
const GOVERNMENT_READERS = ['department_staff', 'dispatcher', 'cadre', 'data_admin', 'leader'] as const;

const ProfilePage = lazyPage(() => import('./shared/pages/EnterpriseProfilePage.tsx'), 'enterprises');
const ReceivedConsentsPage = lazyPage(() => import('./shared/pages/ReceivedConsentsPage.tsx'), 'consents');

export const routes: AppRoute[] = [
  {
    id: 'gov-enterprises',
    area: 'gov',
    path: 'enterprises',
    roles: GOVERNMENT_READERS,
    component: lazyPage(() => import('./gov/pages/EnterprisesPage.tsx'), 'enterprises'),
    menu: { labelKey: 'nav.enterprises', icon: ShopOutlined, order: 100 },
  },
  { id: 'gov-enterprise-profile', area: 'gov', path: 'enterprises/:id', roles: GOVERNMENT_READERS, component: ProfilePage },
  {
    id: 'portal-profile',
    area: 'portal',
    path: 'profile',
    component: lazyPage(() => import('./portal/pages/MyProfilePage.tsx'), 'enterprises'),
    menu: { labelKey: 'nav.myProfile', icon: IdcardOutlined, order: 100 },
  },
  // Banks and providers open a profile from their list of authorised enterprises.
  { id: 'bank-enterprise-profile', area: 'bank', path: 'enterprises/:id', component: ProfilePage },
  { id: 'provider-enterprise-profile', area: 'provider', path: 'enterprises/:id', component: ProfilePage },

  // Consents: the enterprise grants and revokes them; a bank or provider lists the enterprises that granted one.
  {
    id: 'portal-consents',
    area: 'portal',
    path: 'consents',
    component: lazyPage(() => import('./portal/pages/ConsentsPage.tsx'), 'consents'),
    menu: { labelKey: 'nav.consents', icon: SafetyCertificateOutlined, order: 200 },
  },
  { id: 'bank-enterprises', area: 'bank', path: 'enterprises', component: ReceivedConsentsPage, menu: { labelKey: 'nav.authorisedEnterprises', icon: TeamOutlined, order: 100 } },
  { id: 'provider-enterprises', area: 'provider', path: 'enterprises', component: ReceivedConsentsPage, menu: { labelKey: 'nav.authorisedEnterprises', icon: TeamOutlined, order: 100 } },

  // Data administration (数据治理): imports of registry and indicator data, disputes enterprises filed.
  {
    id: 'data-imports',
    area: 'gov',
    path: 'data/imports',
    roles: ['data_admin'],
    component: lazyPage(() => import('./gov/pages/ImportsPage.tsx'), 'data-admin'),
    menu: { labelKey: 'nav.dataImports', icon: CloudUploadOutlined, order: 800 },
  },
  {
    id: 'data-disputes',
    area: 'gov',
    path: 'data/disputes',
    roles: ['data_admin'],
    component: lazyPage(() => import('./gov/pages/DisputesPage.tsx'), 'data-admin'),
    menu: { labelKey: 'nav.dataDisputes', icon: ExceptionOutlined, order: 810 },
  },
];
