/**
 * Periods: every periodic fact is read for one period, given absolutely ("2020") or relative to the
 * evaluation date ("last year"), or as the latest period that has a value. Resolution happens once
 * per evaluation date, the same way for the scalar and the vector path.
 */
import { formatPeriod, parsePeriod, type Periodicity } from '../profile/indicators.ts';
import type { PeriodSpec, YearSpec } from './schema.ts';
import { dateToYmd } from './units.ts';

/** The date a rule is evaluated on, broken down once. */
export interface EvaluationDate {
  iso: string;
  /** yyyymmdd */
  ymd: number;
  year: number;
  month: number;
  quarter: number;
}

/** Parses "YYYY-MM-DD" into an EvaluationDate; throws on a malformed date. */
export function parseEvaluationDate(iso: string): EvaluationDate {
  const ymd = dateToYmd(iso);
  const year = Math.floor(ymd / 10000);
  const month = Math.floor(ymd / 100) % 100;
  return { iso, ymd, year, month, quarter: Math.ceil(month / 3) };
}

/** A period resolved against an evaluation date. `latest` stays a range until a fact's values are seen. */
export type ResolvedPeriod =
  | { kind: 'fixed'; label: string }
  | {
      kind: 'latest';
      periodicity: Periodicity;
      /** The newest acceptable label (the period containing the evaluation date). */
      max: string;
      /** The oldest acceptable label, or null for no limit. */
      min: string | null;
      /** The period to ask for when no value exists: the last complete period. */
      ask: string;
    };

/** The periodicity a period spec addresses, or 'latest' (which takes the fact's own periodicity). */
export function periodSpecKind(spec: PeriodSpec): Periodicity | 'latest' {
  if ('q' in spec) return 'quarter';
  if ('m' in spec) return 'month';
  if ('year' in spec || 'yearsAgo' in spec) return 'year';
  if ('quarter' in spec || 'quartersAgo' in spec) return 'quarter';
  if ('month' in spec || 'monthsAgo' in spec) return 'month';
  return 'latest';
}

/** The label of the period of the given periodicity containing the date: "2025", "2025Q1", "2025-03". */
export function currentLabel(periodicity: Periodicity, date: EvaluationDate): string {
  if (periodicity === 'year') return String(date.year);
  if (periodicity === 'quarter') return `${date.year}Q${date.quarter}`;
  return formatPeriod({ kind: 'month', year: date.year, index: date.month });
}

/** Moves a label by `delta` periods of its own kind: shiftLabel("2024Q1", -1) → "2023Q4". */
export function shiftLabel(label: string, delta: number): string {
  const period = parsePeriod(label);
  if (!period) throw new Error(`"${label}" is not a period label`);
  if (period.kind === 'year') return String(period.year + delta);
  const perYear = period.kind === 'quarter' ? 4 : 12;
  const ordinal = period.year * perYear + (period.index! - 1) + delta;
  return formatPeriod({ kind: period.kind, year: Math.floor(ordinal / perYear), index: (ordinal % perYear) + 1 });
}

/** Resolves a period spec for a fact of the given periodicity on the evaluation date. */
export function resolvePeriod(spec: PeriodSpec, periodicity: Periodicity, date: EvaluationDate): ResolvedPeriod {
  if ('q' in spec || 'm' in spec) return { kind: 'fixed', label: ofYearLabel(spec, date) };
  if ('year' in spec) return { kind: 'fixed', label: String(spec.year) };
  if ('yearsAgo' in spec) return { kind: 'fixed', label: String(date.year - spec.yearsAgo) };
  if ('quarter' in spec) return { kind: 'fixed', label: spec.quarter };
  if ('quartersAgo' in spec) return { kind: 'fixed', label: shiftLabel(currentLabel('quarter', date), -spec.quartersAgo) };
  if ('month' in spec) return { kind: 'fixed', label: spec.month };
  if ('monthsAgo' in spec) return { kind: 'fixed', label: shiftLabel(currentLabel('month', date), -spec.monthsAgo) };
  const max = currentLabel(periodicity, date);
  const min = spec.maxAgo === undefined ? null : shiftLabel(max, -spec.maxAgo);
  return { kind: 'latest', periodicity, max, min, ask: spec.maxAgo === 0 ? max : shiftLabel(max, -1) };
}

/** Resolves a year spec to a calendar year. */
export function resolveYear(spec: YearSpec, date: EvaluationDate): number {
  return 'year' in spec ? spec.year : date.year - spec.yearsAgo;
}

/** Whether a label is of the given periodicity. */
export function isLabelOf(label: string, periodicity: Periodicity): boolean {
  return parsePeriod(label)?.kind === periodicity;
}

/**
 * Whether `label` is an acceptable candidate for a `latest` period. Labels of one periodicity have a
 * fixed width, so string order is time order.
 */
export function isLatestCandidate(label: string, period: Extract<ResolvedPeriod, { kind: 'latest' }>): boolean {
  return isLabelOf(label, period.periodicity) && label <= period.max && (period.min === null || label >= period.min);
}

/** The label of a quarter or month of a year: {q: 1, yearsAgo: 1} on 2025-06-30 → "2024Q1". */
export function ofYearLabel(spec: Extract<PeriodSpec, { q: number } | { m: number }>, date: EvaluationDate): string {
  const year = 'year' in spec ? spec.year : date.year - spec.yearsAgo;
  if ('q' in spec) return `${year}Q${spec.q}`;
  return formatPeriod({ kind: 'month', year, index: spec.m });
}
