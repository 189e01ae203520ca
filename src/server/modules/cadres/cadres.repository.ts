/** Kysely queries of 千人联千企: cadres, cadre_links, visits, visit_photos, visit_demands, visit_plans. */
import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { CadreLinksTable, VisitPhotosTable } from '../../db/schema.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';

export interface CadreRow {
  id: number;
  name: string;
  position: string;
  org_id: number;
  org_name: string;
  town_code: string | null;
  town_name: string | null;
  phone: string | null;
  user_id: number | null;
}

function cadreRows(db: Executor) {
  return db
    .selectFrom('cadres')
    .innerJoin('organizations', 'organizations.id', 'cadres.org_id')
    .leftJoin('towns', 'towns.code', 'cadres.town_code')
    .select(['cadres.id', 'cadres.name', 'cadres.position', 'cadres.org_id', 'organizations.name as org_name', 'cadres.town_code', 'towns.name as town_name', 'cadres.phone', 'cadres.user_id']);
}

export async function findAllCadres(db: Executor): Promise<CadreRow[]> {
  return cadreRows(db).orderBy('cadres.id').execute();
}

export async function findCadre(db: Executor, id: number): Promise<CadreRow | undefined> {
  return cadreRows(db).where('cadres.id', '=', id).executeTakeFirst();
}

export async function findCadreOfUser(db: Executor, userId: number): Promise<CadreRow | undefined> {
  return cadreRows(db).where('cadres.user_id', '=', userId).orderBy('cadres.id').executeTakeFirst();
}

export async function findCadresByNames(db: Executor, names: readonly string[]): Promise<{ id: number; name: string; org_name: string }[]> {
  if (names.length === 0) return [];
  return db
    .selectFrom('cadres')
    .innerJoin('organizations', 'organizations.id', 'cadres.org_id')
    .where('cadres.name', 'in', [...names])
    .select(['cadres.id', 'cadres.name', 'organizations.name as org_name'])
    .execute();
}

export async function findCadreIds(db: Executor, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('cadres').where('id', 'in', [...ids]).select('id').execute();
  return new Set(rows.map((r) => r.id));
}

// Links ---------------------------------------------------------------------------------------------

function linkRows(db: Executor) {
  return db
    .selectFrom('cadre_links as l')
    .innerJoin('cadres as c', 'c.id', 'l.cadre_id')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .leftJoin('towns as t', 't.code', 'e.town_code');
}
const LINK_COLUMNS = [
  'l.id',
  'l.cadre_id',
  'c.name as cadre_name',
  'c.position as cadre_position',
  'o.name as cadre_org_name',
  'c.phone as cadre_phone',
  'c.user_id as cadre_user_id',
  'l.enterprise_id',
  'e.name as enterprise_name',
  'e.uscc as enterprise_uscc',
  't.name as town_name',
  'l.linked_on',
  'l.unlinked_on',
  'l.reason',
] as const;
export type LinkRow = Awaited<ReturnType<typeof findLinksOfCadre>>[number];

export async function findLinksOfCadre(db: Executor, cadreId: number) {
  return linkRows(db).where('l.cadre_id', '=', cadreId).select(LINK_COLUMNS).orderBy('l.unlinked_on', (ob) => ob.desc().nullsFirst()).orderBy('l.linked_on', 'desc').orderBy('l.id', 'desc').execute();
}

export async function findLinksOfEnterprise(db: Executor, enterpriseId: number) {
  return linkRows(db).where('l.enterprise_id', '=', enterpriseId).select(LINK_COLUMNS).orderBy('l.linked_on', 'desc').orderBy('l.id', 'desc').execute();
}

export async function findLinkPage(db: Executor, filter: { cadreId?: number; enterpriseId?: number; current?: boolean; cadreIdScope?: number }, page: PageRequest) {
  let q = linkRows(db);
  if (filter.cadreId !== undefined) q = q.where('l.cadre_id', '=', filter.cadreId);
  if (filter.cadreIdScope !== undefined) q = q.where('l.cadre_id', '=', filter.cadreIdScope);
  if (filter.enterpriseId !== undefined) q = q.where('l.enterprise_id', '=', filter.enterpriseId);
  if (filter.current === true) q = q.where('l.unlinked_on', 'is', null);
  if (filter.current === false) q = q.where('l.unlinked_on', 'is not', null);
  return findPage(q, (f) => f.select(LINK_COLUMNS).orderBy('l.linked_on', 'desc').orderBy('l.id', 'desc'), page);
}

/** The current link of an enterprise, locked for the caller's transaction. */
export async function lockCurrentLink(trx: Executor, enterpriseId: number) {
  return trx.selectFrom('cadre_links').where('enterprise_id', '=', enterpriseId).where('unlinked_on', 'is', null).selectAll().forUpdate().executeTakeFirst();
}

export async function closeLink(trx: Executor, id: number, unlinkedOn: string, reason: string): Promise<void> {
  await trx.updateTable('cadre_links').set({ unlinked_on: unlinkedOn, reason }).where('id', '=', id).execute();
}

