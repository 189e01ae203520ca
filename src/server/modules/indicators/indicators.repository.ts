import type { Executor } from '../../db/database.ts';
import { BUILT_IN_INDICATORS } from '../../../core/profile/indicators.ts';

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
}
