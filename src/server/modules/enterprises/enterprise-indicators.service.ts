/**
 * An enterprise's indicator values as use cases: who may read or write them (enterprise-access.ts), the
 * audit, and the profile recompute a write sets off. They live here, above indicators (storage, registry,
 * validation) and profiles (the recompute), so both are called downward.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import {
  listIndicatorValues,
  loadIndicatorCatalogue,
  upsertIndicatorValues,
  validateIndicatorBatch,
  type IndicatorValue,
  type IndicatorValueInput,
  type IndicatorValuesQuery,
  type UpsertCounts,
} from '../indicators/index.ts';
import { recomputeProfilesAndPublish } from '../profiles/index.ts';
import { auditEnterpriseRead, authorizeEnterpriseRead, isOwnEnterprise } from './enterprise-access.ts';
import { findEnterpriseRef } from './enterprises.repository.ts';

/**
 * The stored values of an enterprise (every source, each marked whether it is the effective one), only
 * for the data categories the actor may see. Audited when another organisation reads.
 */
export async function readIndicatorValues(db: Kysely<DB>, actor: Actor, enterpriseId: number, query: IndicatorValuesQuery): Promise<{ items: IndicatorValue[] }> {
  const enterprise = await findEnterpriseRef(db, enterpriseId);
  if (!enterprise) throw notFound('Enterprise');
  const access = await authorizeEnterpriseRead(db, actor, enterprise, 'enterprise.indicators.read');
  if (query.from && query.to && query.from > query.to) throw new AppError('validation_failed', 'from is after to', [{ path: 'querystring/from', message: 'must not be after to' }]);
  const items = await listIndicatorValues(db, enterpriseId, access.categories, query);
  await auditEnterpriseRead(db, actor, access, 'enterprise.indicators.read', { query, count: items.length });
  return { items };
}

/**
 * Writes a batch of values for one enterprise, atomically: a data admin under any source the indicator is
 * reported by, the enterprise itself only as `self_reported`. The enterprise's derived profile is
 * recomputed in the same transaction, so the next read shows the new tags.
 */
export async function writeIndicatorValues(db: Kysely<DB>, actor: Actor, enterpriseId: number, items: readonly IndicatorValueInput[]): Promise<UpsertCounts> {
  const enterprise = await findEnterpriseRef(db, enterpriseId);
  if (!enterprise) throw notFound('Enterprise');
  const isSelfReport = isOwnEnterprise(actor, enterprise);
  if (!isSelfReport && !actor.roles.includes('data_admin')) throw forbidden('Only a data admin or the enterprise itself writes its figures');
  const catalogue = new Map((await loadIndicatorCatalogue(db)).map((d) => [d.code, d]));
  const rows = validateIndicatorBatch(enterpriseId, items, catalogue, isSelfReport, todayInCounty());
  return db.transaction().execute(async (trx) => {
    const counts = await upsertIndicatorValues(trx, rows);
    await recordAudit(trx, {
      ...auditContextOfActor(actor),
      action: 'enterprise.indicators.write',
      targetType: 'enterprise',
      targetId: enterpriseId,
      details: { ...counts, items: rows.length, codes: [...new Set(rows.map((r) => r.code))], sources: [...new Set(rows.map((r) => r.source))] },
    });
    await recomputeProfilesAndPublish(trx, [enterpriseId]);
    return counts;
  });
}
