import { describe, expect, it } from 'vitest';
import { aboveScaleHistory, aboveScaleVersionFor, assessAboveScale, type AboveScaleCategory } from './above-scale.ts';

const WAN = 1_000_000;

// Standards §4 restated: [category, codes, basis, threshold in 万元 from 2011].
const REVENUE_ROWS: [AboveScaleCategory, string[], 'main_revenue' | 'operating_revenue', number][] = [
  ['industry', ['B', 'C', 'D', '06', '1310', '3911', '46', '4690'], 'main_revenue', 2000],
  ['wholesale', ['51', '5111'], 'main_revenue', 2000],
  ['retail', ['52', '5211'], 'main_revenue', 500],
  ['accommodation', ['61', '6110'], 'main_revenue', 200],
  ['catering', ['62', '6210'], 'main_revenue', 200],
  ['services_2000', ['G', '53', '5411', '60', 'I', '63', '6510', 'N', '76', '79', '84', '8411'], 'operating_revenue', 2000],
  ['services_1000', ['L', '71', '7211', 'M', '73', '75', 'P', '83', '702', '7020', '703', '704', '7040', '709', '7090'], 'operating_revenue', 1000],
  ['services_500', ['O', '80', '82', 'R', '86', '90', '85', '8510'], 'operating_revenue', 500],
];

function revenueInput(basis: 'main_revenue' | 'operating_revenue', fen: number) {
  return basis === 'main_revenue' ? { mainRevenueFen: fen } : { operatingRevenueFen: fen };
}

describe('revenue-based categories: every row and boundary (2011 line)', () => {
  const cases = REVENUE_ROWS.flatMap(([category, codes, basis, wan]) => codes.map((code) => [code, category, basis, wan] as const));
  it.each(cases)('%s → %s on %s ≥ %i万元', (code, category, basis, wan) => {
    const at = assessAboveScale({ industryCode: code, year: 2024, ...revenueInput(basis, wan * WAN) });
    expect(at).toMatchObject({ meetsThreshold: true, category, basis, thresholdFen: wan * WAN, version: '2011', missing: [] });
    const below = assessAboveScale({ industryCode: code, year: 2024, ...revenueInput(basis, wan * WAN - 1) });
    expect(below).toMatchObject({ meetsThreshold: false, category, basis, missing: [] });
  });

  it.each(REVENUE_ROWS.map(([category, codes, basis]) => [category, codes[codes.length - 1], basis] as const))(
    '%s does not read the other revenue figure',
    (_category, code, basis) => {
      // Only the other figure is given, and it is far above every line: still undecided or a "no" bound.
      const other = basis === 'main_revenue' ? { operatingRevenueFen: 1e6 * WAN } : { mainRevenueFen: 1e6 * WAN };
      const result = assessAboveScale({ industryCode: code, year: 2024, ...other });
      expect(result.meetsThreshold).toBeNull();
      expect(result.missing).toEqual([basis]);
    },
  );
});

