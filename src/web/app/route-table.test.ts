import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import common from '../i18n/common.ts';
import type { Role } from '../api/types.ts';
import { canOpen, fullPath, homeOf, menuRoutes } from './access.ts';
import { AREA_IDS } from './areas.ts';
import { appRoutes } from './route-table.ts';

describe('the route table', () => {
  it('has unique ids and unique paths', () => {
    expect(new Set(appRoutes.map((route) => route.id)).size).toBe(appRoutes.length);
    const paths = appRoutes.map(fullPath);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('labels every menu entry with a key of common:nav', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'zh-CN', resources: { 'zh-CN': { common: common['zh-CN'] } }, defaultNS: 'common' });
    for (const route of appRoutes.filter((r) => r.menu)) {
      expect(i18n.exists(route.menu!.labelKey), `${route.id}: ${route.menu!.labelKey}`).toBe(true);
    }
  });

  it.each([
    ['admin', '/gov', ['gov-home', 'gov-cockpit', 'gov-applications', 'admin-users', 'admin-orgs', 'admin-outbound']],
    ['auditor', '/gov', ['gov-home', 'audit']],
    ['leader', '/gov/cockpit', ['gov-cockpit', 'gov-enterprises', 'gov-demands', 'gov-cadres', 'gov-policies', 'gov-applications', 'gov-public-notices', 'gov-finance-loans']],
    ['department_staff', '/gov', ['gov-home', 'gov-cockpit', 'gov-enterprises', 'gov-demands', 'gov-cadres', 'gov-policies', 'gov-applications', 'gov-public-notices', 'gov-payments', 'gov-auto-grants']],
    ['dispatcher', '/gov', ['gov-home', 'gov-cockpit', 'gov-enterprises', 'gov-demands', 'gov-demand-rules', 'gov-demand-hotline-import', 'gov-cadres', 'gov-policies', 'gov-applications', 'gov-public-notices']],
    ['cadre', '/gov', ['gov-home', 'gov-my-enterprises', 'gov-visit-new', 'gov-visits', 'gov-enterprises', 'gov-demands', 'gov-demand-new', 'gov-policies', 'gov-public-notices']],
    ['data_admin', '/gov', ['gov-home', 'gov-enterprises', 'gov-cadres', 'gov-policies', 'gov-public-notices', 'data-imports', 'data-disputes']],
    ['enterprise_user', '/portal', ['portal-home', 'portal-finance', 'portal-credit', 'portal-demands', 'portal-services', 'portal-applications', 'portal-loans', 'portal-profile', 'portal-consents']],
    ['bank_staff', '/bank', ['bank-home', 'bank-leads', 'bank-loans', 'bank-claims', 'bank-products', 'bank-enterprises']],
    ['provider_staff', '/provider', ['provider-home', 'provider-pool', 'provider-orders', 'provider-services', 'provider-enterprises']],
  ] as [Role, string, string[]][])('a %s lands on %s and sees %j', (role, home, menu) => {
    const user = { roles: [role] };
    expect(homeOf(user, appRoutes)).toBe(home);
    expect(AREA_IDS.flatMap((area) => menuRoutes(user, area, appRoutes)).map((route) => route.id)).toEqual(menu);
  });

  it('shows the finance office (金融办) pages to department staff of its organisation only', () => {
    const financePages = ['gov-finance-loans', 'gov-finance-products', 'gov-loan-programs', 'gov-risk-pools', 'gov-finance-kpis', 'gov-credit-models'];
    const office = { roles: ['department_staff'] as Role[], org: { code: 'jrb' } };
    const otherDepartment = { roles: ['department_staff'] as Role[], org: { code: 'jxw' } };
    expect(menuRoutes(office, 'gov', appRoutes).map((route) => route.id)).toEqual(expect.arrayContaining(financePages));
    expect(menuRoutes(otherDepartment, 'gov', appRoutes).map((route) => route.id).filter((id) => financePages.includes(id))).toEqual([]);
    const poolPage = appRoutes.find((route) => route.id === 'gov-risk-pool')!;
    expect(canOpen(office, poolPage)).toBe(true);
    expect(canOpen(otherDepartment, poolPage)).toBe(false);
  });

  it('opens the county loan ledger to the leader (read-only) and the finance office, not to other departments or banks', () => {
    const ledger = appRoutes.find((route) => route.id === 'gov-finance-loans')!;
    expect(fullPath(ledger)).toBe('/gov/finance/loans');
    expect(canOpen({ roles: ['leader'] as Role[], org: { code: null } }, ledger)).toBe(true);
    expect(canOpen({ roles: ['department_staff'] as Role[], org: { code: 'jrb' } }, ledger)).toBe(true);
    expect(canOpen({ roles: ['department_staff'] as Role[], org: { code: 'jxw' } }, ledger)).toBe(false);
    expect(canOpen({ roles: ['bank_staff'] as Role[], org: { code: null } }, ledger)).toBe(false);
    expect(canOpen({ roles: ['dispatcher'] as Role[], org: { code: null } }, ledger)).toBe(false);
    // Only the leader is let past the organisation check, not every role of the area.
    expect(canOpen({ roles: ['leader'] as Role[] }, appRoutes.find((route) => route.id === 'gov-finance-products')!)).toBe(false);
  });
});
