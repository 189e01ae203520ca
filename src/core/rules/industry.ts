/**
 * Industry matching for `industry` nodes (GB/T 4754-2017, standards §3).
 *
 * `matchesIndustry` follows the signature announced for src/core/profile so the two can be swapped
 * when the profile module lands; `industryMatch` adds three-valued logic for codes known only
 * at the 门类 level ("C" might or might not be in 大类 30–35: unknown).
 */
import { TRI_FALSE, TRI_TRUE, TRI_UNKNOWN, type Tri } from './logic.ts';

export interface IndustryCriteria {
  /** 门类 letters, e.g. ["B", "C", "D"]. */
  sections?: readonly string[];
  /** Inclusive 大类 ranges, e.g. [["06", "46"]]. */
  divisionRanges?: readonly (readonly [string, string])[];
  /** 大类/中类/小类 prefixes, e.g. ["702", "7010"]. */
  prefixes?: readonly string[];
}

/** 门类 → first and last 大类 (standards §3). */
export const SECTION_DIVISIONS: Readonly<Record<string, readonly [number, number]>> = {
  A: [1, 5], B: [6, 12], C: [13, 43], D: [44, 46], E: [47, 50], F: [51, 52], G: [53, 60], H: [61, 62], I: [63, 65], J: [66, 69],
  K: [70, 70], L: [71, 72], M: [73, 75], N: [76, 79], O: [80, 82], P: [83, 83], Q: [84, 85], R: [86, 90], S: [91, 96], T: [97, 97],
};

/** The 门类 letter of a 大类 number, or null when out of range. */
export function sectionOfDivision(division: number): string | null {
  for (const [section, [first, last]] of Object.entries(SECTION_DIVISIONS)) if (division >= first && division <= last) return section;
  return null;
}

const CODE = /^([A-T])?(\d{2,4})?$/;

/** Splits "C3011" / "3011" / "C" into section and digits; null when malformed. */
export function parseIndustryCode(code: string): { section: string | null; digits: string } | null {
  const match = CODE.exec(code.trim().toUpperCase());
  if (!match || (!match[1] && !match[2])) return null;
  const digits = match[2] ?? '';
  const section = digits ? sectionOfDivision(Number(digits.slice(0, 2))) : match[1];
  if (digits && !section) return null;
  if (digits && match[1] && match[1] !== section) return null;
  return { section: section ?? null, digits };
}

/** Whether a code with at least its 大类 digits matches any criterion. */
export function matchesIndustry(code: string, criteria: IndustryCriteria): boolean {
  return industryMatch(code, criteria) === TRI_TRUE;
}

/** Three-valued match: unknown when the code is too coarse to decide, or malformed. */
export function industryMatch(code: string, criteria: IndustryCriteria): Tri {
  const parsed = parseIndustryCode(code);
  if (!parsed) return TRI_UNKNOWN;
  let result: Tri = TRI_FALSE;
  const consider = (value: Tri) => {
    if (value === TRI_TRUE) result = TRI_TRUE;
    else if (value === TRI_UNKNOWN && result === TRI_FALSE) result = TRI_UNKNOWN;
  };
  const { section, digits } = parsed;
  const division = digits ? Number(digits.slice(0, 2)) : null;
  const [first, last] = SECTION_DIVISIONS[section!];
  for (const wanted of criteria.sections ?? []) consider(wanted === section ? TRI_TRUE : TRI_FALSE);
  for (const [from, to] of criteria.divisionRanges ?? []) {
    const lo = Number(from);
    const hi = Number(to);
    if (division !== null) consider(division >= lo && division <= hi ? TRI_TRUE : TRI_FALSE);
    else if (first >= lo && last <= hi) consider(TRI_TRUE);
    else if (last < lo || first > hi) consider(TRI_FALSE);
    else consider(TRI_UNKNOWN);
  }
  for (const prefix of criteria.prefixes ?? []) {
    if (digits.startsWith(prefix)) consider(TRI_TRUE);
    else if (prefix.startsWith(digits) && sectionOfDivision(Number(prefix.slice(0, 2))) === section) consider(TRI_UNKNOWN);
    else consider(TRI_FALSE);
  }
  return result;
}