describe('the industrial line before and after 2011', () => {
  it.each([
    [2010, 500 * WAN, true, 'before-2011'],
    [2010, 500 * WAN - 1, false, 'before-2011'],
    [2010, 1999 * WAN, true, 'before-2011'],
    [2011, 1999 * WAN, false, '2011'],
    [2011, 2000 * WAN - 1, false, '2011'],
    [2011, 2000 * WAN, true, '2011'],
    [2008, 2000 * WAN, true, 'before-2011'],
  ])('year %i, main revenue %i fen → %s (%s)', (year, fen, meets, version) => {
    const result = assessAboveScale({ industryCode: '3311', year, mainRevenueFen: fen });
    expect(result).toMatchObject({ meetsThreshold: meets, version, category: 'industry' });
  });

  it('other lines are the same before 2011', () => {
    expect(assessAboveScale({ industryCode: '5211', year: 2009, mainRevenueFen: 500 * WAN })).toMatchObject({ meetsThreshold: true, thresholdFen: 500 * WAN });
    expect(assessAboveScale({ industryCode: '5211', year: 2009, mainRevenueFen: 500 * WAN - 1 }).meetsThreshold).toBe(false);
  });

  it('versions by year', () => {
    expect(aboveScaleVersionFor(1998).id).toBe('before-2011');
    expect(aboveScaleVersionFor(2010).id).toBe('before-2011');
    expect(aboveScaleVersionFor(2011).id).toBe('2011');
    expect(() => aboveScaleVersionFor(24)).toThrow(RangeError);
    expect(() => aboveScaleVersionFor(2024.5)).toThrow(RangeError);
  });

  it('reasons name the line', () => {
    expect(assessAboveScale({ industryCode: '3311', year: 2024, mainRevenueFen: 2350 * WAN }).reason).toEqual({
      zh: '规上工业：主营业务收入 2,350万元（≥ 2,000万元，2011年起标准）',
      en: 'Above-scale industry: main-business revenue CNY 23,500,000 (≥ CNY 20,000,000, the line since 2011)',
    });
    expect(assessAboveScale({ industryCode: '3311', year: 2010, mainRevenueFen: 400 * WAN }).reason.zh).toBe(
      '未达规上工业标准：主营业务收入 400万元（< 500万元，2011年前标准）',
    );
    expect(assessAboveScale({ industryCode: '7211', year: 2024, operatingRevenueFen: 1200 * WAN }).reason.zh).toBe(
      '规上服务业：营业收入 1,200万元（≥ 1,000万元）',
    );
  });
});

describe('construction and real-estate development', () => {
  it.each([
    ['E', true, true],
    ['4710', true, true],
    ['5011', false, false],
    ['48', null, null],
    ['47', undefined, null],
  ] as const)('%s with qualification %s → %s', (code, has, meets) => {
    const result = assessAboveScale({ industryCode: code, year: 2024, hasConstructionQualification: has, mainRevenueFen: 1e5 * WAN });
    expect(result).toMatchObject({ meetsThreshold: meets, category: 'construction', basis: 'qualification' });
    expect(result.missing).toEqual(meets === null ? ['construction_qualification'] : []);
    expect(result.thresholdFen).toBeUndefined();
  });

  it.each([
    ['7010', true, true],
    ['701', true, true],
    ['7010', false, false],
    ['7010', null, null],
  ] as const)('%s with development activity %s → %s', (code, has, meets) => {
    const result = assessAboveScale({ industryCode: code, year: 2024, hasRealEstateDevelopment: has, operatingRevenueFen: 0 });
    expect(result).toMatchObject({ meetsThreshold: meets, category: 'real_estate_development', basis: 'activity' });
    expect(result.missing).toEqual(meets === null ? ['real_estate_development'] : []);
  });
});

describe('industries outside the 四上 statistics and unusable codes', () => {
  it.each(['A', '0111', '05', 'J', '6620', '69', 'S', '9210', 'T', '97'])('%s → no category, not above', (code) => {
    const result = assessAboveScale({ industryCode: code, year: 2024, operatingRevenueFen: 1e6 * WAN, mainRevenueFen: 1e6 * WAN });
    expect(result).toMatchObject({ meetsThreshold: false, category: null, basis: null, missing: [] });
    expect(result.reason.zh).toContain('不在“四上”企业统计范围内');
  });

  it.each(['F', 'H', 'K', 'Q', '70'])('%s is too coarse', (code) => {
    expect(assessAboveScale({ industryCode: code, year: 2024, operatingRevenueFen: 1 })).toMatchObject({
      meetsThreshold: null,
      category: null,
      missing: ['industry_code'],
    });
  });

  it('an invalid code', () => {
    expect(assessAboveScale({ industryCode: '00', year: 2024 })).toMatchObject({ meetsThreshold: null, missing: ['industry_code'] });
  });
});

