import { lazy, type ComponentType } from 'react';
import { HomeOutlined } from '@ant-design/icons';
import type { AppRoute } from '../../app/registry.ts';
import { i18n } from '../../i18n/index.ts';

/**
 * A page of this feature: its code with both namespaces it reads ('portal-policies', and 'applications'
 * for application statuses), fetched together so the page does not suspend a second time.
 */
function page(load: () => Promise<{ default: ComponentType }>) {
  return lazy(() => Promise.all([load(), i18n.loadNamespaces(['portal-policies', 'applications'])]).then(([module]) => module));
}

/** 政策直达 for the enterprise: the policy calculator is the portal's home; a policy's page explains it. */
export const routes: AppRoute[] = [
  {
    id: 'portal-home',
    area: 'portal',
    path: '',
    component: page(() => import('./pages/PolicyCalculatorPage.tsx')),
    menu: { labelKey: 'nav.home', icon: HomeOutlined, order: 0 },
  },
  { id: 'portal-policy', area: 'portal', path: 'policies/:id', component: page(() => import('./pages/PolicyDetailPage.tsx')) },
];
