import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, OrgType } from '../../src/server/db/schema.ts';
import type { DemandDetail } from '../../src/server/modules/demands/demands.schemas.ts';
import type { Actor } from '../../src/server/request-context.ts';
import type { TestClient } from '../app.ts';
import { createEnterprise, signIn, TEST_TOWNS } from './enterprises.ts';

type Client = Awaited<ReturnType<typeof signIn>>;

let sequence = 0;

/** An organisation with a given code (categories name their department by code). */
export async function createCodedOrg(db: Kysely<DB>, type: OrgType, code: string, name: string, serviceTeam: 'quasi_market' | 'market' | null = null): Promise<number> {
  const existing = await db.selectFrom('organizations').where('code', '=', code).select('id').executeTakeFirst();
  if (existing) return existing.id;
  const row = await db.insertInto('organizations').values({ type, code, name, service_team: serviceTeam }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function createCadre(db: Kysely<DB>, options: { orgId: number; position: string; townCode?: string | null; userId?: number | null; name?: string }): Promise<number> {
  sequence++;
  const row = await db
    .insertInto('cadres')
    .values({ name: options.name ?? `干部${sequence}`, position: options.position, org_id: options.orgId, town_code: options.townCode ?? null, user_id: options.userId ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createService(db: Kysely<DB>, options: { providerOrgId: number; categoryCode: string; team?: 'non_market' | 'quasi_market' | 'market'; name?: string; priceFen?: number | null }): Promise<number> {
  sequence++;
  const price = options.priceFen === undefined ? null : options.priceFen;
  const row = await db
    .insertInto('services')
    .values({ provider_org_id: options.providerOrgId, team: options.team ?? 'market', kind: 'finance', category_code: options.categoryCode, name: options.name ?? `服务${sequence}`, description: '测试服务', price_fen: price, is_free: price === null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface DemandCounty {
  financeDeptId: number;
  hrDeptId: number;
  dispatchOrgId: number;
  dispatcher: Client;
  financeStaff: Client;
  hrStaff: Client;
  enterprise: { id: number; orgId: number };
  ent: Client;
  otherEnterprise: { id: number; orgId: number };
  otherEnt: Client;
  financeHeadCadreId: number;
  financeHeadUser: Client;
}

/**
 * A small county for demand tests: the finance office (jrb, 融资) and the human resources bureau (rsj,
 * 用工招聘) with staff and a head cadre who has an account, the dispatch centre (gsl) with a dispatcher,
 * and two enterprises with a user each.
 */
export async function createDemandCounty(app: FastifyInstance): Promise<DemandCounty> {
  const db = app.db;
  const financeDeptId = await createCodedOrg(db, 'department', 'jrb', '县政府金融工作办公室');
  const hrDeptId = await createCodedOrg(db, 'department', 'rsj', '县人力资源和社会保障局');
  const dispatchOrgId = await createCodedOrg(db, 'dispatch_centre', 'gsl', '县工商业联合会（诉求调度中心）');
  const enterprise = await createEnterprise(db, { withOrg: true, townCode: TEST_TOWNS[0].code, recompute: false });
  const otherEnterprise = await createEnterprise(db, { withOrg: true, townCode: TEST_TOWNS[1].code, recompute: false });
  const financeHeadUser = await signIn(app, ['department_staff'], financeDeptId);
  const financeHeadCadreId = await createCadre(db, { orgId: financeDeptId, position: '部门主要负责人', userId: financeHeadUser.user.id });
  await createCadre(db, { orgId: hrDeptId, position: '部门主要负责人' });
  return {
    financeDeptId,
    hrDeptId,
    dispatchOrgId,
    dispatcher: await signIn(app, ['dispatcher'], dispatchOrgId),
    financeStaff: await signIn(app, ['department_staff'], financeDeptId),
    hrStaff: await signIn(app, ['department_staff'], hrDeptId),
    enterprise: { id: enterprise.id, orgId: enterprise.orgId! },
    ent: await signIn(app, ['enterprise_user'], enterprise.orgId!),
    otherEnterprise: { id: otherEnterprise.id, orgId: otherEnterprise.orgId! },
    otherEnt: await signIn(app, ['enterprise_user'], otherEnterprise.orgId!),
    financeHeadCadreId,
    financeHeadUser,
  };
}

export const LOAN_DEMAND = { title: '企业扩大生产急需流动资金贷款', description: '我公司订单增加，需要流动资金贷款500万元用于采购原材料，银行要求抵押物不足，希望协调银行提供信用贷款或政府担保。', categoryCode: 'financing' };

/** Files a demand as the client and returns its detail (throws on a refusal). */
export async function fileDemand(client: TestClient, body: Record<string, unknown> = LOAN_DEMAND): Promise<DemandDetail> {
  const response = await client.post('/api/demands', body);
  if (response.statusCode !== 201) throw new Error(`filing failed: ${response.statusCode} ${response.body}`);
  return response.json<DemandDetail>();
}

/** POSTs a step and returns the response. */
export function act(client: TestClient, id: number, action: string, body: Record<string, unknown> = {}) {
  return client.post(`/api/demands/${id}/${action}`, body);
}

/** The Actor of a user, for calling services directly (with a fixed `now`). */
export async function actorFor(db: Kysely<DB>, userId: number): Promise<Actor> {
  const user = await db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.org_id')
    .where('users.id', '=', userId)
    .select(['users.id', 'users.username', 'users.display_name', 'users.roles', 'organizations.id as org_id', 'organizations.type', 'organizations.name'])
    .executeTakeFirstOrThrow();
  return { userId: user.id, username: user.username, displayName: user.display_name, roles: user.roles, orgId: user.org_id, orgType: user.type, orgName: user.name, mustChangePassword: false, sessionHash: 'test', requestId: 'test', ip: '127.0.0.1' };
}
