import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types.ts';
import { canOpen, fullPath, homeOf, menuLabelKey, menuRoutes, safeNextPath, type RouteAccess } from './access.ts';
import { areaOfPath, areasOf } from './areas.ts';

// The same shape as the real route table, without React.
const routes: RouteAccess[] = [
  { id: 'portal-home', area: 'portal', path: '', menu: { order: 0 } },
  { id: 'gov-home', area: 'gov', path: '', roles: ['department_staff', 'dispatcher', 'cadre', 'data_admin', 'admin'], menu: { order: 0 } },
  { id: 'bank-home', area: 'bank', path: '', menu: { order: 0 } },
  { id: 'provider-home', area: 'provider', path: '', menu: { order: 0 } },
  { id: 'admin-orgs', area: 'gov', path: 'admin/orgs', roles: ['admin'], menu: { order: 910 } },
  { id: 'admin-users', area: 'gov', path: 'admin/users', roles: ['admin'], menu: { order: 900 } },
  { id: 'audit', area: 'gov', path: 'audit', roles: ['auditor'], menu: { order: 950 } },
  { id: 'account', area: null, path: '/account' },
];

const as = (...roles: Role[]) => ({ roles });

describe('homeOf', () => {
  it.each([
    [['enterprise_user'], '/portal'],
    [['department_staff'], '/gov'],
    [['dispatcher'], '/gov'],
    [['cadre'], '/gov'],
    [['admin'], '/gov'],
    [['auditor'], '/gov/audit'],
    [['bank_staff'], '/bank'],
    [['provider_staff'], '/provider'],
    [[], '/account'],
  ] as [Role[], string][])('%j → %s', (roles, home) => {
    expect(homeOf(as(...roles), routes)).toBe(home);
  });
});

describe('menuRoutes', () => {
  const ids = (roles: Role[]) => menuRoutes(as(...roles), 'gov', routes).map((route) => route.id);

  it('shows an admin the workbench, users and organisations, in menu order', () => {
    expect(ids(['admin'])).toEqual(['gov-home', 'admin-users', 'admin-orgs']);
  });

  it('shows an auditor the audit log and nothing else', () => {
    expect(ids(['auditor'])).toEqual(['audit']);
  });

  it('shows department staff only their workbench', () => {
    expect(ids(['department_staff'])).toEqual(['gov-home']);
  });

  it('shows an enterprise user nothing of the government console', () => {
    expect(ids(['enterprise_user'])).toEqual([]);
  });
});

describe('canOpen', () => {
  const byId = (id: string) => routes.find((route) => route.id === id)!;

  it('defaults a route to the roles of its area', () => {
    expect(canOpen(as('bank_staff'), byId('bank-home'))).toBe(true);
    expect(canOpen(as('enterprise_user'), byId('bank-home'))).toBe(false);
  });

  it('keeps admin pages from other government roles and the auditor', () => {
    expect(canOpen(as('cadre'), byId('admin-users'))).toBe(false);
    expect(canOpen(as('auditor'), byId('admin-users'))).toBe(false);
    expect(canOpen(as('auditor'), byId('gov-home'))).toBe(false);
  });

  it('lets everyone open a page outside the areas', () => {
    expect(canOpen(as(), byId('account'))).toBe(true);
  });
});

describe('paths', () => {
  it('joins area base and route path', () => {
    expect(fullPath({ area: 'gov', path: '' })).toBe('/gov');
    expect(fullPath({ area: 'gov', path: 'admin/users' })).toBe('/gov/admin/users');
    expect(fullPath({ area: null, path: '/account' })).toBe('/account');
  });

  it('finds the area of a path without matching a mere prefix', () => {
    expect(areaOfPath('/gov')).toBe('gov');
    expect(areaOfPath('/gov/audit')).toBe('gov');
    expect(areaOfPath('/government')).toBeNull();
    expect(areaOfPath('/account')).toBeNull();
  });

  it('gives a user with roles in two areas both', () => {
    expect(areasOf(as('cadre', 'enterprise_user'))).toEqual(['gov', 'portal']);
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/gov/audit?page=2', '/gov/audit?page=2'],
    ['/portal', '/portal'],
    [null, null],
    ['', null],
    ['https://evil.example/', null],
    ['//evil.example/x', null],
    ['/\\evil.example', null],
    ['/login', null],
    ['/login?next=/gov', null],
    ['gov', null],
  ])('%s → %s', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});

describe('menuLabelKey', () => {
  const policies = { labelKey: 'nav.policies', readerLabelKey: 'nav.policyLibrary', editorRoles: ['department_staff'] as const };
  it.each([
    [['department_staff'], 'nav.policies'],
    [['leader'], 'nav.policyLibrary'],
    [['dispatcher'], 'nav.policyLibrary'],
    [['cadre', 'data_admin'], 'nav.policyLibrary'],
    [['admin'], 'nav.policyLibrary'],
  ] as [Role[], string][])('%j sees %s', (roles, key) => {
    expect(menuLabelKey(as(...roles), policies)).toBe(key);
  });
  it('keeps the one label of an entry without a reader label', () => {
    expect(menuLabelKey(as('leader'), { labelKey: 'nav.applications' })).toBe('nav.applications');
  });
});
