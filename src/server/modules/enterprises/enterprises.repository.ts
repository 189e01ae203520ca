import { sql, type SqlBool } from 'kysely';
import { pinyinSortKey } from '../../../core/text/pinyin-sort.ts';
import type { Executor } from '../../db/database.ts';
import type { EnterpriseRow, EnterpriseStatus, SizeClass } from '../../db/schema.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';
import { activeConsentCategories, hasActiveConsent } from '../consents/index.ts';

const escapeLike = (text: string) => text.replace(/[%_\\]/g, '\\$&');

/** Which enterprises a search may return: all, one organisation's own, or those consented to an organisation. */
export type SearchScope = { kind: 'all' } | { kind: 'own'; orgId: number } | { kind: 'consent'; granteeOrgId: number; now: Date };

/** Search filters, already normalised by the service. */
export interface SearchFilter {
  name?: string;
  usccPrefix?: string;
  town?: string;
  industry?: { section: string } | { division: string } | { prefix: string; division: string };
  sizeClass?: SizeClass;
  tag?: string;
  aboveScale?: boolean;
  status?: EnterpriseStatus;
}

const SUMMARY_COLUMNS = [
  'e.id',
  'e.uscc',
  'e.name',
  'e.type',
  'e.status',
  'e.town_code',
  'towns.name as town_name',
  'e.industry_code',
  'e.industry_section',
  'e.size_class',
  'e.is_above_scale',
  'e.lifecycle_stage',
  'e.tags',
] as const;

/**
 * One page of enterprises matching the filters, ordered by name, with the total. Each row carries the
 * categories its searchable facts reveal (`tag_categories`) and, for a consent scope, the categories
 * granted (`granted`), so the service can hide what the caller may not see.
 */
export async function searchEnterprises(db: Executor, filter: SearchFilter, scope: SearchScope, page: PageRequest) {
  return findPage(filterEnterprises(db, filter, scope), selectEnterpriseSummaries(scope), page);
}

/**
 * The enterprises a search covers, filtered, before columns and order (the benchmark explains the plans of
 * the page and count queries built on it).
 *
 * For a consent scope, filters on derived facts (size class, tag, 四上) only match where the consent
 * covers what the fact reveals: filtering on a hidden fact would reveal it.
 */
export function filterEnterprises(db: Executor, filter: SearchFilter, scope: SearchScope) {
  let query = db.selectFrom('enterprises as e').leftJoin('towns', 'towns.code', 'e.town_code');
  if (filter.name !== undefined && filter.usccPrefix !== undefined) {
    const pattern = `%${escapeLike(filter.name)}%`;
    const prefix = `${escapeLike(filter.usccPrefix)}%`;
    query = query.where((eb) => eb.or([eb('e.name', 'ilike', pattern), eb('e.uscc', 'like', prefix)]));
  } else if (filter.name !== undefined) {
    query = query.where('e.name', 'ilike', `%${escapeLike(filter.name)}%`);
  } else if (filter.usccPrefix !== undefined) {
    query = query.where('e.uscc', 'like', `${escapeLike(filter.usccPrefix)}%`);
  }
  if (filter.town) query = query.where('e.town_code', '=', filter.town);
  if (filter.industry) {
    const industry = filter.industry;
    if ('section' in industry) query = query.where('e.industry_section', '=', industry.section);
    else if ('prefix' in industry) query = query.where('e.industry_division', '=', industry.division).where('e.industry_code', 'like', `${industry.prefix}%`);
    else query = query.where('e.industry_division', '=', industry.division);
  }
  if (filter.status) query = query.where('e.status', '=', filter.status);
  if (filter.sizeClass) query = query.where('e.size_class', '=', filter.sizeClass);
  if (filter.tag) query = query.where(sql<SqlBool>`e.tags @> array[${filter.tag}]::text[]`);
  if (filter.aboveScale !== undefined) query = query.where('e.is_above_scale', '=', filter.aboveScale);

  if (scope.kind === 'own') query = query.where('e.org_id', '=', scope.orgId);
  if (scope.kind === 'consent') {
    query = query.where(hasActiveConsent(sql.ref('e.id'), scope.granteeOrgId, scope.now));
    const granted = activeConsentCategories(sql.ref('e.id'), scope.granteeOrgId, scope.now);
    // What a derived filter reveals, per enterprise (see profiles.compute.ts, tagCategories).
    const covered = (key: string) =>
      sql<SqlBool>`${granted} @> coalesce(array(select jsonb_array_elements_text(e.profile -> 'tagCategories' -> ${key})), array['operations'])`;
    if (filter.sizeClass) query = query.where(covered('size_class'));
    if (filter.tag) query = query.where(covered(filter.tag));
    if (filter.aboveScale !== undefined) query = query.where(covered('above_scale'));
  }
  return query;
}

/** The columns and order of a search's page: the summary, the categories its tags reveal, and (consent scope) those granted. */
export function selectEnterpriseSummaries(scope: SearchScope) {
  return (query: ReturnType<typeof filterEnterprises>) =>
    query
      .select(SUMMARY_COLUMNS)
      .select(sql<Record<string, string[]> | null>`e.profile -> 'tagCategories'`.as('tag_categories'))
      .select(scope.kind === 'consent' ? activeConsentCategories(sql.ref('e.id'), scope.granteeOrgId, scope.now).as('granted') : sql<string[] | null>`null::text[]`.as('granted'))
      // Pinyin order (安徽 < 重庆 < 四川), the same on PGlite and PostgreSQL: see migration 20261210T0900_name_sort.
      .orderBy(sql`e.name_sort collate "C"`)
      .orderBy(sql`e.name collate "C"`)
      .orderBy('e.id');
}

