import type { Kysely } from 'kysely';
import { Prng } from '../../core/random/prng.ts';
import type { DB, Role } from '../db/schema.ts';
import { DEMO_PASSWORD, hashPassword } from '../modules/auth/index.ts';
import { recomputeAllProfiles } from '../modules/profiles/index.ts';
import { seedCreditModels } from '../modules/credit/index.ts';
import { seedCadreLinks } from './cadre-links.ts';
import { seedApplications } from './applications.ts';
import { seedCadres } from './cadres.ts';
import { seedDemands } from './demands.ts';
import { BANKS, DEMO_ACCOUNTS, DEPARTMENTS, DISPATCH_CENTRE, PLATFORM_ORG, SERVICE_PROVIDERS, TOWNS } from './county-data.ts';
import { seedCreditIndicators } from './credit-indicators.ts';
import { seedEnterprises, todayInShanghai } from './enterprises.ts';
import { seedRegistryFacts } from './registry-facts.ts';
import { seedFinance } from './finance.ts';
import { seedFinancePools } from './finance-pools.ts';
import { seedPolicies } from './policies.ts';

export { DEMO_ACCOUNTS } from './county-data.ts';

export interface SeedOptions {
  enterprises: number;
  seed: number;
  onProgress?: (stage: string, done?: number, total?: number) => void;
}

/**
 * Builds the demo county into an empty database, deterministically from the seed: towns, the
 * organisations, the demo accounts, N enterprises with three years of indicators, and 1,019 cadres.
 */
