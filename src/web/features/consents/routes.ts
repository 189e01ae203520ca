import { SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

const ReceivedPage = lazyPage(() => import('./pages/ReceivedConsentsPage.tsx'), 'consents');

export const routes: AppRoute[] = [
  {
    id: 'portal-consents',
    area: 'portal',
    path: 'consents',
    component: lazyPage(() => import('./pages/ConsentsPage.tsx'), 'consents'),
    menu: { labelKey: 'nav.consents', icon: SafetyCertificateOutlined, order: 200 },
  },
  { id: 'bank-enterprises', area: 'bank', path: 'enterprises', component: ReceivedPage, menu: { labelKey: 'nav.authorisedEnterprises', icon: TeamOutlined, order: 100 } },
  { id: 'provider-enterprises', area: 'provider', path: 'enterprises', component: ReceivedPage, menu: { labelKey: 'nav.authorisedEnterprises', icon: TeamOutlined, order: 100 } },
];
