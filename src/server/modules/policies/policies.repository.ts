import { sql, type Insertable, type Selectable } from 'kysely';
import type { Benefit, RuleNode } from '../../../core/rules/index.ts';
import type { Executor } from '../../db/database.ts';
import type { PolicyGoldenCasesTable, PolicyVersionsTable, PolicyVersionStatus } from '../../db/schema.ts';

export type VersionRow = Selectable<PolicyVersionsTable>;

/** A policy with its issuing department. */
export interface PolicyRef {
  id: number;
  code: string;
  department_org_id: number;
  department_name: string;
  department_code: string | null;
  created_at: Date;
}

/** Statuses a version reaches once it has been published: visible to everyone. */
export const PUBLIC_STATUSES: readonly PolicyVersionStatus[] = ['published', 'superseded', 'closed', 'expired'];

export async function findPolicy(db: Executor, id: number): Promise<PolicyRef | undefined> {
  return db
    .selectFrom('policies as p')
    .innerJoin('organizations as o', 'o.id', 'p.department_org_id')
    .where('p.id', '=', id)
    .select(['p.id', 'p.code', 'p.department_org_id', 'o.name as department_name', 'o.code as department_code', 'p.created_at'])
    .executeTakeFirst();
}

/** Locks the policy row: every life-cycle change of one policy goes through it, one at a time. */
export async function lockPolicy(db: Executor, id: number): Promise<boolean> {
  const row = await sql<{ id: number }>`select id from policies where id = ${id} for update`.execute(db);
  return row.rows.length === 1;
}

export async function findVersions(db: Executor, policyId: number): Promise<VersionRow[]> {
  return db.selectFrom('policy_versions').where('policy_id', '=', policyId).orderBy('version', 'desc').selectAll().execute();
}

export async function findVersionById(db: Executor, id: number): Promise<VersionRow | undefined> {
  return db.selectFrom('policy_versions').where('id', '=', id).selectAll().executeTakeFirst();
}

/** The next code of a department's policies for a year: JXW-2026-001, JXW-2026-002 … */
export async function nextPolicyCode(db: Executor, prefix: string): Promise<string> {
  const row = await sql<{ n: number | null }>`
    select max(substring(code from ${`^${prefix}-(\\d+)$`})::int) as n from policies where code like ${`${prefix}-%`}`.execute(db);
  const next = (row.rows[0]?.n ?? 0) + 1;
  return `${prefix}-${String(next).padStart(3, '0')}`;
}

export async function insertPolicy(db: Executor, row: { department_org_id: number; code: string; created_by: number | null }): Promise<number> {
  const result = await db.insertInto('policies').values(row).returning('id').executeTakeFirstOrThrow();
  return result.id;
}

export async function insertVersion(db: Executor, row: Insertable<PolicyVersionsTable>): Promise<number> {
  const result = await db.insertInto('policy_versions').values(row).returning('id').executeTakeFirstOrThrow();
  return result.id;
}