export async function insertLink(trx: Executor, row: Insertable<CadreLinksTable>): Promise<number> {
  return (await trx.insertInto('cadre_links').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The current link of the enterprise to this cadre (null when the firm is not theirs now). */
export async function findCurrentLink(db: Executor, cadreId: number, enterpriseId: number) {
  return db.selectFrom('cadre_links').where('cadre_id', '=', cadreId).where('enterprise_id', '=', enterpriseId).where('unlinked_on', 'is', null).selectAll().executeTakeFirst();
}

/** Of `enterpriseIds`, those currently linked to the cadre of the account `userId`. */
export async function findLinkedEnterprisesOfUser(db: Executor, userId: number, enterpriseIds: readonly number[]): Promise<Set<number>> {
  const rows = await db
    .selectFrom('cadre_links as l')
    .innerJoin('cadres as c', 'c.id', 'l.cadre_id')
    .where('c.user_id', '=', userId)
    .where('l.unlinked_on', 'is', null)
    .where('l.enterprise_id', 'in', [...enterpriseIds])
    .select('l.enterprise_id')
    .execute();
  return new Set(rows.map((r) => r.enterprise_id));
}

/** Every link that was current at some day of [from, to] (the coverage of a quarter needs them). */
export async function findLinksOverlapping(db: Executor, from: string, to: string, cadreIds?: readonly number[]) {
  let q = db
    .selectFrom('cadre_links')
    .where('linked_on', '<=', to)
    .where((eb) => eb.or([eb('unlinked_on', 'is', null), eb('unlinked_on', '>', from)]));
  if (cadreIds) {
    if (cadreIds.length === 0) return [];
    q = q.where('cadre_id', 'in', [...cadreIds]);
  }
  return q.select(['cadre_id', 'enterprise_id', 'linked_on', 'unlinked_on']).execute();
}

export async function findVisitsBetween(db: Executor, from: string, to: string, cadreIds?: readonly number[]) {
  let q = db.selectFrom('visits').where('visited_on', '>=', from).where('visited_on', '<=', to);
  if (cadreIds) {
    if (cadreIds.length === 0) return [];
    q = q.where('cadre_id', 'in', [...cadreIds]);
  }
  return q.select(['cadre_id', 'enterprise_id', 'visited_on']).execute();
}

export async function findEnterpriseTowns(db: Executor): Promise<Map<number, string | null>> {
  const rows = await db.selectFrom('enterprises').select(['id', 'town_code']).execute();
  return new Map(rows.map((r) => [r.id, r.town_code]));
}

export async function findTowns(db: Executor) {
  return db.selectFrom('towns').select(['code', 'name']).orderBy('code').execute();
}

/** Demands filed on enterprises' behalf per cadre: collected, solved, rated, the sum of ratings. */
export async function demandWorkByCadre(db: Executor) {
  const rows = await sql<{ cadre_id: number; collected: number; solved: number; rated: number; rating_sum: number }>`
    select on_behalf_cadre_id as cadre_id, count(*)::int as collected,
      count(*) filter (where state in ('resolved','rated','closed'))::int as solved,
      count(rating)::int as rated, coalesce(sum(rating), 0)::int as rating_sum
    from demands where on_behalf_cadre_id is not null group by on_behalf_cadre_id`.execute(db);
  return rows.rows;
}

/** Demands filed on enterprises' behalf per enterprise town (channel cadre): collected and solved. */
export async function demandWorkByTown(db: Executor) {
  const rows = await sql<{ town_code: string | null; collected: number; solved: number }>`
    select e.town_code, count(*)::int as collected, count(*) filter (where d.state in ('resolved','rated','closed'))::int as solved
    from demands d join enterprises e on e.id = d.enterprise_id where d.on_behalf_cadre_id is not null group by e.town_code`.execute(db);
  return rows.rows;
}

/** Open demands past their resolution deadline, per enterprise. */
export async function overdueDemandsByEnterprise(db: Executor, now: Date): Promise<Map<number, number>> {
  const rows = await sql<{ enterprise_id: number; n: number }>`
    select enterprise_id, count(*)::int as n from demands
    where state in ('submitted','triaged','offered','assigned','accepted','in_progress','waiting') and resolution_due_at < ${now}
    group by enterprise_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.enterprise_id, r.n]));
}

/** Open demands per enterprise (of some enterprises). */
export async function openDemandsOfEnterprises(db: Executor, enterpriseIds: readonly number[]): Promise<Map<number, number>> {
  if (enterpriseIds.length === 0) return new Map();
  const rows = await sql<{ enterprise_id: number; n: number }>`
    select enterprise_id, count(*)::int as n from demands
    where enterprise_id = any(${[...enterpriseIds]}::int[]) and state in ('submitted','triaged','offered','assigned','accepted','in_progress','waiting')
    group by enterprise_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.enterprise_id, r.n]));
}

