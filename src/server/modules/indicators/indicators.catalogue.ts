import type { DataCategory, IndicatorDefinition, IndicatorUnit, Periodicity, Source } from '../../../core/profile/indicators.ts';
import type { Executor } from '../../db/database.ts';
import type { IndicatorsTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import { findIndicators } from './indicators.repository.ts';

/** A registry row in the engines' shape (src/core/profile/indicators.ts). */
export function toIndicatorDefinition(row: Selectable<IndicatorsTable>): IndicatorDefinition {
  return {
    code: row.code,
    category: row.category as DataCategory,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    unit: row.unit as IndicatorUnit,
    periodicity: row.periodicity as Periodicity,
    isFlow: row.is_flow,
    // Sources are checked on the way in; a future source name is carried as is.
    sources: row.sources as Source[],
    isKey: row.is_key,
    ...(row.grades && { grades: row.grades }),
  };
}

/**
 * The indicator catalogue the engines run on: the database registry (built-in rows plus those a data
 * admin added), not the compiled-in list, so a new indicator counts without a release.
 */
export async function loadIndicatorCatalogue(db: Executor): Promise<IndicatorDefinition[]> {
  return (await findIndicators(db)).map(toIndicatorDefinition);
}
