import { ApiOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

/** 外发失败: the administrators' dead-letter list of outbound notification deliveries. */
export const routes: AppRoute[] = [
  {
    id: 'admin-outbound',
    area: 'gov',
    path: 'admin/outbound',
    roles: ['admin'],
    component: lazyPage(() => import('./pages/DeadLettersPage.tsx'), 'outbound'),
    menu: { labelKey: 'nav.outbound', icon: ApiOutlined, order: 920 },
  },
];
