import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { AutoGrantRow, AutoGrantStatus } from '../../db/schema.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';
import { activeApplicationExists, exclusiveConflictReason, exclusiveConflictsSql } from '../applications/index.ts';
import { livePaymentsOf } from '../payments/index.ts';

/** The payable-target kind under which the payments module pays the items of grants. */
export const AUTO_GRANT_ITEM_KIND = 'auto_grant_item';

/** The policy's published version with what a grant needs. */
export async function findGrantablePolicy(db: Executor, policyId: number) {
  return db
    .selectFrom('policies')
    .leftJoin('policy_versions', (join) => join.onRef('policy_versions.policy_id', '=', 'policies.id').on('policy_versions.status', '=', 'published'))
    .where('policies.id', '=', policyId)
    .select([
      'policies.id as policy_id',
      'policies.code',
      'policies.department_org_id',
      'policy_versions.id as version_id',
      'policy_versions.title',
      'policy_versions.is_auto_grant',
      'policy_versions.public_notice_days',
      'policy_versions.exclusion_group',
    ])
    .executeTakeFirst();
}

export async function insertGrant(db: Executor, row: { policy_id: number; policy_version_id: number; created_by: number }): Promise<number> {
  const inserted = await db.insertInto('auto_grants').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** SQL: the eligible matches of a version with an amount, of operating enterprises (the candidates of a grant list). */
function candidates(versionId: number): RawBuilder<unknown> {
  return sql`select m.enterprise_id, m.amount_fen from policy_matches m join enterprises e on e.id = m.enterprise_id
    where m.policy_version_id = ${versionId} and m.outcome = 'eligible' and m.amount_fen > 0 and e.status = 'operating'`;
}

/**
 * Proposes the items of a grant in one statement, from the version's stored eligible matches with an
 * amount: operating enterprises not already granted the policy (an included item anywhere), without
 * an application in progress or paid for it, and not holding another policy of its exclusion group
 * (those are recorded as removed items with the reason, for the department to see). ON CONFLICT keeps
 * a racing proposal from granting twice.
 * @returns how many items were included, and how many left out for the exclusion group
 */
export async function insertProposedItems(db: Executor, grantId: number, policyId: number, versionId: number, group: string | null, now: Date): Promise<{ included: number; exclusive: number }> {
  const conflicts = exclusiveConflictsSql([{ policyId, group }], sql`select enterprise_id from (${candidates(versionId)}) c`);
  const held = await sql<{ enterprise_id: number; grp: string; held_title: string; via: 'application' | 'auto_grant'; status: string }>`
    select distinct on (enterprise_id) enterprise_id, grp, held_title, via, status from (${conflicts}) x order by enterprise_id, held_policy_id, ref_id`.execute(db);
  const excluded = held.rows.map((r) => r.enterprise_id);
  const result = await sql<{ id: number }>`
    insert into auto_grant_items (auto_grant_id, policy_id, enterprise_id, amount_fen)
    select ${grantId}, ${policyId}, c.enterprise_id, c.amount_fen
    from (${candidates(versionId)}) c
    where not exists (select 1 from auto_grant_items i where i.policy_id = ${policyId} and i.enterprise_id = c.enterprise_id and i.status = 'included')
      and not ${activeApplicationExists(policyId, sql.ref('c.enterprise_id'))}
      and c.enterprise_id <> all(${excluded}::int[])
    order by c.enterprise_id
    on conflict (policy_id, enterprise_id) where status = 'included' do nothing
    returning id`.execute(db);
  if (held.rows.length > 0) {
    const reasons = held.rows.map((r) => exclusiveConflictReason({ group: r.grp, heldTitle: r.held_title, via: r.via, status: r.status }));
    await sql`
      insert into auto_grant_items (auto_grant_id, policy_id, enterprise_id, amount_fen, status, removed_reason, removed_at)
      select ${grantId}, ${policyId}, c.enterprise_id, c.amount_fen, 'removed', r.reason, ${now}
      from unnest(${excluded}::int[], ${reasons}::text[]) r(enterprise_id, reason)
      join (${candidates(versionId)}) c on c.enterprise_id = r.enterprise_id
      where not ${activeApplicationExists(policyId, sql.ref('c.enterprise_id'))}
      order by c.enterprise_id`.execute(db);
  }
  return { included: result.rows.length, exclusive: held.rows.length };
}

/** Why eligible matches were left out of a proposal (for the department to see). */
export async function countLeftOut(db: Executor, policyId: number, versionId: number, grantId: number) {
  const result = await sql<{ without_amount: number; already_granted: number; applied: number; not_operating: number }>`
    select
      count(*) filter (where coalesce(m.amount_fen, 0) = 0)::int as without_amount,
      count(*) filter (where coalesce(m.amount_fen, 0) > 0 and exists (select 1 from auto_grant_items i
        where i.policy_id = ${policyId} and i.enterprise_id = m.enterprise_id and i.status = 'included' and i.auto_grant_id <> ${grantId}))::int as already_granted,
      count(*) filter (where coalesce(m.amount_fen, 0) > 0 and ${activeApplicationExists(policyId, sql.ref('m.enterprise_id'))})::int as applied,
      count(*) filter (where e.status <> 'operating')::int as not_operating
    from policy_matches m join enterprises e on e.id = m.enterprise_id
    where m.policy_version_id = ${versionId} and m.outcome = 'eligible'`.execute(db);
  return result.rows[0];
}

function grantQuery(db: Executor) {
  return db
    .selectFrom('auto_grants')
    .innerJoin('policies', 'policies.id', 'auto_grants.policy_id')
    .innerJoin('policy_versions', 'policy_versions.id', 'auto_grants.policy_version_id')
    .innerJoin('organizations as department', 'department.id', 'policies.department_org_id');
}

const GRANT_COLUMNS = [
  'auto_grants.id',
  'auto_grants.policy_id',
  'auto_grants.policy_version_id',
  'auto_grants.status',
  'auto_grants.created_by',
  'auto_grants.created_at',
  'auto_grants.confirmed_by',
  'auto_grants.confirmed_at',
  'auto_grants.notice_until',
  'auto_grants.notice_passed_at',
  'auto_grants.paid_at',
  'policies.code as policy_code',
  'policies.department_org_id',
  'department.name as department_name',
  'policy_versions.title as policy_title',
  'policy_versions.public_notice_days',
] as const;

export async function findGrant(db: Executor, id: number) {
  return grantQuery(db).where('auto_grants.id', '=', id).select(GRANT_COLUMNS).executeTakeFirst();
}
export type GrantRow = NonNullable<Awaited<ReturnType<typeof findGrant>>>;

/** The department's grants that pass the filter: one query for the page, its count and the export. */
function filteredGrants(db: Executor, departmentOrgId: number, filter: { policyId?: number; status?: AutoGrantStatus }) {
  let query = grantQuery(db).where('policies.department_org_id', '=', departmentOrgId);
  if (filter.policyId) query = query.where('auto_grants.policy_id', '=', filter.policyId);
  if (filter.status) query = query.where('auto_grants.status', '=', filter.status);
  return query;
}

export async function findGrants(db: Executor, departmentOrgId: number, filter: { policyId?: number; status?: AutoGrantStatus }, page: PageRequest) {
  return findPage(filteredGrants(db, departmentOrgId, filter), (q) => q.select(GRANT_COLUMNS).orderBy('auto_grants.id', 'desc'), page);
}

/** A batch of the same grants after `after` (by id), each with its item counts, for the export. */
export async function findGrantBatch(db: Executor, departmentOrgId: number, filter: { policyId?: number; status?: AutoGrantStatus }, after: number | null, limit: number) {
  let query = filteredGrants(db, departmentOrgId, filter);
  if (after !== null) query = query.where('auto_grants.id', '>', after);
  const grants = await query.select(GRANT_COLUMNS).orderBy('auto_grants.id').limit(limit).execute();
  if (grants.length === 0) return [];
  const counts = await sql<{ auto_grant_id: number; included: number; removed: number; paid: number; included_fen: string; paid_fen: string }>`
    select i.auto_grant_id,
      count(*) filter (where i.status = 'included')::int as included,
      count(*) filter (where i.status = 'removed')::int as removed,
      count(*) filter (where i.status = 'included' and d.status = 'paid')::int as paid,
      coalesce(sum(i.amount_fen) filter (where i.status = 'included'), 0)::text as included_fen,
      coalesce(sum(d.amount_fen) filter (where i.status = 'included' and d.status = 'paid'), 0)::text as paid_fen
    from auto_grant_items i
    left join (${livePaymentsOf(db, AUTO_GRANT_ITEM_KIND)}) d on d.target_id = i.id
    where i.auto_grant_id in (${sql.join(grants.map((g) => g.id))})
    group by i.auto_grant_id`.execute(db);
  const byGrant = new Map(counts.rows.map((c) => [c.auto_grant_id, c]));
  return grants.map((g) => {
    const c = byGrant.get(g.id);
    return { ...g, included: c?.included ?? 0, removed: c?.removed ?? 0, paid: c?.paid ?? 0, included_fen: Number(c?.included_fen ?? 0), paid_fen: Number(c?.paid_fen ?? 0) };
  });
}

export async function lockGrant(db: Executor, id: number): Promise<AutoGrantRow | undefined> {
  const result = await sql<AutoGrantRow>`select * from auto_grants where id = ${id} for update`.execute(db);
  return result.rows[0];
}

export async function updateGrant(db: Executor, id: number, patch: { status?: AutoGrantStatus; confirmed_by?: number; confirmed_at?: Date; notice_until?: Date; notice_passed_at?: Date; paid_at?: Date }): Promise<void> {
  await db.updateTable('auto_grants').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Item counts of a grant: included, removed, and included items paid / prepared, with the included total. */
export async function countItems(db: Executor, grantId: number) {
  const result = await sql<{ included: number; removed: number; paid: number; prepared: number; included_fen: number; paid_fen: number }>`
    select
      count(*) filter (where i.status = 'included')::int as included,
      count(*) filter (where i.status = 'removed')::int as removed,
      count(*) filter (where i.status = 'included' and d.status = 'paid')::int as paid,
      count(*) filter (where i.status = 'included' and d.status = 'prepared')::int as prepared,
      coalesce(sum(i.amount_fen) filter (where i.status = 'included'), 0)::bigint as included_fen,
      coalesce(sum(d.amount_fen) filter (where i.status = 'included' and d.status = 'paid'), 0)::bigint as paid_fen
    from auto_grant_items i
    left join (${livePaymentsOf(db, AUTO_GRANT_ITEM_KIND)}) d on d.target_id = i.id
    where i.auto_grant_id = ${grantId}`.execute(db);
  const row = result.rows[0];
  return { ...row, included_fen: Number(row.included_fen), paid_fen: Number(row.paid_fen) };
}

function filteredItems(db: Executor, grantId: number, filter: { status?: 'included' | 'removed' }) {
  let query = db
    .selectFrom('auto_grant_items')
    .innerJoin('enterprises', 'enterprises.id', 'auto_grant_items.enterprise_id')
    .leftJoin(livePaymentsOf(db, AUTO_GRANT_ITEM_KIND).as('payment'), 'payment.target_id', 'auto_grant_items.id')
    .where('auto_grant_items.auto_grant_id', '=', grantId);
  if (filter.status) query = query.where('auto_grant_items.status', '=', filter.status);
  return query;
}

const ITEM_COLUMNS = [
  'auto_grant_items.id',
  'auto_grant_items.enterprise_id',
  'auto_grant_items.amount_fen',
  'auto_grant_items.status',
  'auto_grant_items.removed_reason',
  'auto_grant_items.removed_at',
  'enterprises.name as enterprise_name',
  'enterprises.uscc as enterprise_uscc',
  'payment.id as disbursement_id',
  'payment.status as disbursement_status',
  'payment.prepared_by',
  'payment.paid_at',
] as const;

export async function findItems(db: Executor, grantId: number, filter: { status?: 'included' | 'removed' }, page: PageRequest) {
  return findPage(filteredItems(db, grantId, filter), (q) => q.select(ITEM_COLUMNS).orderBy('auto_grant_items.id'), page);
}
export type ItemRow = Awaited<ReturnType<typeof findItems>>['rows'][number];

/** A batch of the same items after `after` (by id), for the export's keyset reading. */
export async function findItemBatch(db: Executor, grantId: number, filter: { status?: 'included' | 'removed' }, after: number | null, limit: number) {
  let query = filteredItems(db, grantId, filter);
  if (after !== null) query = query.where('auto_grant_items.id', '>', after);
  return query.select(ITEM_COLUMNS).orderBy('auto_grant_items.id').limit(limit).execute();
}

/** Locks one item with its grant's status and policy (items are locked before their payments). */
export async function lockItem(db: Executor, itemId: number) {
  const result = await sql<{ id: number; auto_grant_id: number; policy_id: number; enterprise_id: number; amount_fen: number; status: 'included' | 'removed'; grant_status: AutoGrantStatus; department_org_id: number; policy_title: string }>`
    select i.id, i.auto_grant_id, i.policy_id, i.enterprise_id, i.amount_fen, i.status, g.status as grant_status,
      p.department_org_id, v.title as policy_title
    from auto_grant_items i join auto_grants g on g.id = i.auto_grant_id join policies p on p.id = i.policy_id
      join policy_versions v on v.id = g.policy_version_id
    where i.id = ${itemId} for update of i`.execute(db);
  return result.rows[0];
}

export async function markItemRemoved(db: Executor, itemId: number, reason: string, by: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('auto_grant_items')
    .set({ status: 'removed', removed_reason: reason, removed_by: by, removed_at: now })
    .where('id', '=', itemId)
    .where('status', '=', 'included')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Grants whose 公示 is over, locked for the notice job (other instances skip them). */
export async function lockDueGrantNotices(db: Executor, now: Date, limit: number): Promise<AutoGrantRow[]> {
  const result = await sql<AutoGrantRow>`
    select * from auto_grants where status = 'in_notice' and notice_until < ${now}
    order by notice_until, id limit ${limit} for update skip locked`.execute(db);
  return result.rows;
}

/** Included items of a grant with the enterprise (for notifying them), in id order. */
export async function findIncludedItems(db: Executor, grantId: number) {
  return db.selectFrom('auto_grant_items').where('auto_grant_id', '=', grantId).where('status', '=', 'included').select(['id', 'enterprise_id', 'amount_fen']).orderBy('id').execute();
}

/** Whether the enterprise holds an included item of the policy (it may not apply for it as well). */
export async function hasIncludedItem(db: Executor, policyId: number, enterpriseId: number): Promise<boolean> {
  const row = await db
    .selectFrom('auto_grant_items')
    .where('policy_id', '=', policyId)
    .where('enterprise_id', '=', enterpriseId)
    .where('status', '=', 'included')
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** SQL: the included items of grants in public notice at `now`, in the columns of the public notices list. */
export function itemsInNotice(now: Date): RawBuilder<unknown> {
  return sql`
    select 'auto_grant' as kind, i.id, i.policy_id, g.policy_version_id, e.name, e.uscc, i.amount_fen, g.confirmed_at, g.notice_until
    from auto_grant_items i join auto_grants g on g.id = i.auto_grant_id join enterprises e on e.id = i.enterprise_id
    where g.status = 'in_notice' and i.status = 'included' and g.notice_until >= ${now}`;
}

/** SQL: enterprises included in a confirmed grant of the policy, with the confirmation time (enterprise_id, at). */
export function confirmedItemsOfPolicy(policyId: number): RawBuilder<unknown> {
  return sql`
    select i.enterprise_id, g.confirmed_at from auto_grant_items i join auto_grants g on g.id = i.auto_grant_id
    where i.policy_id = ${policyId} and i.status = 'included' and g.status <> 'proposed'`;
}

/** SQL: included items as holdings for exclusive groups (enterprise_id, policy_id, policy_version_id, via, ref_id, status). */
export function includedItemHoldings(): RawBuilder<unknown> {
  return sql`
    select i.enterprise_id, i.policy_id, g.policy_version_id, 'auto_grant'::text as via, g.id as ref_id, g.status::text as status
    from auto_grant_items i join auto_grants g on g.id = i.auto_grant_id
    where i.status = 'included'`;
}

/** The grant of each item (for the payments' API fields). */
export async function findItemGrants(db: Executor, itemIds: readonly number[]): Promise<{ id: number; auto_grant_id: number }[]> {
  if (itemIds.length === 0) return [];
  return db.selectFrom('auto_grant_items').where('id', 'in', itemIds).select(['id', 'auto_grant_id']).execute();
}

/** The items' amounts with the benefit of the version they were granted under (their bounds). */
export async function findItemBenefits(db: Executor, itemIds: readonly number[]) {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('auto_grant_items as i')
    .innerJoin('auto_grants as g', 'g.id', 'i.auto_grant_id')
    .innerJoin('policy_versions as v', 'v.id', 'g.policy_version_id')
    .where('i.id', 'in', itemIds)
    .select(['i.id', 'i.amount_fen', 'v.benefit'])
    .execute();
}
