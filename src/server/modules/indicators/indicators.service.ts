import type { Kysely } from 'kysely';
import { SOURCE_NAMES, type IndicatorDefinition, type Source } from '../../../core/profile/indicators.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, forbidden, notFound, type ErrorDetail } from '../../errors.ts';
import { auditContextOfActor, requireRole, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { auditEnterpriseRead, authorizeEnterpriseRead, isOwnEnterprise } from '../enterprises/enterprise-access.ts';
import { findEnterpriseRef } from '../enterprises/enterprises.repository.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import { recomputeProfilesAndPublish } from '../profiles/profiles.service.ts';
import { loadIndicatorCatalogue } from './indicators.catalogue.ts';
import * as repo from './indicators.repository.ts';
import type { CreateIndicatorInput, Indicator, IndicatorValue, IndicatorValueInput, IndicatorValuesQuery } from './indicators.schemas.ts';
import { checkAsOf, checkPeriod, checkSource, checkValue } from './indicators.validation.ts';
import { sourceRank } from './source-precedence.ts';

function presentIndicator(row: Awaited<ReturnType<typeof repo.findIndicators>>[number]): Indicator {
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    category: row.category,
    unit: row.unit,
    periodicity: row.periodicity,
    isFlow: row.is_flow,
    isKey: row.is_key,
    sources: row.sources,
    grades: row.grades,
    isBuiltIn: row.is_built_in,
  };
}

/** The indicator registry (any signed-in user: it names the facts, it holds none). */
export async function listIndicators(db: Kysely<DB>): Promise<Indicator[]> {
  return (await repo.findIndicators(db)).map(presentIndicator);
}

/**
 * Adds an indicator to the registry (data admin). A new indicator is data, not a column: imports, the
 * profile's completeness (when isKey) and rules can use it at once.
 */
export async function createIndicator(db: Kysely<DB>, actor: Actor, input: CreateIndicatorInput): Promise<Indicator> {
  requireRole(actor, 'data_admin');
  if (input.unit === 'grade' && !input.grades) throw new AppError('validation_failed', 'A grade indicator lists its grades', [{ path: 'body/grades', message: 'required for unit grade' }]);
  if (input.unit !== 'grade' && input.grades) throw new AppError('validation_failed', 'Only grade indicators have grades', [{ path: 'body/grades', message: `not allowed for unit ${input.unit}` }]);
  if (input.unit === 'boolean' && input.isFlow) throw new AppError('validation_failed', 'A yes/no fact does not add up over periods', [{ path: 'body/isFlow', message: 'must be false for unit boolean' }]);
  await db.transaction().execute(async (trx) => {
    if (await repo.findIndicatorByCode(trx, input.code)) throw new AppError('conflict', `The indicator ${input.code} exists`);
    await repo.insertIndicator(trx, {
      code: input.code,
      name_zh: input.nameZh.trim(),
      name_en: input.nameEn.trim(),
      category: input.category,
      unit: input.unit,
      periodicity: input.periodicity,
      is_flow: input.isFlow,
      is_key: input.isKey ?? false,
      sources: [...input.sources],
      grades: input.grades ? input.grades.map((g) => g.trim().toUpperCase()) : null,
      is_built_in: false,
    });
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'indicator.create', targetType: 'indicator', targetId: input.code, details: { ...input } });
  });
  return presentIndicator((await repo.findIndicatorByCode(db, input.code))!);
}

/**
 * The stored values of an enterprise (every source, each marked whether it is the effective one), only
 * for the data categories the actor may see. Audited when another organisation reads.
 */
