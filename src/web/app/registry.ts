import type { ComponentType, LazyExoticComponent } from 'react';
import type { Role } from '../api/types.ts';
import type { AreaId } from './areas.ts';

/** A key of `common:nav.*`: menu labels live in the shell's namespace so the menu needs no feature chunk. */
export type NavLabelKey = `nav.${
  | 'home'
  | 'workbench'
  | 'adminUsers'
  | 'adminOrgs'
  | 'security'
  | 'audit'
  | 'account'
  | 'enterprises'
  | 'myProfile'
  | 'myApplications'
  | 'consents'
  | 'authorisedEnterprises'
  | 'dataImports'
  | 'dataDisputes'
  | 'countyLoans'
  | 'policies'
  | 'policyLibrary'
  | 'applications'
  | 'publicNotices'
  | 'disbursements'
  | 'autoGrants'
  | 'outbound'
  | 'myDemands'
  | 'serviceCatalogue'
  | 'demands'
  | 'fileOnBehalf'
  | 'routingRules'
  | 'hotlineImport'
  | 'claimPool'
  | 'myOrders'
  | 'myServices'
  | 'marketplace'
  | 'myCredit'
  | 'myLoans'
  | 'leads'
  | 'loans'
  | 'riskClaims'
  | 'bankProducts'
  | 'financeProducts'
  | 'loanPrograms'
  | 'riskPools'
  | 'financeKpis'
  | 'creditModels'
  | 'myEnterprises'
  | 'myVisits'
  | 'visitForm'
  | 'cadres'
  | 'cockpit'}`;

/**
 * One page of a feature, as the feature registers it (in `features/<feature>/routes.ts`). The shell builds
 * the router, the guards and the side menu from the list of all of them (`app/route-table.ts`).
 */
export interface AppRoute {
  /** Unique; also the menu key and the menu item's test id (`nav-<id>`). */
  id: string;
  /** The area whose layout and menu the page belongs to; null for pages every user has (/account). */
  area: AreaId | null;
  /** Path below the area's base ('' is the area's index), or an absolute path when `area` is null. */
  path: string;
  /** Who may open the page; default: everyone who may enter the area. */
  roles?: readonly Role[];
  /** Only users of these organisations (by code); default: any organisation. */
  orgCodes?: readonly string[];
  /** Roles that open the page whatever their organisation (besides `roles` of `orgCodes`). */
  anyOrgRoles?: readonly Role[];
  /** The page, always lazy so it does not weigh on the login page: `lazyPage(() => import(…), ns)`. */
  component: LazyExoticComponent<ComponentType>;
  /** Shown in the area's side menu when present. Lower `order` first. */
  /**
   * Shown in the area's side menu when present. Lower `order` first. With `readerLabelKey`, users without
   * any of `editorRoles` see that label instead (政策库 for those who only read what 政策管理 edits).
   */
  menu?: { labelKey: NavLabelKey; icon: ComponentType; order: number; readerLabelKey?: NavLabelKey; editorRoles?: readonly Role[] };
}