export async function seedDemoCounty(db: Kysely<DB>, options: SeedOptions): Promise<void> {
  const rng = new Prng(options.seed);
  const progress = options.onProgress ?? (() => {});

  progress('towns and organisations');
  const orgIds = await db.transaction().execute(async (trx) => {
    await trx.insertInto('towns').values(TOWNS.map((t) => ({ code: t.code, name: t.name, name_en: t.nameEn, kind: t.kind }))).execute();
    const insert = async (rows: { type: DB['organizations']['type']; name: string; code: string; service_team?: 'quasi_market' | 'market'; short_name?: string }[]) =>
      trx.insertInto('organizations').values(rows.map((r) => ({ service_team: null, ...r }))).returning(['id', 'code']).execute();
    const platform = await insert([{ type: 'platform', ...PLATFORM_ORG }]);
    const dispatch = await insert([{ type: 'dispatch_centre', ...DISPATCH_CENTRE }]);
    const departments = await insert(DEPARTMENTS.map((d) => ({ type: 'department' as const, code: d.code, name: d.name, short_name: d.shortName })));
    const banks = await insert(BANKS.map((b) => ({ type: 'bank' as const, ...b })));
    const providers = await insert(SERVICE_PROVIDERS.map((p) => ({ type: 'service_provider' as const, code: p.code, name: p.name, service_team: p.team })));
    const byCode = (rows: { id: number; code: string | null }[]) => new Map(rows.map((r) => [r.code!, r.id]));
    return {
      platform: platform[0].id,
      dispatch: dispatch[0].id,
      departments: byCode(departments),
      banks: byCode(banks),
      providers: byCode(providers),
    };
  });

  const { showcaseEnterpriseId } = await seedEnterprises(db, rng.fork(), {
    count: options.enterprises,
    onProgress: (done, total) => progress('enterprises and indicators', done, total),
  });
  await seedRegistryFacts(db, { showcaseEnterpriseId, referenceDate: todayInShanghai() });

  progress('demo accounts');
  // One hash for every demo account: argon2 is slow on purpose, and these passwords are public anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const enterpriseOrgId = await db.transaction().execute(async (trx) => {
    const showcase = await trx.selectFrom('enterprises').where('id', '=', showcaseEnterpriseId).select(['name', 'uscc']).executeTakeFirstOrThrow();
    const org = await trx.insertInto('organizations').values({ type: 'enterprise', name: showcase.name, code: showcase.uscc, service_team: null }).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('enterprises').set({ org_id: org.id }).where('id', '=', showcaseEnterpriseId).execute();
    return org.id;
  });
  const accountOrgs: Record<string, { orgId: number; roles: Role[] }> = {
    admin: { orgId: orgIds.platform, roles: ['admin'] },
    secadmin: { orgId: orgIds.platform, roles: ['security_admin'] },
    auditor: { orgId: orgIds.platform, roles: ['auditor'] },
    data: { orgId: orgIds.platform, roles: ['data_admin'] },
    ent: { orgId: enterpriseOrgId, roles: ['enterprise_user'] },
    dept: { orgId: orgIds.departments.get('jxw')!, roles: ['department_staff'] },
    // Payments need a maker and a different checker of the same department.
    dept2: { orgId: orgIds.departments.get('jxw')!, roles: ['department_staff'] },
    dispatch: { orgId: orgIds.dispatch, roles: ['dispatcher'] },
    cadre: { orgId: orgIds.departments.get('fgw')!, roles: ['cadre'] },
    bank: { orgId: orgIds.banks.get('cqrcb')!, roles: ['bank_staff'] },
    // The county finance office (金融办): approves loan products, sees every lead and loan.
    finance: { orgId: orgIds.departments.get('jrb')!, roles: ['department_staff'] },
    // Risk-pool payouts need a maker (finance) and a different checker of the finance office.
    finance2: { orgId: orgIds.departments.get('jrb')!, roles: ['department_staff'] },
    provider: { orgId: orgIds.providers.get('smepsc')!, roles: ['provider_staff'] },
    // 县领导: read-only over the county (the cockpit, lists and exports); seated with the platform centre.
    leader: { orgId: orgIds.platform, roles: ['leader'] },
  };
  const users = await db
    .insertInto('users')
    .values(
      DEMO_ACCOUNTS.map((account) => ({
        username: account.username,
        display_name: account.displayName,
        password_hash: passwordHash,
        org_id: accountOrgs[account.username].orgId,
        roles: accountOrgs[account.username].roles,
      })),
    )
    .returning(['id', 'username'])
    .execute();

  progress('cadres');
  await seedCadres(db, rng.fork(), {
    departmentOrgIds: [...orgIds.departments.values()],
    townCodes: TOWNS.map((t) => t.code),
    demoCadreUserId: users.find((u) => u.username === 'cadre')!.id,
    demoCadreOrgId: accountOrgs.cadre.orgId,
  });

  await recomputeAllProfiles(db, { onProgress: (done, total) => progress('derived profiles', done, total) });

  progress('policies and their county match');
  await seedPolicies(db, { departmentOrgIds: orgIds.departments, departmentUser: { id: users.find((u) => u.username === 'dept')!.id, orgId: accountOrgs.dept.orgId } });

  progress('demands and the service catalogue');
  const userId = (username: string) => users.find((u) => u.username === username)!.id;
  await seedDemands(db, rng.fork(), {
    showcaseEnterpriseId,
    orgIdByCode: new Map([...orgIds.departments, [DISPATCH_CENTRE.code, orgIds.dispatch], ...orgIds.providers]),
    users: { ent: userId('ent'), dept: userId('dept'), dispatch: userId('dispatch'), cadre: userId('cadre'), provider: userId('provider') },
    cadreOrgId: accountOrgs.cadre.orgId,
  });
  progress('loan products, historical loans and open leads');
  await seedFinance(db, new Prng(options.seed ^ 0x10a75eed), {
    referenceDate: todayInShanghai(),
    bankOrgIds: orgIds.banks,
    bankUserId: users.find((u) => u.username === 'bank')!.id,
    financeUserId: users.find((u) => u.username === 'finance')!.id,
  });

  // After the loans seed (its products, the county's 垫易贷 and historical loans): the pools, their ledger,
  // claims and the 抗疫贷 programme. Its own PRNG stream, so it shifts nothing seeded before it.
  progress('risk pools and policy-loan programmes');
  await seedFinancePools(db, new Prng(options.seed ^ 0x9001f00d), { referenceDate: todayInShanghai() });

  // After the policies and their county match (who is eligible, for how much): three years of applications,
  // 免申即享 grants and their payments, the departments' current work, past imports and disputes. Its own
  // PRNG stream, so it shifts nothing seeded before it.
  progress('policy applications, grants and payments');
  await seedApplications(db, new Prng(options.seed ^ 0x0a99c1a5), {
    referenceDate: todayInShanghai(),
    departmentOrgIds: orgIds.departments,
    showcaseEnterpriseId,
    users: { ent: userId('ent'), dept: userId('dept'), dept2: userId('dept2'), finance: userId('finance'), data: userId('data') },
  });

  // Keep last: the credit facts lean on how the finance seed's historical loans ended, and the demo's
  // trained scorecard learns from those loans. Its own PRNG stream, so it shifts nothing seeded before it.
  progress('credit facts');
  await seedCreditIndicators(db, new Prng(options.seed ^ 0x5eedc3ed), { referenceYear: Number(todayInShanghai().slice(0, 4)) });
  progress('credit models (the expert scorecard, one trained on the historical loans)');
  await seedCreditModels(db);

  // 千人联千企: every firm linked to a cadre, a year of visits, this quarter's plans. After demands (the
  // demands cadres filed become visits that raised them), policies and finance (the demo cadre's firms
  // have matches and loans). Its own PRNG stream, so it shifts nothing seeded before it.
  progress('cadre links, visits and plans (千人联千企)');
  await seedCadreLinks(db, new Prng(options.seed ^ 0x11a4c0de), { referenceDate: todayInShanghai(), demoCadreUserId: users.find((u) => u.username === 'cadre')!.id });

  // The security administrator's home has work: two sign-in locks (an outsider failing at a demo name from
  // an address of its own, and a probe of a name that does not exist) and two passwords nearing expiry.
  // Locks are per name and address, so the demo accounts still sign in from anywhere else.
  progress('sign-in locks and ageing passwords (the security administrator)');
  await seedSecurityWork(db, new Date());
}

async function seedSecurityWork(db: Kysely<DB>, now: Date): Promise<void> {
  const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
  await db
    .insertInto('login_throttle')
    .values([
      { username: 'bank', ip: '10.8.0.23', failures: 0, locks: 2, locked_until: minutes(25), last_failure_at: minutes(-5) },
      { username: 'root', ip: '203.0.113.9', failures: 0, locks: 1, locked_until: minutes(12), last_failure_at: minutes(-3) },
    ])
    .execute();
  // 77 and 80 days old: inside the 14-day warning of the default 90-day lifetime, not yet expired.
  for (const [username, days] of [['provider', 77], ['dept2', 80]] as const) {
    await db.updateTable('users').set({ password_changed_at: minutes(-days * 24 * 60) }).where('username', '=', username).execute();
  }
}
