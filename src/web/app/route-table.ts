import type { AppRoute } from './registry.ts';
import { routes as home } from '../features/home/routes.ts';
import { routes as admin } from '../features/admin/routes.ts';
import { routes as audit } from '../features/audit/routes.ts';
import { routes as account } from '../features/account/routes.ts';
import { routes as profile } from '../features/profile/routes.ts';
import { routes as policies } from '../features/policies/routes.ts';
import { routes as outbound } from '../features/outbound/routes.ts';
import { routes as notifications } from '../features/notifications/routes.ts';
import { routes as demands } from '../features/demands/routes.ts';
import { routes as finance } from '../features/finance/routes.ts';
import { routes as cadres } from '../features/cadres/routes.ts';
import { routes as cockpit } from '../features/cockpit/routes.ts';

/**
 * Every page of the signed-in app. A feature exports `routes: AppRoute[]` from `features/<feature>/routes.ts`
 * and is added to this list; the shell derives the router, the role guards and each area's menu from it.
 */
export const appRoutes: readonly AppRoute[] = [
  ...home,
  ...admin,
  ...audit,
  ...account,
  ...profile,
  ...policies,
  ...outbound,
  ...notifications,
  ...demands,
  ...finance,
  ...cadres,
  ...cockpit,
];
