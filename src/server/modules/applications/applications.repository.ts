import { sql, type Expression, type Insertable, type RawBuilder, type Updateable } from 'kysely';
import type { ApplicationStatus } from '../../../core/applications/workflow.ts';
import type { Executor } from '../../db/database.ts';
import type { ApplicationEventsTable, ApplicationFilesTable, ApplicationsTable } from '../../db/schema.ts';
import { endOfDayShanghai, startOfDayShanghai } from '../../../core/sla/calendar.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';

/** The statuses in which the department has a step to do against a deadline (overdue looks only here). */
export const DEADLINE_STATUSES: readonly ApplicationStatus[] = ['submitted', 'accepted', 'in_review', 'notice_passed'];

/** The policy version an enterprise applies under: the published one. */
export async function findPublishedVersion(db: Executor, policyId: number) {
  return db
    .selectFrom('policies')
    .innerJoin('policy_versions', 'policy_versions.policy_id', 'policies.id')
    .innerJoin('organizations', 'organizations.id', 'policies.department_org_id')
    .where('policies.id', '=', policyId)
    .where('policy_versions.status', '=', 'published')
    .select([
      'policies.id as policy_id',
      'policies.code',
      'policies.department_org_id',
      'organizations.name as department_name',
      'policy_versions.id as version_id',
      'policy_versions.title',
      'policy_versions.valid_from',
      'policy_versions.valid_until',
      'policy_versions.apply_from',
      'policy_versions.apply_until',
      'policy_versions.rule',
      'policy_versions.benefit',
      'policy_versions.params',
      'policy_versions.declared_facts',
      'policy_versions.is_auto_grant',
      'policy_versions.review_steps',
      'policy_versions.public_notice_days',
      'policy_versions.form_fields',
      'policy_versions.exclusion_group',
    ])
    .executeTakeFirst();
}
export type PublishedVersionRow = NonNullable<Awaited<ReturnType<typeof findPublishedVersion>>>;

/** Whether a policy exists at all (to tell 404 from "not open for applications"). */
export async function policyExists(db: Executor, policyId: number): Promise<boolean> {
  return (await db.selectFrom('policies').where('id', '=', policyId).select('id').executeTakeFirst()) !== undefined;
}

export async function findActiveApplicationId(db: Executor, policyId: number, enterpriseId: number): Promise<number | null> {
  const row = await db
    .selectFrom('applications')
    .where('policy_id', '=', policyId)
    .where('enterprise_id', '=', enterpriseId)
    .where('status', 'not in', ['withdrawn', 'rejected'])
    .select('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * SQL: whether the enterprise has an application for the policy in progress or paid (not withdrawn nor
 * rejected) — the condition that keeps it out of a 免申即享 proposal, for set-based use by other modules.
 */
export function activeApplicationExists(policyId: number, enterpriseId: Expression<number>): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from applications a where a.policy_id = ${policyId} and a.enterprise_id = ${enterpriseId} and a.status not in ('withdrawn','rejected'))`;
}

/** Inserts an application; its official number is given by the applications_number trigger in this transaction. */
export async function insertApplication(db: Executor, row: Insertable<ApplicationsTable>): Promise<{ id: number; number: string }> {
  return db.insertInto('applications').values(row).returning(['id', 'number']).executeTakeFirstOrThrow();
}

export async function insertEvent(db: Executor, row: Insertable<ApplicationEventsTable>): Promise<number> {
  const inserted = await db.insertInto('application_events').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateApplication(db: Executor, id: number, patch: Updateable<ApplicationsTable>): Promise<void> {
  await db.updateTable('applications').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

function applicationQuery(db: Executor) {
  return db
    .selectFrom('applications')
    .innerJoin('policies', 'policies.id', 'applications.policy_id')
    .innerJoin('policy_versions', 'policy_versions.id', 'applications.policy_version_id')
    .innerJoin('organizations as department', 'department.id', 'policies.department_org_id')
    .innerJoin('enterprises', 'enterprises.id', 'applications.enterprise_id');
}

const APPLICATION_COLUMNS = [
  'applications.id',
  'applications.number',
  'applications.policy_id',
  'applications.policy_version_id',
  'applications.enterprise_id',
  'applications.status',
  'applications.current_step',
  'applications.step_due_at',
  'applications.returned_from_status',
  'applications.returned_from_step',
  'applications.notice_started_at',
  'applications.notice_until',
  'applications.estimated_amount_fen',
  'applications.approved_amount_fen',
  'applications.amount_bound_fen',
  'applications.amount_reason',
  'applications.eligibility_only',
  'applications.submitted_by',
  'applications.submitted_at',
  'applications.updated_at',
  'policies.code as policy_code',
  'policies.department_org_id',
  'department.name as department_name',
  'policy_versions.title as policy_title',
  'policy_versions.review_steps',
  'policy_versions.public_notice_days',
  'enterprises.name as enterprise_name',
  'enterprises.uscc as enterprise_uscc',
  'enterprises.org_id as enterprise_org_id',
] as const;

/** One application with what presenting and deciding on it needs. */
export async function findApplication(db: Executor, id: number) {
  return applicationQuery(db).where('applications.id', '=', id).select([...APPLICATION_COLUMNS, 'applications.form_data', 'applications.declarations', 'policy_versions.benefit', 'policy_versions.rule', 'policy_versions.declared_facts']).executeTakeFirst();
}
export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

/** The official numbers of these applications, by id. */
export async function numbersOfApplications(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('applications').where('id', 'in', ids).select(['id', 'number']).execute();
  return new Map(rows.map((row) => [row.id, row.number]));
}

/**
 * Locks the application row for a state change: two reviewers (or a reviewer and the notice job) acting
 * at once are serialised, and the second sees the first's result.
 */
export async function lockApplication(db: Executor, id: number): Promise<boolean> {
  const result = await sql<{ id: number }>`select id from applications where id = ${id} for update`.execute(db);
  return result.rows.length === 1;
}

/** Whose applications: an enterprise's, a department's (its policies'), or the whole county's (read-only readers). */
export type ApplicationScope = { kind: 'enterprise'; enterpriseId: number } | { kind: 'department'; orgId: number } | { kind: 'county' };

export interface ApplicationFilter {
  policyId?: number;
  status?: ApplicationStatus;
  overdue?: boolean;
  /** The department owning the policy (county readers; department staff only their own). */
  orgId?: number;
  /** Submitted from / to, county dates (Asia/Shanghai), both included. */
  from?: string;
  to?: string;
  /** Text: part of the application number (经信申〔2026〕0012号, "0012"), the enterprise's name or USCC, the policy's code or title. */
  q?: string;
}

/** A LIKE pattern matching `text` anywhere (its %, _ and \ taken literally). */
function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, '\\$&')}%`;
}

