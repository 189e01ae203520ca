import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';

/** Every signed-in user has /account (reached from the user menu in the header). */
export const routes: AppRoute[] = [
  { id: 'account', area: null, path: '/account', component: lazyPage(() => import('./pages/AccountPage.tsx'), 'account') },
];
