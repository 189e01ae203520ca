import type { AppRoute } from './registry.ts';
import { routes as home } from '../features/home/routes.ts';
import { routes as admin } from '../features/admin/routes.ts';
import { routes as audit } from '../features/audit/routes.ts';
import { routes as account } from '../features/account/routes.ts';
import { routes as enterprises } from '../features/enterprises/routes.ts';
import { routes as consents } from '../features/consents/routes.ts';
import { routes as dataAdmin } from '../features/data-admin/routes.ts';
import { routes as policies } from '../features/policies/routes.ts';
import { routes as reviews } from '../features/reviews/routes.ts';
import { routes as outbound } from '../features/outbound/routes.ts';
import { routes as portalPolicies } from '../features/portal-policies/routes.ts';
import { routes as applications } from '../features/applications/routes.ts';
import { routes as notifications } from '../features/notifications/routes.ts';

/**
 * Every page of the signed-in app. A feature exports `routes: AppRoute[]` from `features/<domain>/routes.ts`
 * and is added to this list; the shell derives the router, the role guards and each area's menu from it.
 */
export const appRoutes: readonly AppRoute[] = [
  ...home,
  ...admin,
  ...audit,
  ...account,
  ...enterprises,
  ...consents,
  ...dataAdmin,
  ...policies,
  ...reviews,
  ...outbound,
  ...portalPolicies,
  ...applications,
  ...notifications,
];