export async function findPlans(db: Executor, quarter: string, cadreIds?: readonly number[]) {
  let q = db
    .selectFrom('visit_plans as p')
    .innerJoin('cadres as c', 'c.id', 'p.cadre_id')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .where('p.quarter', '=', quarter);
  if (cadreIds) {
    if (cadreIds.length === 0) return [];
    q = q.where('p.cadre_id', 'in', [...cadreIds]);
  }
  return q.select(['p.id', 'p.cadre_id', 'c.name as cadre_name', 'p.enterprise_id', 'e.name as enterprise_name', 'p.quarter', 'p.planned_on']).orderBy('p.cadre_id').orderBy('p.planned_on').orderBy('p.id').execute();
}

// Visits --------------------------------------------------------------------------------------------

function visitRows(db: Executor) {
  return db
    .selectFrom('visits as v')
    .innerJoin('cadres as c', 'c.id', 'v.cadre_id')
    .innerJoin('enterprises as e', 'e.id', 'v.enterprise_id')
    .select((eb) => [
      'v.id',
      'v.cadre_id',
      'c.name as cadre_name',
      'v.enterprise_id',
      'e.name as enterprise_name',
      'v.visited_on',
      'v.people_met',
      'v.findings',
      'v.created_at',
      eb.selectFrom('visit_photos as p').whereRef('p.visit_id', '=', 'v.id').select((e2) => e2.fn.countAll<number>().as('n')).as('photo_count'),
      eb.selectFrom('visit_demands as d').whereRef('d.visit_id', '=', 'v.id').select((e2) => e2.fn.countAll<number>().as('n')).as('demand_count'),
    ]);
}
export type VisitRow = Awaited<ReturnType<typeof findVisit>> & object;

export async function findVisit(db: Executor, id: number) {
  return visitRows(db).where('v.id', '=', id).executeTakeFirst();
}

export interface VisitFilter {
  cadreId?: number;
  enterpriseId?: number;
  from?: string;
  to?: string;
}

/** A keyset batch (ids after `after`, ascending) of the visits the list's filters select, for the export. */
export async function findVisitBatch(db: Executor, filter: VisitFilter, after: number | null, limit: number) {
  let q = visitRows(db);
  if (filter.cadreId !== undefined) q = q.where('v.cadre_id', '=', filter.cadreId);
  if (filter.enterpriseId !== undefined) q = q.where('v.enterprise_id', '=', filter.enterpriseId);
  if (filter.from) q = q.where('v.visited_on', '>=', filter.from);
  if (filter.to) q = q.where('v.visited_on', '<=', filter.to);
  if (after !== null) q = q.where('v.id', '>', after);
  return q.orderBy('v.id').limit(limit).execute();
}

export async function findVisitPage(db: Executor, filter: VisitFilter, page: PageRequest) {
  let q = db.selectFrom('visits as v');
  if (filter.cadreId !== undefined) q = q.where('v.cadre_id', '=', filter.cadreId);
  if (filter.enterpriseId !== undefined) q = q.where('v.enterprise_id', '=', filter.enterpriseId);
  if (filter.from) q = q.where('v.visited_on', '>=', filter.from);
  if (filter.to) q = q.where('v.visited_on', '<=', filter.to);
  const [{ rows: ids, total }] = await Promise.all([findPage(q, (f) => f.select('v.id').orderBy('v.visited_on', 'desc').orderBy('v.id', 'desc'), page)]);
  if (ids.length === 0) return { rows: [], total };
  const rows = await visitRows(db).where('v.id', 'in', ids.map((r) => r.id)).orderBy('v.visited_on', 'desc').orderBy('v.id', 'desc').execute();
  return { rows, total };
}

export async function findRecentVisitsOfCadre(db: Executor, cadreId: number, limit: number) {
  return visitRows(db).where('v.cadre_id', '=', cadreId).orderBy('v.visited_on', 'desc').orderBy('v.id', 'desc').limit(limit).execute();
}

/** The latest visit day of the cadre to each of some firms. */
export async function lastVisitsOf(db: Executor, cadreId: number, enterpriseIds: readonly number[]): Promise<Map<number, string>> {
  if (enterpriseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('visits')
    .where('cadre_id', '=', cadreId)
    .where('enterprise_id', 'in', [...enterpriseIds])
    .groupBy('enterprise_id')
    .select((eb) => ['enterprise_id', eb.fn.max('visited_on').as('last')])
    .execute();
  return new Map(rows.map((r) => [r.enterprise_id, r.last as string]));
}

export async function findVisitPhotos(db: Executor, visitId: number) {
  return db.selectFrom('visit_photos').where('visit_id', '=', visitId).selectAll().orderBy('id').execute();
}

export async function findVisitDemands(db: Executor, visitId: number) {
  return db
    .selectFrom('visit_demands as vd')
    .innerJoin('demands as d', 'd.id', 'vd.demand_id')
    .where('vd.visit_id', '=', visitId)
    .select(['d.id', 'd.title', 'd.state', 'd.created_at'])
    .orderBy('d.id')
    .execute();
}

export async function insertPhoto(trx: Executor, row: Insertable<VisitPhotosTable>): Promise<number> {
  return (await trx.insertInto('visit_photos').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
