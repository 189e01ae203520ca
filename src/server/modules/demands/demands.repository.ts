/** SQL of the demands module (executor first); only its own tables, plus names read for presentation. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DemandCategoriesTable, DemandEventsTable, DemandRow, DemandsTable, DemandState } from '../../db/schema.ts';

export type CategoryRow = Selectable<DemandCategoriesTable>;

/** A demand with what every check needs: the enterprise's organisation and name. */
export type DemandWithEnterprise = DemandRow & { enterprise_org_id: number | null; enterprise_name: string; enterprise_town_code: string | null };

const demandColumns = (eb: Executor) =>
  eb
    .selectFrom('demands')
    .innerJoin('enterprises', 'enterprises.id', 'demands.enterprise_id')
    .selectAll('demands')
    .select(['enterprises.org_id as enterprise_org_id', 'enterprises.name as enterprise_name', 'enterprises.town_code as enterprise_town_code']);

export async function findDemand(db: Executor, id: number): Promise<DemandWithEnterprise | undefined> {
  return demandColumns(db).where('demands.id', '=', id).executeTakeFirst();
}

/** Locks the demand row for a state change; undefined when it does not exist. */
export async function lockDemand(db: Executor, id: number): Promise<DemandWithEnterprise | undefined> {
  const locked = await db.selectFrom('demands').where('id', '=', id).select('id').forUpdate().executeTakeFirst();
  if (!locked) return undefined;
  return findDemand(db, id);
}