/** The applications of the scope that pass the filter: one query for the page, its count and the export. */
export function filteredApplications(db: Executor, scope: ApplicationScope, filter: ApplicationFilter, now: Date) {
  let query = applicationQuery(db);
  if (scope.kind === 'enterprise') query = query.where('applications.enterprise_id', '=', scope.enterpriseId);
  else if (scope.kind === 'department') query = query.where('policies.department_org_id', '=', scope.orgId);
  if (filter.orgId) query = query.where('policies.department_org_id', '=', filter.orgId);
  if (filter.policyId) query = query.where('applications.policy_id', '=', filter.policyId);
  if (filter.status) query = query.where('applications.status', '=', filter.status);
  if (filter.from) query = query.where('applications.submitted_at', '>=', startOfDayShanghai(filter.from));
  if (filter.to) query = query.where('applications.submitted_at', '<=', endOfDayShanghai(filter.to));
  if (filter.q) {
    const pattern = containsPattern(filter.q.trim());
    query = query.where((eb) =>
      eb.or([
        eb('applications.number', 'like', pattern),
        eb('enterprises.name', 'ilike', pattern),
        eb('enterprises.uscc', 'ilike', pattern),
        eb('policies.code', 'ilike', pattern),
        eb('policy_versions.title', 'ilike', pattern),
      ]),
    );
  }
  if (filter.overdue === true) {
    query = query.where('applications.status', 'in', DEADLINE_STATUSES).where('applications.step_due_at', '<', now);
  } else if (filter.overdue === false) {
    query = query.where((eb) => eb.or([eb('applications.step_due_at', 'is', null), eb('applications.step_due_at', '>=', now), eb('applications.status', 'not in', DEADLINE_STATUSES)]));
  }
  return query;
}

export async function findApplications(db: Executor, scope: ApplicationScope, filter: ApplicationFilter, now: Date, page: PageRequest) {
  const query = filteredApplications(db, scope, filter, now);
  return findPage(query, (q) => {
    const selected = q.select(APPLICATION_COLUMNS);
    return filter.overdue ? selected.orderBy('applications.step_due_at').orderBy('applications.id') : selected.orderBy('applications.id', 'desc');
  }, page);
}
export type ApplicationListRow = Awaited<ReturnType<typeof findApplications>>['rows'][number];

/** A batch of the filtered applications after `after` (by id), for the export's keyset reading. */
export async function findApplicationBatch(db: Executor, scope: ApplicationScope, filter: ApplicationFilter, now: Date, after: number | null, limit: number) {
  let query = filteredApplications(db, scope, filter, now);
  if (after !== null) query = query.where('applications.id', '>', after);
  return query.select(APPLICATION_COLUMNS).orderBy('applications.id').limit(limit).execute();
}