describe('missing revenue', () => {
  it('is unknown, naming the figure needed', () => {
    const result = assessAboveScale({ industryCode: '3311', year: 2024 });
    expect(result).toMatchObject({ meetsThreshold: null, category: 'industry', basis: 'main_revenue', missing: ['main_revenue'], thresholdFen: 2000 * WAN });
    expect(assessAboveScale({ industryCode: '7211', year: 2024 }).missing).toEqual(['operating_revenue']);
  });

  it('operating revenue below the line settles a main-revenue category', () => {
    const result = assessAboveScale({ industryCode: '3311', year: 2024, operatingRevenueFen: 2000 * WAN - 1 });
    expect(result).toMatchObject({ meetsThreshold: false, basis: 'main_revenue', missing: [] });
    expect(result.reason.zh).toContain('主营业务收入不会更高');
  });

  it('operating revenue at the line does not', () => {
    expect(assessAboveScale({ industryCode: '3311', year: 2024, operatingRevenueFen: 2000 * WAN }).meetsThreshold).toBeNull();
  });

  it('rejects fractional fen', () => {
    expect(() => assessAboveScale({ industryCode: '3311', year: 2024, mainRevenueFen: 1.5 })).toThrow();
  });
});

describe('aboveScaleHistory', () => {
  const h = (pairs: [number, boolean | null][]) => aboveScaleHistory(pairs.map(([year, isAbove]) => ({ year, isAbove })));

  it('empty', () => {
    expect(h([])).toEqual({
      firstEntryYear: null,
      entryYears: [],
      exitYears: [],
      reentryYears: [],
      isCurrentlyAbove: null,
      consecutiveYearsHeld: 0,
      hasEverExited: false,
    });
  });

  it('never above', () => {
    expect(h([[2021, false], [2022, false]])).toMatchObject({ firstEntryYear: null, isCurrentlyAbove: false, consecutiveYearsHeld: 0 });
  });

  it('first entry and held since', () => {
    expect(h([[2020, false], [2021, false], [2022, true], [2023, true], [2024, true]])).toEqual({
      firstEntryYear: 2022,
      entryYears: [2022],
      exitYears: [],
      reentryYears: [],
      isCurrentlyAbove: true,
      consecutiveYearsHeld: 3,
      hasEverExited: false,
    });
  });

  it('above from the first recorded year counts as the first entry', () => {
    expect(h([[2019, true], [2020, true]])).toMatchObject({ firstEntryYear: 2019, entryYears: [2019], consecutiveYearsHeld: 2 });
  });

  it('exit (中途退规) and re-entry (再次入规)', () => {
    expect(h([[2018, true], [2019, true], [2020, false], [2021, false], [2022, true], [2023, true]])).toEqual({
      firstEntryYear: 2018,
      entryYears: [2018, 2022],
      exitYears: [2020],
      reentryYears: [2022],
      isCurrentlyAbove: true,
      consecutiveYearsHeld: 2,
      hasEverExited: true,
    });
  });

  it('currently out after an exit', () => {
    expect(h([[2021, true], [2022, false]])).toMatchObject({ isCurrentlyAbove: false, exitYears: [2022], consecutiveYearsHeld: 0, hasEverExited: true });
  });

  it('accepts any order', () => {
    expect(h([[2023, true], [2021, false], [2022, true]])).toMatchObject({ firstEntryYear: 2022, consecutiveYearsHeld: 2 });
  });

  it('a null year is a gap, not a change', () => {
    // true, unknown, true: no exit and no re-entry can be asserted.
    expect(h([[2020, true], [2021, null], [2022, true]])).toMatchObject({
      entryYears: [2020],
      exitYears: [],
      reentryYears: [],
      isCurrentlyAbove: true,
      consecutiveYearsHeld: 1,
    });
  });

  it('a change across a gap is dated to the first year observed', () => {
    expect(h([[2019, false], [2020, null], [2021, true]])).toMatchObject({ firstEntryYear: 2021, entryYears: [2021] });
    expect(h([[2019, true], [2020, null], [2021, false], [2022, true]])).toMatchObject({ exitYears: [2021], reentryYears: [2022] });
  });

  it('a missing year also ends the held run', () => {
    expect(h([[2020, true], [2022, true], [2023, true]])).toMatchObject({ consecutiveYearsHeld: 2, entryYears: [2020] });
  });

  it('the latest year unknown makes the current status unknown', () => {
    expect(h([[2022, true], [2023, null]])).toMatchObject({ isCurrentlyAbove: null, consecutiveYearsHeld: 0, firstEntryYear: 2022 });
  });

  it('rejects a year given twice', () => {
    expect(() => h([[2022, true], [2022, false]])).toThrow(RangeError);
  });
});
