import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { OrgType } from '../../db/schema.ts';
import { byPinyin } from '../../../core/text/pinyin-sort.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';

export type ConsentStatus = 'active' | 'expired' | 'revoked' | 'scheduled';

/** The status of a consent at `now`, in SQL (the same rule as consentStatus in consents.presenter.ts). */
const statusAt = (now: Date) =>
  sql<ConsentStatus>`case when consents.revoked_at is not null then 'revoked'
    when consents.valid_from > ${now} then 'scheduled'
    when consents.valid_until <= ${now} then 'expired' else 'active' end`;

/** Consents of an enterprise to one organisation that are in force at `now`: started, not ended, not revoked. */
export async function findActiveConsents(db: Executor, enterpriseId: number, granteeOrgId: number, now: Date) {
  return db
    .selectFrom('consents')
    .where('enterprise_id', '=', enterpriseId)
    .where('grantee_org_id', '=', granteeOrgId)
    .where('revoked_at', 'is', null)
    .where('valid_from', '<=', now)
    .where('valid_until', '>', now)
    .select(['id', 'categories', 'valid_from', 'valid_until', 'revoked_at'])
    .orderBy('id')
    .execute();
}

const CONSENT_COLUMNS = [
  'consents.id',
  'consents.enterprise_id',
  'consents.grantee_org_id',
  'consents.categories',
  'consents.purpose',
  'consents.valid_from',
  'consents.valid_until',
  'consents.revoked_at',
  'consents.created_at',
  'organizations.type as grantee_type',
  'organizations.name as grantee_name',
] as const;

function consentsWithGrantee(db: Executor) {
  return db.selectFrom('consents').innerJoin('organizations', 'organizations.id', 'consents.grantee_org_id');
}

/** Every consent an enterprise ever gave, newest first: the history is kept, never deleted. */
export async function findConsentsOfEnterprise(db: Executor, enterpriseId: number) {
  return consentsWithGrantee(db).where('consents.enterprise_id', '=', enterpriseId).select(CONSENT_COLUMNS).orderBy('consents.created_at', 'desc').orderBy('consents.id', 'desc').execute();
}

export async function findConsentById(db: Executor, id: number) {
  return consentsWithGrantee(db).where('consents.id', '=', id).select(CONSENT_COLUMNS).executeTakeFirst();
}

export async function insertConsent(
  db: Executor,
  row: { enterpriseId: number; granteeOrgId: number; categories: readonly string[]; purpose: string; validFrom: Date; validUntil: Date; createdBy: number },
): Promise<number> {
  const inserted = await db
    .insertInto('consents')
    .values({
      enterprise_id: row.enterpriseId,
      grantee_org_id: row.granteeOrgId,
      categories: [...row.categories],
      purpose: row.purpose,
      valid_from: row.validFrom,
      valid_until: row.validUntil,
      revoked_at: null,
      revoked_by: null,
      created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Revokes a consent that is not revoked yet; returns whether this call revoked it. */
export async function revokeConsent(db: Executor, id: number, userId: number, at: Date): Promise<boolean> {
  const result = await db.updateTable('consents').set({ revoked_at: at, revoked_by: userId }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Consents received by an organisation (a bank, a service provider), newest first: one page and the total. */
export async function findReceivedConsents(db: Executor, granteeOrgId: number, filter: { status?: ConsentStatus }, now: Date, page: PageRequest) {
  let query = db
    .selectFrom('consents')
    .innerJoin('enterprises', 'enterprises.id', 'consents.enterprise_id')
    .where('consents.grantee_org_id', '=', granteeOrgId);
  if (filter.status) query = query.where(sql<SqlBool>`${statusAt(now)} = ${filter.status}`);
  return findPage(
    query,
    (q) =>
      q
        .select([
          'consents.id',
          'consents.categories',
          'consents.purpose',
          'consents.valid_from',
          'consents.valid_until',
          'consents.revoked_at',
          'consents.created_at',
          'enterprises.id as enterprise_id',
          'enterprises.name as enterprise_name',
          'enterprises.uscc as enterprise_uscc',
        ])
        .orderBy('consents.created_at', 'desc')
        .orderBy('consents.id', 'desc'),
    page,
  );
}

/**
 * The id of the enterprise an organisation is linked to (the grantor an enterprise user acts for). A narrow
 * read of the registry's link column: consents sit below the enterprises module (whose access decisions
 * read consents), so they cannot ask its face.
 */
export async function findEnterpriseIdOfOrganisation(db: Executor, orgId: number): Promise<number | undefined> {
  const row = await db.selectFrom('enterprises').where('org_id', '=', orgId).select('id').executeTakeFirst();
  return row?.id;
}

const byName = byPinyin((org: { name: string }) => org.name);

/** Organisations an enterprise may authorise (banks and service providers), by type then name in pinyin order. */
export async function findGrantees(db: Executor, type?: Extract<OrgType, 'bank' | 'service_provider'>) {
  return db
    .selectFrom('organizations')
    .where('type', 'in', type ? [type] : ['bank', 'service_provider'])
    .select(['id', 'type', 'name'])
    .execute()
    .then((rows) => rows.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) || byName(a, b)));
}

export async function findOrgType(db: Executor, orgId: number): Promise<OrgType | undefined> {
  const row = await db.selectFrom('organizations').where('id', '=', orgId).select('type').executeTakeFirst();
  return row?.type;
}

/**
 * SQL predicate: the enterprise (column `enterpriseId`) has a consent in force to `granteeOrgId`. Search
 * uses it so a bank lists only the enterprises that authorised it.
 */
export function hasActiveConsent(enterpriseId: Expression<number>, granteeOrgId: number, now: Date) {
  return sql<SqlBool>`exists (select 1 from consents c where c.enterprise_id = ${enterpriseId} and c.grantee_org_id = ${granteeOrgId}
    and c.revoked_at is null and c.valid_from <= ${now} and c.valid_until > ${now})`;
}

/** SQL: the union of the categories of the consents in force (null when none), per enterprise. */
export function activeConsentCategories(enterpriseId: Expression<number>, granteeOrgId: number, now: Date) {
  return sql<string[] | null>`(select array_agg(distinct cat order by cat) from consents c cross join lateral unnest(c.categories) as cat
    where c.enterprise_id = ${enterpriseId} and c.grantee_org_id = ${granteeOrgId}
      and c.revoked_at is null and c.valid_from <= ${now} and c.valid_until > ${now})`;
}