export async function insertDemand(db: Executor, row: Insertable<DemandsTable>): Promise<number> {
  const inserted = await db.insertInto('demands').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateDemand(db: Executor, id: number, changes: Partial<Insertable<DemandsTable>>): Promise<void> {
  await db.updateTable('demands').set({ ...changes, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function insertEvent(db: Executor, row: Insertable<DemandEventsTable>): Promise<number> {
  const inserted = await db.insertInto('demand_events').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findTimeline(db: Executor, demandId: number, withInternal: boolean) {
  let query = db
    .selectFrom('demand_events')
    .leftJoin('users', 'users.id', 'demand_events.actor_user_id')
    .leftJoin('organizations', 'organizations.id', 'users.org_id')
    .where('demand_events.demand_id', '=', demandId)
    .selectAll('demand_events')
    .select(['users.display_name as actor_name', 'organizations.name as actor_org_name'])
    .orderBy('demand_events.id');
  if (!withInternal) query = query.where('demand_events.is_internal', '=', false);
  return query.execute();
}

export async function findFiles(db: Executor, demandId: number) {
  return db.selectFrom('demand_files').where('demand_id', '=', demandId).selectAll().orderBy('id').execute();
}

export async function findCategories(db: Executor): Promise<CategoryRow[]> {
  return db.selectFrom('demand_categories').selectAll().orderBy('sort_order').orderBy('code').execute();
}

export async function findCategory(db: Executor, code: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('demand_categories').where('code', '=', code).selectAll().executeTakeFirst();
}

/** Organisations by code (departments named by categories), id and name. */
export async function findOrgsByCodes(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('organizations').where('code', 'in', [...codes]).select(['id', 'name', 'code', 'type', 'service_team']).execute();
}

export async function findOrg(db: Executor, id: number) {
  return db.selectFrom('organizations').where('id', '=', id).select(['id', 'name', 'code', 'type', 'service_team']).executeTakeFirst();
}

export async function findOrgNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('organizations').where('id', 'in', unique).select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findUserNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').where('id', 'in', unique).select(['id', 'display_name']).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export type CadreInfo = { id: number; name: string; position: string; org_id: number; org_name: string; user_id: number | null; town_code: string | null };

export async function findCadres(db: Executor, ids: readonly number[]): Promise<Map<number, CadreInfo>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('cadres')
    .innerJoin('organizations', 'organizations.id', 'cadres.org_id')
    .where('cadres.id', 'in', unique)
    .select(['cadres.id', 'cadres.name', 'cadres.position', 'cadres.org_id', 'organizations.name as org_name', 'cadres.user_id', 'cadres.town_code'])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function findCadreOfUser(db: Executor, userId: number): Promise<CadreInfo | undefined> {
  return db
    .selectFrom('cadres')
    .innerJoin('organizations', 'organizations.id', 'cadres.org_id')
    .where('cadres.user_id', '=', userId)
    .select(['cadres.id', 'cadres.name', 'cadres.position', 'cadres.org_id', 'organizations.name as org_name', 'cadres.user_id', 'cadres.town_code'])
    .orderBy('cadres.id')
    .executeTakeFirst();
}

/** Leading cadres of an organisation, the head first (部门主要负责人, then 部门副职, then 县领导). */
export async function findOrgLeaders(db: Executor, orgIds: readonly number[]): Promise<CadreInfo[]> {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('cadres')
    .innerJoin('organizations', 'organizations.id', 'cadres.org_id')
    .where('cadres.org_id', 'in', [...orgIds])
    .where('cadres.position', 'in', ['部门主要负责人', '部门副职', '县领导'])
    .select(['cadres.id', 'cadres.name', 'cadres.position', 'cadres.org_id', 'organizations.name as org_name', 'cadres.user_id', 'cadres.town_code'])
    .orderBy(sql`case cadres.position when '部门主要负责人' then 0 when '部门副职' then 1 else 2 end`)
    .orderBy('cadres.id')
    .execute();
}

/** The leading cadre of a town or street (镇街党政正职), the first by id. */
export async function findTownLeader(db: Executor, townCode: string): Promise<CadreInfo | undefined> {
  return db
    .selectFrom('cadres')
    .innerJoin('organizations', 'organizations.id', 'cadres.org_id')
    .where('cadres.town_code', '=', townCode)
    .where('cadres.position', '=', '镇街党政正职')
    .select(['cadres.id', 'cadres.name', 'cadres.position', 'cadres.org_id', 'organizations.name as org_name', 'cadres.user_id', 'cadres.town_code'])
    .orderBy('cadres.id')
    .executeTakeFirst();
}

/** Open orders per handling organisation (assigned, accepted, in progress, waiting). */
export async function countOpenOrders(db: Executor, orgIds: readonly number[]): Promise<Map<number, number>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('demands')
    .where('handler_org_id', 'in', [...orgIds])
    .where('state', 'in', ['assigned', 'accepted', 'in_progress', 'waiting'])
    .select(['handler_org_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('handler_org_id')
    .execute();
  return new Map(rows.map((r) => [r.handler_org_id!, Number(r.n)]));
}

/** When each organisation was last given an order (for round robin: the longest idle goes next). */
export async function lastAssignedAt(db: Executor, orgIds: readonly number[]): Promise<Map<number, number>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('demands')
    .where('handler_org_id', 'in', [...orgIds])
    .where('assigned_at', 'is not', null)
    .select(['handler_org_id', (eb) => eb.fn.max('assigned_at').as('last')])
    .groupBy('handler_org_id')
    .execute();
  return new Map(rows.map((r) => [r.handler_org_id!, new Date(r.last as unknown as string).getTime()]));
}

/** Open demands of an enterprise (for near-duplicate hints). */
export async function findOpenDemandsOfEnterprise(db: Executor, enterpriseId: number, states: readonly DemandState[]) {
  return db
    .selectFrom('demands')
    .where('enterprise_id', '=', enterpriseId)
    .where('state', 'in', [...states])
    .select(['id', 'title', 'description', 'state', 'created_at'])
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** Active users of an organisation holding one of the roles. */
export async function findOrgUsers(db: Executor, orgIds: readonly number[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('users')
    .where('org_id', 'in', [...orgIds])
    .where('is_disabled', '=', false)
    .where(sql<boolean>`roles && array['department_staff','provider_staff','cadre','dispatcher']::text[]`)
    .select(['id', 'display_name', 'org_id'])
    .orderBy('id')
    .execute();
}

export async function findUser(db: Executor, id: number) {
  return db.selectFrom('users').where('id', '=', id).select(['id', 'org_id', 'display_name', 'is_disabled', 'roles']).executeTakeFirst();
}
