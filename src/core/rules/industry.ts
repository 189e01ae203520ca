/**
 * Industry matching for `industry` nodes, on top of the profile's GB/T 4754-2017 selector
 * (src/core/profile/industry-codes.ts), with three-valued logic added for the rule engines:
 * - the profile's matcher says yes → true;
 * - a code too coarse to decide (门类 "C" against 大类 30–35, or 大类 "70" against prefix "7010") → unknown,
 *   since the enterprise may well be inside; the portal can ask for its detailed code;
 * - an invalid code → unknown (the data is wrong, not the enterprise ineligible);
 * - otherwise false.
 */
import { compileIndustrySelector, listSections, parseIndustryCode, type IndustrySelector } from '../profile/industry-codes.ts';
import { TRI_FALSE, TRI_TRUE, TRI_UNKNOWN, type Tri } from './logic.ts';

export type IndustryCriteria = IndustrySelector;

/** Compiles criteria once into a three-valued matcher. Throws RangeError on invalid criteria. */
export function compileIndustryMatch(criteria: IndustryCriteria): (code: string) => Tri {
  const matches = compileIndustrySelector(criteria);
  // Divisions touched by the selection, and finer prefixes, to tell "partly inside" from "outside".
  const touched = new Set<number>();
  for (const letter of criteria.sections ?? []) {
    const section = listSections().find((s) => s.code === letter.trim().toUpperCase());
    if (section) for (let d = Number(section.divisionFrom); d <= Number(section.divisionTo); d++) touched.add(d);
  }
  for (const [from, to] of criteria.divisionRanges ?? []) for (let d = Number(from); d <= Number(to); d++) touched.add(d);
  const prefixes = (criteria.prefixes ?? []).map((p) => p.trim());
  for (const prefix of prefixes) touched.add(Number(prefix.slice(0, 2)));
  return (code: string): Tri => {
    const parsed = parseIndustryCode(code);
    if (!parsed.ok) return TRI_UNKNOWN;
    if (matches(code)) return TRI_TRUE;
    if (parsed.division === null) {
      const section = listSections().find((s) => s.code === parsed.section)!;
      for (let d = Number(section.divisionFrom); d <= Number(section.divisionTo); d++) if (touched.has(d)) return TRI_UNKNOWN;
      return TRI_FALSE;
    }
    // A division, group or class code: unknown only when a finer prefix lies under it.
    return prefixes.some((p) => p.length > parsed.code.length && p.startsWith(parsed.code)) ? TRI_UNKNOWN : TRI_FALSE;
  };
}

/** Problems of industry criteria for validation: null when they compile. */
export function industryCriteriaProblem(criteria: IndustryCriteria): string | null {
  try {
    compileIndustrySelector(criteria);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Whether an industry code is a valid GB/T 4754-2017 code at any level. */
export function isIndustryCode(code: string): boolean {
  return parseIndustryCode(code).ok;
}
