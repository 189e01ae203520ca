import type { Kysely } from 'kysely';
import { SOURCE_NAMES, type Source } from '../../../core/profile/indicators.ts';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { auditContextOfActor, requireRole, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { loadIndicatorCatalogue } from './indicators.catalogue.ts';
import * as repo from './indicators.repository.ts';
import type { CreateIndicatorInput, Indicator, IndicatorValue, IndicatorValuesQuery } from './indicators.schemas.ts';
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
 * The stored values of an enterprise (every source, each marked whether it is the effective one by source
 * precedence), only for indicators of the given data categories. Access is the caller's decision: it
 * passes the categories the actor may see.
 */
export async function listIndicatorValues(db: Executor, enterpriseId: number, categories: readonly string[], query: IndicatorValuesQuery): Promise<IndicatorValue[]> {
  const catalogue = await loadIndicatorCatalogue(db);
  const visible = catalogue.filter((d) => categories.includes(d.category) && (!query.code || d.code === query.code));
  const byCode = new Map(visible.map((d) => [d.code, d]));
  const rows = await repo.findIndicatorValues(db, enterpriseId, { codes: [...byCode.keys()], fromYear: query.from, toYear: query.to });

  // The effective source of each code and period: the best-ranked one present.
  const best = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.indicator_code}|${row.period}`;
    const rank = sourceRank(byCode.get(row.indicator_code)!, row.source);
    if (!best.has(key) || rank < best.get(key)!) best.set(key, rank);
  }
  return rows.map((row): IndicatorValue => {
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
}
