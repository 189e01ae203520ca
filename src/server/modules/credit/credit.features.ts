/**
 * Loads the credit features (src/core/credit/features.ts) of enterprises from their effective indicator
 * values (the profiles' source precedence), in chunks, set-based. `hiddenCodes` are indicators the reader may
 * not see (categories without consent): they are never poured into the matrix, so the features built on them
 * are missing, exactly as if the enterprise had not reported them.
 */
import { CREDIT_INDICATOR_CODES, FeatureMatrixBuilder } from '../../../core/credit/features.ts';
import type { IndicatorDefinition } from '../../../core/profile/indicators.ts';
import type { Executor } from '../../db/database.ts';
import { loadIndicatorCatalogue, sourceRankTable } from '../indicators/index.ts';
import { findEffectiveValues } from '../profiles/index.ts';
import { findRegistrationDates } from './credit.repository.ts';

/** One row of a feature matrix: whose facts, as of which year. */
export interface FeatureSubject {
  enterpriseId: number;
  referenceYear: number;
}

const CHUNK = 2_000;

export async function creditCatalogue(db: Executor): Promise<IndicatorDefinition[]> {
  const wanted = new Set(CREDIT_INDICATOR_CODES);
  return (await loadIndicatorCatalogue(db)).filter((indicator) => wanted.has(indicator.code));
}

/** The feature columns (CREDIT_FEATURES order) of the subjects, one row per subject, in the given order. */
export async function loadFeatureColumns(
  db: Executor,
  subjects: readonly FeatureSubject[],
  options: { catalogue?: IndicatorDefinition[]; hiddenCodes?: ReadonlySet<string>; onChunk?: (done: number, total: number) => Promise<void> | void } = {},
): Promise<Float64Array[]> {
  const catalogue = options.catalogue ?? (await creditCatalogue(db));
  const ranks = sourceRankTable(catalogue);
  const builder = new FeatureMatrixBuilder(subjects.length, Int32Array.from(subjects, (s) => s.referenceYear));
  const rowsOf = new Map<number, number[]>();
  subjects.forEach((subject, row) => {
    const rows = rowsOf.get(subject.enterpriseId);
    if (rows) rows.push(row);
    else rowsOf.set(subject.enterpriseId, [row]);
  });
  const ids = [...rowsOf.keys()].sort((a, b) => a - b);
  const hidden = options.hiddenCodes ?? new Set<string>();
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const [values, registered] = await Promise.all([findEffectiveValues(db, chunk, ranks), findRegistrationDates(db, chunk)]);
    for (const [enterpriseId, code, period, value, text] of values) {
      if (hidden.has(code)) continue;
      for (const row of rowsOf.get(enterpriseId)!) builder.add(row, code, period, value, text);
    }
    for (const id of chunk) for (const row of rowsOf.get(id)!) builder.setRegisteredOn(row, registered.get(id) ?? null);
    await options.onChunk?.(Math.min(start + CHUNK, ids.length), ids.length);
  }
  return builder.build();
}
