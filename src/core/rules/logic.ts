/**
 * Shared primitives of both evaluation paths. The scalar engine (explanations) and the vector engine
 * (county-wide matching) call these same functions on the same numbers, which is what makes them
 * agree: three-valued logic tables, exact comparison of rationals, history and certification tests.
 */
import { completedYears, ymdToDays } from './units.ts';

/** Three-valued truth: 0 false, 1 true, 2 unknown (the encoding of result columns). */
export type Tri = 0 | 1 | 2;
export const TRI_FALSE = 0 as const;
export const TRI_TRUE = 1 as const;
export const TRI_UNKNOWN = 2 as const;

/** Kleene AND / OR / NOT as lookup tables indexed [a * 3 + b]: all(false, unknown) = false, any(true, unknown) = true. */
export const AND3 = Uint8Array.from([0, 0, 0, 0, 1, 2, 0, 2, 2]);
export const OR3 = Uint8Array.from([0, 1, 2, 1, 1, 1, 2, 1, 2]);
export const NOT3 = Uint8Array.from([1, 0, 2]);

/** Comparison operators encoded for tables. */
export const OPS = ['>=', '>', '<=', '<', '==', '!='] as const;
export type Op = (typeof OPS)[number];
/** OP_TABLE[op * 3 + (cmp + 1)] is 1 when `a op b` holds given cmp = sign(a − b). */
export const OP_TABLE = Uint8Array.from([
  0, 1, 1, // >=
  0, 0, 1, // >
  1, 1, 0, // <=
  1, 0, 0, // <
  0, 1, 0, // ==
  1, 0, 1, // !=
]);

export function opIndex(op: Op): number {
  return OPS.indexOf(op);
}

const EXACT_LIMIT = 2 ** 52;

/**
 * sign(an/ad − bn/bd) for non-zero denominators, exactly. Values are integers (fen, bp, people);
 * cross products stay exact in float64 below 2^52, and above that we fall back to BigInt so a ratio
 * exactly on its threshold (研发占比 = 3.00%) is never misjudged by a rounding error.
 */
export function compareFrac(an: number, ad: number, bn: number, bd: number): -1 | 0 | 1 {
  if (ad === 1 && bd === 1) return an < bn ? -1 : an > bn ? 1 : 0;
  const l = an * bd;
  const r = bn * ad;
  const flip = (ad < 0) !== (bd < 0);
  let sign: -1 | 0 | 1;
  if ((Math.abs(l) < EXACT_LIMIT && Math.abs(r) < EXACT_LIMIT) || !allIntegers(an, ad, bn, bd)) {
    sign = l < r ? -1 : l > r ? 1 : 0;
  } else {
    const L = BigInt(an) * BigInt(bd);
    const R = BigInt(bn) * BigInt(ad);
    sign = L < R ? -1 : L > R ? 1 : 0;
  }
  return flip && sign !== 0 ? ((-sign) as -1 | 1) : sign;
}

function allIntegers(a: number, b: number, c: number, d: number): boolean {
  return Number.isInteger(a) && Number.isInteger(b) && Number.isInteger(c) && Number.isInteger(d);
}

/** Value states of an expression: a number, unknown (a fact is missing), or undefined (division by zero). */
export const VALUE_OK = 0;
export const VALUE_MISSING = 1;
export const VALUE_UNDEFINED = 2;

/**
 * The truth of a comparison given the states of its two sides. A side that is undefined (a ratio
 * over zero) makes the comparison false whatever the other side: there is no ratio to satisfy the
 * clause. Otherwise a missing side makes it unknown.
 */