export async function readIndicatorValues(db: Kysely<DB>, actor: Actor, enterpriseId: number, query: IndicatorValuesQuery): Promise<{ items: IndicatorValue[] }> {
  const enterprise = await findEnterpriseRef(db, enterpriseId);
  if (!enterprise) throw notFound('Enterprise');
  const access = await authorizeEnterpriseRead(db, actor, enterprise, 'enterprise.indicators.read');
  if (query.from && query.to && query.from > query.to) throw new AppError('validation_failed', 'from is after to', [{ path: 'querystring/from', message: 'must not be after to' }]);
  const catalogue = await loadIndicatorCatalogue(db);
  const visible = catalogue.filter((d) => access.categories.includes(d.category) && (!query.code || d.code === query.code));
  const byCode = new Map(visible.map((d) => [d.code, d]));
  const rows = await repo.findIndicatorValues(db, enterpriseId, { codes: [...byCode.keys()], fromYear: query.from, toYear: query.to });

  // The effective source of each code and period: the best-ranked one present.
  const best = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.indicator_code}|${row.period}`;
    const rank = sourceRank(byCode.get(row.indicator_code)!, row.source);
    if (!best.has(key) || rank < best.get(key)!) best.set(key, rank);
  }
  const items = rows.map((row): IndicatorValue => {
    const definition = byCode.get(row.indicator_code)!;
    const names = SOURCE_NAMES[row.source as Source] ?? { zh: row.source, en: row.source };
    return {
      code: row.indicator_code,
      nameZh: definition.nameZh,
      nameEn: definition.nameEn,
      unit: definition.unit,
      category: definition.category,
      period: row.period,
      value: row.value,
      valueText: row.value_text,
      source: row.source,
      sourceNameZh: names.zh,
      sourceNameEn: names.en,
      asOf: row.as_of,
      batchId: row.batch_id,
      isEffective: best.get(`${row.indicator_code}|${row.period}`) === sourceRank(definition, row.source),
    };
  });
  await auditEnterpriseRead(db, actor, access, 'enterprise.indicators.read', { query, count: items.length });
  return { items };
}

/**
 * Validates a whole batch against the registry; returns the rows to write or throws one 400 listing every
 * bad item by path (`body/3/value`), so nothing is written unless everything is right.
 */
function validateBatch(enterpriseId: number, items: readonly IndicatorValueInput[], catalogue: ReadonlyMap<string, IndicatorDefinition>, isSelfReport: boolean, today: string): repo.IndicatorValueRow[] {
  const details: ErrorDetail[] = [];
  const rows: repo.IndicatorValueRow[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const path = `body/${index}`;
    const definition = catalogue.get(item.code);
    if (!definition) {
      details.push({ path: `${path}/code`, message: `unknown indicator "${item.code}"` });
      return;
    }
    const period = checkPeriod(definition, item.period);
    if ('error' in period) details.push({ path: `${path}/period`, message: period.error });
    const value = checkValue(definition, item.value);
    if ('error' in value) details.push({ path: `${path}/value`, message: value.error });
    const sourceError = isSelfReport && item.source !== 'self_reported' ? 'an enterprise reports its own figures as self_reported' : checkSource(definition, item.source);
    // (checkSource also refuses self_reported for facts only an authority reports, such as tax paid.)
    if (sourceError) details.push({ path: `${path}/source`, message: sourceError });
    const asOfError = checkAsOf(item.asOf, 'period' in period ? period.period : null, today);
    if (asOfError) details.push({ path: `${path}/asOf`, message: asOfError });
    const key = `${item.code}|${item.period}|${item.source}`;
    if (seen.has(key)) details.push({ path, message: `repeats item ${seen.get(key)} (same code, period and source)` });
    else seen.set(key, index);
    if ('error' in period || 'error' in value || sourceError || asOfError) return;
    rows.push({ enterpriseId, code: item.code, period: item.period, source: item.source, value: value.value, valueText: value.valueText, asOf: item.asOf, batchId: null });
  });
  if (details.length > 0) throw new AppError('validation_failed', `${details.length} problem(s) in the batch; nothing was written`, details);
  return rows;
}

/**
 * Writes a batch of values for one enterprise, atomically: a data admin under any source the indicator is
 * reported by, the enterprise itself only as `self_reported`. The enterprise's derived profile is
 * recomputed in the same transaction, so the next read shows the new tags.
 */
export async function writeIndicatorValues(db: Kysely<DB>, actor: Actor, enterpriseId: number, items: readonly IndicatorValueInput[]) {
  const enterprise = await findEnterpriseRef(db, enterpriseId);
  if (!enterprise) throw notFound('Enterprise');
  const isSelfReport = isOwnEnterprise(actor, enterprise);
  if (!isSelfReport && !actor.roles.includes('data_admin')) throw forbidden('Only a data admin or the enterprise itself writes its figures');
  const catalogue = new Map((await loadIndicatorCatalogue(db)).map((d) => [d.code, d]));
  const rows = validateBatch(enterpriseId, items, catalogue, isSelfReport, todayInCounty());
  return db.transaction().execute(async (trx) => {
    const counts = await repo.upsertIndicatorValues(trx, rows);
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
