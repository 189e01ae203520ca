import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { IndicatorsTable } from '../../db/schema.ts';
import { BUILT_IN_INDICATORS } from '../../../core/profile/indicators.ts';
import { syncBuiltInRegistry } from './registry.repository.ts';

/**
 * Makes the `indicators` table hold the built-in catalogue (src/core/profile/indicators.ts): inserts the
 * missing ones and refreshes names, units and sources of the built-in rows. Rows a data admin added are
 * left alone. Runs at every start, after migrations.
 */
export async function syncBuiltInIndicators(db: Executor): Promise<void> {
  await db
    .insertInto('indicators')
    .values(
      BUILT_IN_INDICATORS.map((d) => ({
        code: d.code,
        name_zh: d.nameZh,
        name_en: d.nameEn,
        category: d.category,
        unit: d.unit,
        periodicity: d.periodicity,
        is_flow: d.isFlow,
        is_key: d.isKey,
        sources: [...d.sources],
        grades: d.grades ? [...d.grades] : null,
        is_built_in: true,
      })),
    )
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name_zh: eb.ref('excluded.name_zh'),
        name_en: eb.ref('excluded.name_en'),
        category: eb.ref('excluded.category'),
        unit: eb.ref('excluded.unit'),
        periodicity: eb.ref('excluded.periodicity'),
        is_flow: eb.ref('excluded.is_flow'),
        is_key: eb.ref('excluded.is_key'),
        sources: eb.ref('excluded.sources'),
        grades: eb.ref('excluded.grades'),
        is_built_in: true,
      })),
    )
    .execute();
  // Registry data of the rule language is synced with the indicators: every start path calls this.
  await syncBuiltInRegistry(db);
}

export interface IndicatorValueRow {
  enterpriseId: number;
  code: string;
  period: string;
  source: string;
  /** Integer value (fen, persons, bp, 0/1 …); null for text-valued indicators. */
  value: number | null;
  /** Text value (grades); null for numeric indicators. */
  valueText: string | null;
  /** 'YYYY-MM-DD': the date the source's figure is as of. */
  asOf: string;
  batchId: number | null;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Writes indicator values, one per (enterprise, indicator, period, source). A row identical to what is
 * stored (same value and as-of date) changes nothing and counts as unchanged, so importing the same
 * file twice is harmless. The rows must not repeat a key (callers report such duplicates themselves).
 * Set-based: one statement for the whole batch, whatever its size.
 */
export async function upsertIndicatorValues(db: Executor, rows: readonly IndicatorValueRow[]): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const keys = new Set<string>();
  for (const row of rows) {
    const key = `${row.enterpriseId}\u0000${row.code}\u0000${row.period}\u0000${row.source}`;
    if (keys.has(key)) throw new Error(`upsertIndicatorValues: duplicate key ${key.replaceAll('\u0000', '/')}`);
    keys.add(key);
  }
  const result = await sql<{ inserted: boolean }>`
    insert into indicator_values (enterprise_id, indicator_code, period, source, value, value_text, as_of, batch_id)
    select * from unnest(
      ${rows.map((r) => r.enterpriseId)}::int[], ${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.period)}::text[],
      ${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.value)}::int8[], ${rows.map((r) => r.valueText)}::text[],
      ${rows.map((r) => r.asOf)}::date[], ${rows.map((r) => r.batchId)}::int[])
    on conflict (enterprise_id, indicator_code, period, source) do update
      set value = excluded.value, value_text = excluded.value_text, as_of = excluded.as_of,
          batch_id = excluded.batch_id, updated_at = now()
      where (indicator_values.value, indicator_values.value_text, indicator_values.as_of)
            is distinct from (excluded.value, excluded.value_text, excluded.as_of)
    returning (xmax = 0) as inserted`.execute(db);
  const inserted = result.rows.filter((r) => r.inserted).length;
  const updated = result.rows.length - inserted;
  return { inserted, updated, unchanged: rows.length - result.rows.length };
}

/** The indicator registry as stored (built-in and added by data admins), in code order. */
export async function findIndicators(db: Executor) {
  return db.selectFrom('indicators').selectAll().orderBy('is_built_in', 'desc').orderBy('created_at').orderBy('code').execute();
}

export async function findIndicatorByCode(db: Executor, code: string) {
  return db.selectFrom('indicators').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertIndicator(db: Executor, row: Insertable<IndicatorsTable>): Promise<void> {
  await db.insertInto('indicators').values(row).execute();
}

/** The stored values of one enterprise, optionally for one indicator and a range of years (inclusive). */
export async function findIndicatorValues(db: Executor, enterpriseId: number, filter: { codes: readonly string[]; fromYear?: string; toYear?: string }) {
  if (filter.codes.length === 0) return [];
  let query = db
    .selectFrom('indicator_values')
    .where('enterprise_id', '=', enterpriseId)
    .where('indicator_code', 'in', filter.codes)
    .select(['indicator_code', 'period', 'source', 'value', 'value_text', 'as_of', 'batch_id']);
  // Periods start with their year ("2024", "2024Q3", "2024-07"), so a year range is a range on the label.
  if (filter.fromYear) query = query.where('period', '>=', filter.fromYear);
  if (filter.toYear) query = query.where('period', '<', String(Number(filter.toYear) + 1));
  return query.orderBy('indicator_code').orderBy('period', 'desc').orderBy('source').execute();
}

/** One stored value, for disputes. */
export async function findIndicatorValue(db: Executor, key: { enterpriseId: number; code: string; period: string; source: string }) {
  return db
    .selectFrom('indicator_values')
    .where('enterprise_id', '=', key.enterpriseId)
    .where('indicator_code', '=', key.code)
    .where('period', '=', key.period)
    .where('source', '=', key.source)
    .select(['value', 'value_text', 'as_of'])
    .executeTakeFirst();
}
