import { parsePeriod, SOURCES, type IndicatorDefinition, type Period } from '../../../core/profile/indicators.ts';
import { AppError, type ErrorDetail } from '../../errors.ts';
import type { IndicatorValueRow } from './indicators.repository.ts';
import type { IndicatorValueInput } from './indicators.schemas.ts';

/** Checks of one indicator value against the registry, shared by the JSON batch write and disputes. */

const PERIOD_EXAMPLE: Record<string, string> = { year: '2024', quarter: '2024Q3', month: '2024-07' };
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** First day of a period, ISO. */
export function periodStart(period: Period): string {
  const month = period.kind === 'year' ? 1 : period.kind === 'quarter' ? (period.index! - 1) * 3 + 1 : period.index!;
  return `${period.year}-${String(month).padStart(2, '0')}-01`;
}

/** The period label in the indicator's periodicity, or an error message. */
export function checkPeriod(indicator: IndicatorDefinition, label: string): { period: Period } | { error: string } {
  const period = parsePeriod(label);
  if (!period) return { error: `"${label}" is not a period (YYYY, YYYYQn or YYYY-MM)` };
  if (period.kind !== indicator.periodicity) {
    return { error: `${indicator.code} is reported per ${indicator.periodicity}: write the period like ${PERIOD_EXAMPLE[indicator.periodicity]}` };
  }
  return { period };
}

/**
 * A value in the indicator's unit: an integer for numeric units (fen for money, never a decimal), 0 or 1
 * for booleans, a non-negative count for people, counts and kWh, one of the listed grades for grades.
 */
export function checkValue(indicator: IndicatorDefinition, value: number | string): { value: number | null; valueText: string | null } | { error: string } {
  if (indicator.unit === 'grade') {
    if (typeof value !== 'string') return { error: `${indicator.code} is a grade: send the grade as text${indicator.grades ? ` (${indicator.grades.join(', ')})` : ''}` };
    const grade = value.trim().toUpperCase();
    if (indicator.grades && !indicator.grades.includes(grade)) return { error: `"${value}" is not a grade of ${indicator.code} (${indicator.grades.join(', ')})` };
    if (!indicator.grades && grade === '') return { error: 'the grade is empty' };
    return { value: null, valueText: indicator.grades ? grade : value.trim() };
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    return { error: indicator.unit === 'fen' ? 'must be an integer number of fen (1 yuan = 100 fen)' : `must be an integer (${indicator.unit})` };
  }
  if (indicator.unit === 'boolean' && value !== 0 && value !== 1) return { error: 'must be 0 (no) or 1 (yes)' };
  if ((indicator.unit === 'person' || indicator.unit === 'count' || indicator.unit === 'kwh' || indicator.unit === 'area' || indicator.unit === 'kg' || indicator.unit === 'kgce') && value < 0) return { error: `must not be negative (${indicator.unit})` };
  return { value, valueText: null };
}

/** The source must be a known one and one the indicator is reported by. */
export function checkSource(indicator: IndicatorDefinition, source: string): string | null {
  if (!(SOURCES as readonly string[]).includes(source)) return `unknown source "${source}" (${SOURCES.join(', ')})`;
  if (!indicator.sources.includes(source as (typeof SOURCES)[number])) return `${indicator.code} is not reported by ${source} (sources: ${indicator.sources.join(', ')})`;
  return null;
}

/** The as-of date is a real date, not before the period starts and not after today. */
export function checkAsOf(asOf: string, period: Period | null, today: string): string | null {
  if (!isRealDate(asOf)) return `"${asOf}" is not a date`;
  if (asOf > today) return `the as-of date ${asOf} is in the future`;
  if (period && asOf < periodStart(period)) return `the as-of date ${asOf} is before the period begins`;
  return null;
}

/**
 * Validates a whole batch against the registry; returns the rows to write or throws one 400 listing every
 * bad item by path (`body/3/value`), so nothing is written unless everything is right. An enterprise
 * reporting its own figures (`isSelfReport`) writes only as `self_reported`.
 */
export function validateIndicatorBatch(enterpriseId: number, items: readonly IndicatorValueInput[], catalogue: ReadonlyMap<string, IndicatorDefinition>, isSelfReport: boolean, today: string): IndicatorValueRow[] {
  const details: ErrorDetail[] = [];
  const rows: IndicatorValueRow[] = [];
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