export async function findEvents(db: Executor, applicationId: number) {
  return db
    .selectFrom('application_events')
    .leftJoin('users', 'users.id', 'application_events.actor_user_id')
    .leftJoin('organizations', 'organizations.id', 'users.org_id')
    .where('application_events.application_id', '=', applicationId)
    .select([
      'application_events.id',
      'application_events.at',
      'application_events.action',
      'application_events.from_status',
      'application_events.to_status',
      'application_events.step_key',
      'application_events.reason',
      'application_events.details',
      'users.display_name as actor_name',
      'organizations.name as actor_org_name',
      'organizations.type as actor_org_type',
    ])
    .orderBy('application_events.id')
    .execute();
}
export type EventRow = Awaited<ReturnType<typeof findEvents>>[number];

export async function insertFile(db: Executor, row: Insertable<ApplicationFilesTable>): Promise<number> {
  const inserted = await db.insertInto('application_files').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findFiles(db: Executor, applicationId: number) {
  return db.selectFrom('application_files').where('application_id', '=', applicationId).selectAll().orderBy('id').execute();
}

export async function findFile(db: Executor, applicationId: number, fileId: number) {
  return db.selectFrom('application_files').where('application_id', '=', applicationId).where('id', '=', fileId).selectAll().executeTakeFirst();
}

export async function countFiles(db: Executor, applicationId: number): Promise<number> {
  const row = await db.selectFrom('application_files').where('application_id', '=', applicationId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Applications whose 公示 is over, locked for the notice job (other instances skip them). */
export async function lockDueNotices(db: Executor, now: Date, limit: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    select id from applications where status = 'in_notice' and notice_until < ${now}
    order by notice_until, id limit ${limit} for update skip locked`.execute(db);
  return result.rows.map((row) => row.id);
}

/** The notices running now with the filter: the FROM and WHERE shared by the page, its count and the export. */
function publicNoticeParts(filter: { policyId?: number; q?: string }, now: Date, others: RawBuilder<unknown>[]) {
  const pattern = filter.q ? `%${filter.q.replace(/[%_\\]/g, '\\$&')}%` : null;
  const policyId = filter.policyId ?? null;
  const notices = sql`
    select 'application' as kind, a.id, a.policy_id, a.policy_version_id, e.name as enterprise_name, e.uscc as enterprise_uscc,
      a.approved_amount_fen as amount_fen, a.notice_started_at as notice_from, a.notice_until
    from applications a join enterprises e on e.id = a.enterprise_id
    where a.status = 'in_notice' and a.notice_until >= ${now}
    ${sql.join(others.map((other) => sql`union all ${other}`), sql` `)}`;
  const where = sql`where (${policyId}::int is null or n.policy_id = ${policyId}::int)
    and (${pattern}::text is null or n.enterprise_name ilike ${pattern}::text or p.code ilike ${pattern}::text or v.title ilike ${pattern}::text
      or an.number like ${pattern}::text)`;
  // The application number of an application's notice (the other routes' entries have none).
  const from = sql`from (${notices}) n
    left join applications an on n.kind = 'application' and an.id = n.id
    join policies p on p.id = n.policy_id
    join organizations d on d.id = p.department_org_id
    join policy_versions v on v.id = n.policy_version_id`;
  return { from, where };
}

interface PublicNoticeRow {
  kind: string;
  id: number;
  application_number: string | null;
  policy_id: number;
  policy_code: string;
  policy_title: string;
  department_name: string;
  enterprise_name: string;
  enterprise_uscc: string;
  amount_fen: number;
  notice_from: Date;
  notice_until: Date;
}

/**
 * The public notices (公示) running now: approved applications and the entries of the other grant routes
 * (`others`: selects of the same columns, e.g. confirmed 免申即享 items).
 */
export async function findPublicNotices(db: Executor, filter: { policyId?: number; q?: string }, now: Date, others: RawBuilder<unknown>[], { page, pageSize }: PageRequest) {
  const { from, where } = publicNoticeParts(filter, now, others);
  const [rows, count] = await Promise.all([
    sql<PublicNoticeRow>`select n.*, an.number as application_number, p.code as policy_code, v.title as policy_title, d.name as department_name ${from} ${where}
      order by n.notice_until desc, n.policy_id, n.enterprise_name, n.kind, n.id
      limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db),
    sql<{ total: number }>`select count(*)::int as total ${from} ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: Number(count.rows[0]?.total ?? 0) };
}

/** A batch of the same notices after `after` by (kind, id), for the export's keyset reading. */
export async function findPublicNoticeBatch(db: Executor, filter: { policyId?: number; q?: string }, now: Date, others: RawBuilder<unknown>[], after: { kind: string; id: number } | null, limit: number) {
  const { from, where } = publicNoticeParts(filter, now, others);
  const next = after ? sql`and (n.kind, n.id) > (${after.kind}::text, ${after.id}::int)` : sql``;
  const rows = await sql<PublicNoticeRow>`select n.*, an.number as application_number, p.code as policy_code, v.title as policy_title, d.name as department_name ${from} ${where} ${next}
    order by n.kind, n.id limit ${limit}`.execute(db);
  return rows.rows;
}