export type SummaryRow = Awaited<ReturnType<typeof searchEnterprises>>['rows'][number];

const DETAIL_COLUMNS = [
  ...SUMMARY_COLUMNS,
  'e.uscc_status',
  'e.legal_representative',
  'e.registered_on',
  'e.closed_on',
  'e.registered_capital_fen',
  'e.address',
  'e.industry_division',
  'e.org_id',
  'e.profile',
  'e.profile_computed_at',
  'e.completeness_bp',
  'e.created_at',
  'e.updated_at',
] as const;

function detailQuery(db: Executor) {
  return db.selectFrom('enterprises as e').leftJoin('towns', 'towns.code', 'e.town_code').select(DETAIL_COLUMNS);
}

export async function findEnterpriseById(db: Executor, id: number) {
  return detailQuery(db).where('e.id', '=', id).executeTakeFirst();
}

export async function findEnterpriseByOrgId(db: Executor, orgId: number) {
  return detailQuery(db).where('e.org_id', '=', orgId).executeTakeFirst();
}

export type DetailRow = NonNullable<Awaited<ReturnType<typeof findEnterpriseById>>>;

/** Just what the access decision needs. */
export async function findEnterpriseRef(db: Executor, id: number): Promise<{ id: number; orgId: number | null; name: string; uscc: string } | undefined> {
  const row = await db.selectFrom('enterprises').where('id', '=', id).select(['id', 'org_id', 'name', 'uscc']).executeTakeFirst();
  return row && { id: row.id, orgId: row.org_id, name: row.name, uscc: row.uscc };
}

export async function findEnterpriseRefByOrgId(db: Executor, orgId: number): Promise<{ id: number; orgId: number | null; name: string; uscc: string } | undefined> {
  const row = await db.selectFrom('enterprises').where('org_id', '=', orgId).select(['id', 'org_id', 'name', 'uscc']).executeTakeFirst();
  return row && { id: row.id, orgId: row.org_id, name: row.name, uscc: row.uscc };
}

export async function findCertifications(db: Executor, enterpriseId: number) {
  return db
    .selectFrom('certifications')
    .where('enterprise_id', '=', enterpriseId)
    .select(['code', 'awarded_on', 'expires_on', 'is_renewal', 'source'])
    .orderBy('awarded_on', 'desc')
    .orderBy('code')
    .execute();
}

export async function usccExists(db: Executor, uscc: string): Promise<boolean> {
  const row = await db.selectFrom('enterprises').where('uscc', '=', uscc).select('id').executeTakeFirst();
  return row !== undefined;
}

/** The registry facts of an enterprise (what a data admin or a registry import writes). */
export type EnterpriseRegistryFields = Pick<
  EnterpriseRow,
  'name' | 'type' | 'legal_representative' | 'registered_on' | 'registered_capital_fen' | 'town_code' | 'address' | 'industry_code' | 'industry_section' | 'industry_division' | 'status'
> & { closed_on?: string | null };

export async function insertEnterprise(db: Executor, row: EnterpriseRegistryFields & { uscc: string; uscc_status: 'valid' | 'checksum_override' }): Promise<number> {
  const inserted = await db
    .insertInto('enterprises')
    .values({ ...row, name_sort: pinyinSortKey(row.name), org_id: null, size_class: null, is_above_scale: null, lifecycle_stage: null, profile: null, completeness_bp: null, profile_computed_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateEnterprise(db: Executor, id: number, patch: Partial<EnterpriseRegistryFields>): Promise<void> {
  const nameSort = patch.name === undefined ? {} : { name_sort: pinyinSortKey(patch.name) };
  await db.updateTable('enterprises').set({ ...patch, ...nameSort, updated_at: new Date() }).where('id', '=', id).execute();
}

/**
 * Fills the pinyin sort key of rows that have none (rows from before migration 20261210T0900_name_sort, or whose
 * name a writer changed without a key): chunked by id, idempotent, a no-op when every row has its key.
 * Returns the number of rows filled.
 */
export async function fillNameSortKeys(db: Executor, chunk = 2000): Promise<number> {
  let filled = 0;
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('enterprises').where('name_sort', 'is', null).where('id', '>', after).select(['id', 'name']).orderBy('id').limit(chunk).execute();
    if (rows.length === 0) return filled;
    await sql`
      update enterprises e set name_sort = v.key
      from unnest(${rows.map((r) => r.id)}::int4[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => pinyinSortKey(r.name))}::text[]) as v(id, name, key)
      where e.id = v.id and e.name = v.name and e.name_sort is null`.execute(db);
    filled += rows.length;
    after = rows[rows.length - 1]!.id;
    if (rows.length < chunk) return filled;
  }
}

export async function findTowns(db: Executor) {
  return db.selectFrom('towns').select(['code', 'name', 'name_en', 'kind']).orderBy('code').execute();
}

export async function townExists(db: Executor, code: string): Promise<boolean> {
  const row = await db.selectFrom('towns').where('code', '=', code).select('code').executeTakeFirst();
  return row !== undefined;
}