export async function updateVersion(db: Executor, id: number, patch: Partial<Insertable<PolicyVersionsTable>>): Promise<void> {
  await db.updateTable('policy_versions').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

/**
 * Stores 'expired' for published versions whose validity ended before `today`: one statement over the
 * status index, cheap enough to run whenever policies are read or matched (lazy expiry).
 */
export async function expireLapsedVersions(db: Executor, today: string): Promise<number> {
  const result = await db
    .updateTable('policy_versions')
    .set({ status: 'expired', updated_at: new Date() })
    .where('status', '=', 'published')
    .where('valid_until', '<', today)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ListScope {
  /** The caller's department: its policies show their newest version, drafts included. */
  ownDepartmentId: number | null;
}

export interface ListFilter {
  status?: PolicyVersionStatus;
  department?: number;
  q?: string;
  tag?: string;
  isAutoGrant?: boolean;
}

export type ListedRow = VersionRow & { code: string; department_org_id: number; department_name: string; department_code: string | null; version_id: number };

/**
 * Policies with the version each caller sees: the newest version for the issuing department (its open
 * draft when there is one), the newest version that has been published for everyone else; policies
 * never published are invisible outside their department.
 */
function policyListBase(scope: ListScope, filter: ListFilter, today: string) {
  const own = scope.ownDepartmentId ?? -1;
  const conditions = [sql`true`];
  if (filter.status === 'expired') conditions.push(sql`(v.status = 'expired' or (v.status = 'published' and v.valid_until < ${today}::date))`);
  else if (filter.status === 'published') conditions.push(sql`v.status = 'published' and (v.valid_until is null or v.valid_until >= ${today}::date)`);
  else if (filter.status) conditions.push(sql`v.status = ${filter.status}`);
  if (filter.department) conditions.push(sql`p.department_org_id = ${filter.department}`);
  if (filter.tag) conditions.push(sql`${filter.tag} = any(v.tags)`);
  if (filter.isAutoGrant !== undefined) conditions.push(sql`v.is_auto_grant = ${filter.isAutoGrant}`);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(v.title ilike ${like} or p.code ilike ${like} or coalesce(v.document_no, '') ilike ${like} or v.summary ilike ${like})`);
  }
  const where = sql.join(conditions, sql` and `);
  const base = sql`
    from policies p
    join organizations o on o.id = p.department_org_id
    join lateral (
      select * from policy_versions x
      where x.policy_id = p.id and (p.department_org_id = ${own} or x.status in ('published','superseded','closed','expired'))
      order by x.version desc limit 1
    ) v on true
    where ${where}`;
  return base;
}

export async function listPolicies(db: Executor, scope: ListScope, filter: ListFilter, today: string, page: number, pageSize: number): Promise<{ rows: ListedRow[]; total: number }> {
  const base = policyListBase(scope, filter, today);
  const [rows, count] = await Promise.all([
    sql<ListedRow>`select v.*, v.id as version_id, p.code, p.department_org_id, o.name as department_name, o.code as department_code ${base}
      order by coalesce(v.published_at, v.created_at) desc, p.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n ${base}`.execute(db),
  ]);
  return { rows: rows.rows, total: count.rows[0].n };
}

/** A batch of the same policies after `after` (by policy id), the columns of the export only, for its keyset reading. */
export async function listPolicyBatch(db: Executor, scope: ListScope, filter: ListFilter, today: string, after: number | null, limit: number) {
  const base = policyListBase(scope, filter, today);
  const next = after === null ? sql`` : sql`and p.id > ${after}`;
  const rows = await sql<{
    policy_id: number;
    code: string;
    department_name: string;
    version: number;
    status: PolicyVersionStatus;
    title: string;
    document_no: string | null;
    valid_from: string;
    valid_until: string | null;
    apply_from: Date | null;
    apply_until: Date | null;
    tags: string[];
    is_auto_grant: boolean;
    published_at: Date | null;
  }>`select p.id as policy_id, p.code, o.name as department_name, v.version, v.status, v.title, v.document_no, v.valid_from, v.valid_until,
      v.apply_from, v.apply_until, v.tags, v.is_auto_grant, v.published_at ${base} ${next}
    order by p.id limit ${limit}`.execute(db);
  return rows.rows;
}

// Golden cases --------------------------------------------------------------------------------------

export type GoldenCaseRow = Selectable<PolicyGoldenCasesTable>;

export async function findGoldenCases(db: Executor, versionId: number): Promise<GoldenCaseRow[]> {
  return db.selectFrom('policy_golden_cases').where('policy_version_id', '=', versionId).orderBy('id').selectAll().execute();
}

export async function insertGoldenCase(db: Executor, row: Insertable<PolicyGoldenCasesTable>): Promise<GoldenCaseRow> {
  return db.insertInto('policy_golden_cases').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteGoldenCase(db: Executor, versionId: number, caseId: number): Promise<boolean> {
  const result = await db.deleteFrom('policy_golden_cases').where('id', '=', caseId).where('policy_version_id', '=', versionId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Copies a version's golden cases to another (a new version starts with the same regression set). */
export async function copyGoldenCases(db: Executor, fromVersionId: number, toVersionId: number): Promise<void> {
  await sql`
    insert into policy_golden_cases (policy_version_id, name, enterprise_id, facts, expected_outcome, expected_amount_fen, created_by)
    select ${toVersionId}, name, enterprise_id, facts, expected_outcome, expected_amount_fen, created_by
    from policy_golden_cases where policy_version_id = ${fromVersionId} order by id`.execute(db);
}

// Live versions (read by matching through the face) -----------------------------------------------------

/** A live (published, in force) version as matching needs it. */
export interface LiveVersion {
  id: number;
  policy_id: number;
  title: string;
  rule: RuleNode;
  benefit: Benefit;
  params: unknown;
  is_auto_grant: boolean;
}

/** Live versions (published and in force on `today`), all or some. */
export async function findLiveVersions(db: Executor, today: string, versionIds?: readonly number[]): Promise<LiveVersion[]> {
  let query = db
    .selectFrom('policy_versions')
    .where('status', '=', 'published')
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', today)]))
    .where('valid_from', '<=', today);
  if (versionIds) {
    if (versionIds.length === 0) return [];
    query = query.where('id', 'in', [...versionIds]);
  }
  const rows = await query.select(['id', 'policy_id', 'title', 'rule', 'benefit', 'params', 'is_auto_grant']).orderBy('id').execute();
  return rows.map((r) => ({ ...r, rule: r.rule as RuleNode, benefit: r.benefit as Benefit }));
}

/** Live versions with what the enterprise's calculator shows about their policy and its department. */
export async function findLivePolicies(db: Executor, today: string) {
  return db
    .selectFrom('policy_versions as v')
    .innerJoin('policies as p', 'p.id', 'v.policy_id')
    .innerJoin('organizations as o', 'o.id', 'p.department_org_id')
    .where('v.status', '=', 'published')
    .where('v.valid_from', '<=', today)
    .where((eb) => eb.or([eb('v.valid_until', 'is', null), eb('v.valid_until', '>=', today)]))
    .select([
      'v.id',
      'v.policy_id',
      'v.title',
      'v.document_no',
      'v.rule',
      'v.benefit',
      'v.params',
      'v.declared_facts',
      'v.exclusion_group',
      'v.is_auto_grant',
      'v.apply_from',
      'v.apply_until',
      'p.department_org_id',
      'o.name as department_name',
      'o.code as department_code',
    ])
    .orderBy('v.policy_id')
    .execute();
}

/**
 * Locks version rows in id order (two callers never deadlock) and returns the ids still published. A
 * publication supersedes the previous version by updating its row, so whoever stores results for a
 * version under this lock either sees it still published or waits and sees it superseded.
 */
export async function lockPublishedVersions(trx: Executor, versionIds: readonly number[]): Promise<Set<number>> {
  const ids = [...versionIds].sort((a, b) => a - b);
  const locked = await sql<{ id: number; status: string }>`
    select id, status from policy_versions where id = any(${ids}::int[]) order by id for update`.execute(trx);
  return new Set(locked.rows.filter((r) => r.status === 'published').map((r) => r.id));
}

/** Whether any version is published: with none, there is nothing to match enterprises against. */
export async function hasPublishedVersion(db: Executor): Promise<boolean> {
  return (await db.selectFrom('policy_versions').where('status', '=', 'published').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Active department staff of a department, except one user (the reviewers a submission is sent to). */
export async function findDepartmentStaff(db: Executor, departmentOrgId: number, exceptUserId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .where('org_id', '=', departmentOrgId)
    .where('is_disabled', '=', false)
    .where('id', '<>', exceptUserId)
    .where(sql<boolean>`'department_staff' = any(roles)`)
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The versions in review of a department's policies, oldest submission first (待我审核). */
export async function findInReview(db: Executor, departmentOrgId: number) {
  return db
    .selectFrom('policy_versions as v')
    .innerJoin('policies as p', 'p.id', 'v.policy_id')
    .leftJoin('users as u', 'u.id', 'v.submitted_by')
    .where('p.department_org_id', '=', departmentOrgId)
    .where('v.status', '=', 'in_review')
    .select(['p.id as policy_id', 'p.code', 'v.id as version_id', 'v.version', 'v.title', 'v.submitted_at', 'v.submitted_by', 'u.display_name as submitted_by_name'])
    .orderBy('v.submitted_at', 'asc')
    .execute();
}