export function stateTruth(stateA: number, stateB: number): Tri | -1 {
  if (stateA === VALUE_UNDEFINED || stateB === VALUE_UNDEFINED) return TRI_FALSE;
  if (stateA !== VALUE_OK || stateB !== VALUE_OK) return TRI_UNKNOWN;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Status history (规上 entry, re-entry, exit, years held). `values[y - firstYear]` holds the status
// of year y: 0 no, 1 yes, 2 unknown. Years before `since` (the start of the records or the year of
// registration) count as "no". Every test is a Kleene combination of per-year atoms.
// ---------------------------------------------------------------------------------------------

export const HISTORY_TEST_CODES = { firstEntry: 0, entry: 1, reEntry: 2, heldConsecutive: 3, everExited: 4 } as const;

function statusAt(values: ArrayLike<number>, firstYear: number, since: number, year: number): number {
  if (year < since || year < firstYear || year - firstYear >= values.length) return year < since ? 0 : 2;
  return values[year - firstYear];
}

/** Atom "status of year y is `want`" as a Tri. */
function is(values: ArrayLike<number>, firstYear: number, since: number, year: number, want: number): Tri {
  const v = statusAt(values, firstYear, since, year);
  return v === 2 ? TRI_UNKNOWN : v === want ? TRI_TRUE : TRI_FALSE;
}

/**
 * Evaluates a history test for year `year` (N). `k` is the number of years for heldConsecutive.
 * - firstEntry: in the status in N and never before (首次入规)
 * - entry: in the status in N and not in N − 1 (新增, first entry or re-entry)
 * - reEntry: entry in N after having been in the status before (再次入规)
 * - heldConsecutive: in the status in each of the k years ending with N
 * - everExited: left the status in some year up to N (中途退规)
 */
export function historyTest(test: number, values: ArrayLike<number>, firstYear: number, since: number, year: number, k: number): Tri {
  switch (test) {
    case HISTORY_TEST_CODES.firstEntry: {
      let r: number = is(values, firstYear, since, year, 1);
      for (let y = since; y < year && r !== TRI_FALSE; y++) r = AND3[r * 3 + is(values, firstYear, since, y, 0)];
      return r as Tri;
    }
    case HISTORY_TEST_CODES.entry:
      return AND3[is(values, firstYear, since, year, 1) * 3 + is(values, firstYear, since, year - 1, 0)] as Tri;
    case HISTORY_TEST_CODES.reEntry: {
      let before: number = TRI_FALSE;
      for (let y = since; y < year - 1 && before !== TRI_TRUE; y++) before = OR3[before * 3 + is(values, firstYear, since, y, 1)];
      const entry = AND3[is(values, firstYear, since, year, 1) * 3 + is(values, firstYear, since, year - 1, 0)];
      return AND3[entry * 3 + before] as Tri;
    }
    case HISTORY_TEST_CODES.heldConsecutive: {
      let r: number = TRI_TRUE;
      for (let y = year - k + 1; y <= year && r !== TRI_FALSE; y++) r = AND3[r * 3 + is(values, firstYear, since, y, 1)];
      return r as Tri;
    }
    default: {
      let r: number = TRI_FALSE;
      for (let y = since + 1; y <= year && r !== TRI_TRUE; y++) {
        r = OR3[r * 3 + AND3[is(values, firstYear, since, y - 1, 1) * 3 + is(values, firstYear, since, y, 0)]];
      }
      return r as Tri;
    }
  }
}

/** The years whose status a history test depends on (for explanations and missing facts). */
export function historyYears(test: number, since: number, year: number, k: number): [number, number] {
  if (test === HISTORY_TEST_CODES.heldConsecutive) return [Math.max(since, year - k + 1), year];
  if (test === HISTORY_TEST_CODES.entry) return [Math.max(since, year - 1), year];
  return [since, year];
}

// ---------------------------------------------------------------------------------------------
// Certifications, stored as parallel arrays (one slice per enterprise): code id, award and expiry
// dates (yyyymmdd, expiry 0 = none) and the renewal flag. The scalar path builds the same arrays
// for one enterprise, so both paths run this exact code.
// ---------------------------------------------------------------------------------------------

export const CERTIFICATION_TEST_CODES = { heldOn: 0, awardedIn: 1, firstAwardedIn: 2, renewedIn: 3, heldForYears: 4 } as const;

/**
 * A renewal awarded within this many days after the previous certificate expired continues the
 * holding: 高新 re-certification reviews often finish a few weeks after the old certificate lapsed.
 */
export const RENEWAL_GRACE_DAYS = 180;

export interface CertificationArrays {
  codes: ArrayLike<number>;
  awardedOn: ArrayLike<number>;
  expiresOn: ArrayLike<number>;
  isRenewal: ArrayLike<number>;
  /** Level index of each record (registry.ts levelIndex; 0 = none recorded). */
  levels?: ArrayLike<number>;
}

function covers(c: CertificationArrays, i: number, ymd: number): boolean {
  return c.awardedOn[i] <= ymd && (c.expiresOn[i] === 0 || c.expiresOn[i] >= ymd);
}

/**
 * Evaluates a certification test over records [start, end) for one enterprise whose certifications
 * are known. `year` is the award year for awardedIn/firstAwardedIn/renewedIn; `k` the years for
 * heldForYears (held on the evaluation date, continuously, for at least k completed years).
 */
export function certificationTest(
  test: number,
  c: CertificationArrays,
  start: number,
  end: number,
  code: number,
  evaluationYmd: number,
  year: number,
  k: number,
  levelMask = 0,
): 0 | 1 {
  // A level filter keeps only the records awarded at one of the levels (bit levelIndex of the mask).
  if (levelMask !== 0) return unfilteredTest(test, levelFiltered(c, start, end, levelMask), start, end, code, evaluationYmd, year, k);
  return unfilteredTest(test, c, start, end, code, evaluationYmd, year, k);
}

function unfilteredTest(test: number, c: CertificationArrays, start: number, end: number, code: number, evaluationYmd: number, year: number, k: number): 0 | 1 {
  if (test === CERTIFICATION_TEST_CODES.heldOn || test === CERTIFICATION_TEST_CODES.heldForYears) {
    let chainStart = 0;
    for (let i = start; i < end; i++) {
      if (c.codes[i] === code && covers(c, i, evaluationYmd) && (chainStart === 0 || c.awardedOn[i] < chainStart)) chainStart = c.awardedOn[i];
    }
    if (chainStart === 0) return 0;
    if (test === CERTIFICATION_TEST_CODES.heldOn) return 1;
    // Walk back through earlier certificates that ended at most RENEWAL_GRACE_DAYS before the chain began.
    for (let extended = true; extended; ) {
      extended = false;
      const startDays = ymdToDays(chainStart);
      for (let i = start; i < end; i++) {
        if (c.codes[i] !== code || c.awardedOn[i] >= chainStart) continue;
        if (c.expiresOn[i] === 0 || ymdToDays(c.expiresOn[i]) + RENEWAL_GRACE_DAYS >= startDays) {
          chainStart = c.awardedOn[i];
          extended = true;
        }
      }
    }
    return completedYears(chainStart, evaluationYmd) >= k ? 1 : 0;
  }
  for (let i = start; i < end; i++) {
    if (c.codes[i] !== code || Math.floor(c.awardedOn[i] / 10000) !== year) continue;
    if (test === CERTIFICATION_TEST_CODES.awardedIn) return 1;
    if (test === CERTIFICATION_TEST_CODES.firstAwardedIn && c.isRenewal[i] === 0) return 1;
    if (test === CERTIFICATION_TEST_CODES.renewedIn && c.isRenewal[i] === 1) return 1;
  }
  return 0;
}

/** A code no test asks for (dictionary indexes are ≥ 0 and a code absent from the dictionary is −1). */
const FILTERED_OUT = -2;
let levelScratch: Int32Array = new Int32Array(64);

/**
 * Level filtering without allocating per enterprise: the records of [start, end) whose level is not in
 * the mask get a code no test matches, in a scratch copy of the codes; the test then runs unchanged.
 */
function levelFiltered(c: CertificationArrays, start: number, end: number, mask: number): CertificationArrays {
  if (levelScratch.length < c.codes.length) levelScratch = new Int32Array(Math.max(c.codes.length, levelScratch.length * 2));
  for (let i = start; i < end; i++) {
    const level = c.levels ? c.levels[i] : 0;
    levelScratch[i] = (mask & (1 << level)) !== 0 ? c.codes[i] : FILTERED_OUT;
  }
  return { codes: levelScratch, awardedOn: c.awardedOn, expiresOn: c.expiresOn, isRenewal: c.isRenewal };
}

/** Band selection: whether x (num/den) falls at or below `upTo` (inclusive) or strictly below it. */
export function inBand(n: number, d: number, upToN: number, upToD: number, inclusive: boolean): boolean {
  const c = compareFrac(n, d, upToN, upToD);
  return inclusive ? c <= 0 : c < 0;
}

// ---------------------------------------------------------------------------------------------
// Status history on bitmasks (the vector engine's fast path). A county's status records span a few
// years, so each enterprise's history fits in two 32-bit words: bit (y − base) of `known` says year
// y is recorded, the same bit of `ones` says it was in the status. Every test is then a handful of
// mask operations instead of a loop over years. Same semantics as historyTest (cross-checked by
// tests): years before `since` count as "no", unrecorded years as unknown.
// ---------------------------------------------------------------------------------------------

/** Longest span of years a bitmask history can hold. */
export const HISTORY_BITS_SPAN = 31;

/** Bits of the years [lo, hi] that lie within [base, last]; 0 when none. */
function yearMask(lo: number, hi: number, base: number, last: number): number {
  const a = lo < base ? base : lo;
  const b = hi > last ? last : hi;
  if (a > b) return 0;
  return ((-1 >>> (32 - (b - a + 1))) << (a - base)) | 0;
}

/** Atom "status of year y is `want`" from the masks. */
function bitAtom(known: number, ones: number, base: number, last: number, since: number, year: number, want: number): Tri {
  if (year < since) return want === 0 ? TRI_TRUE : TRI_FALSE;
  if (year < base || year > last) return TRI_UNKNOWN;
  const bit = 1 << (year - base);
  if ((known & bit) === 0) return TRI_UNKNOWN;
  return ((ones & bit) !== 0 ? 1 : 0) === want ? TRI_TRUE : TRI_FALSE;
}

/**
 * "Every year of [lo, hi] has status `want`" (T), "some year has the other status" (F), else unknown.
 * Years of the range before `since` are "no"; an empty range is vacuously true.
 */
function allYears(known: number, ones: number, base: number, last: number, since: number, lo: number, hi: number, want: number): Tri {
  if (lo > hi) return TRI_TRUE;
  if (lo < since) {
    if (want === 1) return TRI_FALSE;
    lo = since;
    if (lo > hi) return TRI_TRUE;
  }
  const mask = yearMask(lo, hi, base, last);
  const contrary = want === 1 ? known & ~ones : known & ones;
  if ((contrary & mask) !== 0) return TRI_FALSE;
  return lo >= base && hi <= last && (known & mask) === mask ? TRI_TRUE : TRI_UNKNOWN;
}

/** historyTest on bitmasks: `known`/`ones` hold years base … last (last − base < 32). */
export function historyTestBits(test: number, known: number, ones: number, base: number, last: number, since: number, year: number, k: number): Tri {
  switch (test) {
    case HISTORY_TEST_CODES.firstEntry:
      return AND3[bitAtom(known, ones, base, last, since, year, 1) * 3 + allYears(known, ones, base, last, since, since, year - 1, 0)] as Tri;
    case HISTORY_TEST_CODES.entry:
      return AND3[bitAtom(known, ones, base, last, since, year, 1) * 3 + bitAtom(known, ones, base, last, since, year - 1, 0)] as Tri;
    case HISTORY_TEST_CODES.reEntry: {
      const entry = AND3[bitAtom(known, ones, base, last, since, year, 1) * 3 + bitAtom(known, ones, base, last, since, year - 1, 0)];
      // "in the status in some year of [since, N − 2]" is the negation of "no year in it".
      const before = NOT3[allYears(known, ones, base, last, since, since, year - 2, 0)];
      return AND3[entry * 3 + before] as Tri;
    }
    case HISTORY_TEST_CODES.heldConsecutive:
      return allYears(known, ones, base, last, since, year - k + 1, year, 1);
    default: {
      let r: number = TRI_FALSE;
      for (let y = since + 1; y <= year && r !== TRI_TRUE; y++) {
        r = OR3[r * 3 + AND3[bitAtom(known, ones, base, last, since, y - 1, 1) * 3 + bitAtom(known, ones, base, last, since, y, 0)]];
      }
      return r as Tri;
    }
  }
}
