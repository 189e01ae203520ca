import { describe, expect, it } from 'vitest';
import { SIZE_CLASS_VERSIONS, classifySize, sizeClassVersionAt, sizeGroupOf, type SizeClass, type SizeClassInput, type SizeGroupId } from './size-class.ts';

const ON = '2025-06-30';
const WAN = 1_000_000; // fen per 万元, restated so the test does not trust the constant under test

// Standards §1 restated: [group, representative codes, indicators, 大, 中, 小] with X persons, Y/Z in 万元.
type Bounds = { x?: number; y?: number; z?: number };
const TABLE: [SizeGroupId, string[], Bounds, Bounds, Bounds][] = [
  ['agriculture', ['A', '01', '0511'], { y: 20000 }, { y: 500 }, { y: 50 }],
  ['industry', ['B', 'C', 'D', '06', '1310', '46'], { x: 1000, y: 40000 }, { x: 300, y: 2000 }, { x: 20, y: 300 }],
  ['construction', ['E', '47', '5011'], { y: 80000, z: 80000 }, { y: 6000, z: 5000 }, { y: 300, z: 300 }],
  ['wholesale', ['51', '5111'], { x: 200, y: 40000 }, { x: 20, y: 5000 }, { x: 5, y: 1000 }],
  ['retail', ['52', '5211'], { x: 300, y: 20000 }, { x: 50, y: 500 }, { x: 10, y: 100 }],
  ['transport', ['54', '56', '58'], { x: 1000, y: 30000 }, { x: 300, y: 3000 }, { x: 20, y: 200 }],
  ['warehousing', ['59', '5910'], { x: 200, y: 30000 }, { x: 100, y: 1000 }, { x: 20, y: 100 }],
  ['postal', ['60'], { x: 1000, y: 30000 }, { x: 300, y: 2000 }, { x: 20, y: 100 }],
  ['accommodation', ['61'], { x: 300, y: 10000 }, { x: 100, y: 2000 }, { x: 10, y: 100 }],
  ['catering', ['62', '6210'], { x: 300, y: 10000 }, { x: 100, y: 2000 }, { x: 10, y: 100 }],
  ['information_transmission', ['63', '64'], { x: 2000, y: 100000 }, { x: 100, y: 1000 }, { x: 10, y: 100 }],
  ['software_it', ['65', '6510'], { x: 300, y: 10000 }, { x: 100, y: 1000 }, { x: 10, y: 50 }],
  ['real_estate_development', ['7010', '701'], { y: 200000, z: 10000 }, { y: 1000, z: 5000 }, { y: 100, z: 2000 }],
  ['property_management', ['702', '7020'], { x: 1000, y: 5000 }, { x: 300, y: 1000 }, { x: 100, y: 500 }],
  ['leasing_business_services', ['L', '71', '72', '7211'], { x: 300, z: 120000 }, { x: 100, z: 8000 }, { x: 10, z: 100 }],
  ['other', ['53', '5311', '703', '704', '709', '7090', 'M', 'N', 'O', 'P', 'Q', 'R', '73', '79', '83', '84', '85', '90'], { x: 300 }, { x: 100 }, { x: 10 }],
];

const CLASSES: SizeClass[] = ['large', 'medium', 'small'];
const BELOW: Record<SizeClass, SizeClass> = { large: 'medium', medium: 'small', small: 'micro', micro: 'micro' };

function inputFor(code: string, b: Bounds): SizeClassInput {
  const input: SizeClassInput = { industryCode: code };
  if (b.x !== undefined) input.employees = b.x;
  if (b.y !== undefined) input.revenueFen = b.y * WAN;
  if (b.z !== undefined) input.assetsFen = b.z * WAN;
  return input;
}

describe('industry → row of the table', () => {
  const rows = TABLE.flatMap(([groupId, codes]) => codes.map((code) => [code, groupId] as const));
  it.each(rows)('%s → %s', (code, groupId) => expect(sizeGroupOf(code)).toEqual({ kind: 'group', group: groupId }));

  it.each(['F', 'G', 'H', 'I', 'K', '70'])('%s is too coarse', (code) => expect(sizeGroupOf(code).kind).toBe('ambiguous'));
  it.each(['J', '66', '6911', 'S', '91', '96', 'T', '97'])('%s is not applicable', (code) => expect(sizeGroupOf(code).kind).toBe('not_applicable'));
  it.each(['', '00', '98', 'Z', '12345'])('%j is invalid', (code) => expect(sizeGroupOf(code).kind).toBe('invalid'));
});

describe('every row and every boundary of the 2011 table', () => {
  for (const [groupId, codes, large, medium, small] of TABLE) {
    const bounds: Record<string, Bounds> = { large, medium, small };
    describe(groupId, () => {
      for (const code of [codes[0], codes[codes.length - 1]]) {
        for (const cls of CLASSES) {
          const at = bounds[cls];
          it(`${code}: exactly at every ${cls} bound → ${cls}`, () => {
            const result = classifySize(inputFor(code, at), ON);
            expect(result).toMatchObject({ sizeClass: cls, status: 'decided', group: groupId, version: '2011', missing: [] });
            expect(result.checks.every((c) => c.passed)).toBe(true);
          });
          for (const key of Object.keys(at) as (keyof Bounds)[]) {
            const unit = key === 'x' ? 1 : 1 / WAN; // one person or one fen
            it(`${code}: ${key} one ${key === 'x' ? 'person' : 'fen'} below the ${cls} bound → ${BELOW[cls]}`, () => {
              const input = inputFor(code, { ...at, [key]: at[key]! - unit });
              if (key === 'y') input.revenueFen = at.y! * WAN - 1;
              if (key === 'z') input.assetsFen = at.z! * WAN - 1;
              expect(classifySize(input, ON).sizeClass).toBe(BELOW[cls]);
            });
          }
        }
        it(`${code}: zero everything → micro`, () => {
          expect(classifySize(inputFor(code, { x: 0, y: 0, z: 0 }), ON).sizeClass).toBe('micro');
        });
      }
    });
  }
});

describe('the class is the lowest each indicator reaches', () => {
  it.each([
    // industry: X reaches large, Y only small → small
    [{ employees: 5000, revenueFen: 300 * WAN }, 'small'],
    [{ employees: 20, revenueFen: 900000 * WAN }, 'small'],
    [{ employees: 19, revenueFen: 900000 * WAN }, 'micro'],
    [{ employees: 999, revenueFen: 40000 * WAN }, 'medium'],
    [{ employees: 300, revenueFen: 39999 * WAN }, 'medium'],
  ] as const)('industry %j → %s', (facts, cls) => {
    expect(classifySize({ industryCode: '3311', ...facts }, ON).sizeClass).toBe(cls);
  });
});

describe('reasons', () => {
  it('reads like the standard (small)', () => {
    const result = classifySize({ industryCode: '3311', employees: 85, revenueFen: 1860 * WAN }, ON);
    expect(result.reason.zh).toBe('小型：从业人员 85人（≥ 20人，< 300人）且营业收入 1,860万元（≥ 300万元，< 2,000万元）');
    expect(result.reason.en).toBe(
      'Small: 85 employees (≥ 20, < 300) and operating revenue CNY 18,600,000 (≥ CNY 3,000,000, < CNY 20,000,000)',
    );
    expect(result.checks).toEqual([
      { indicator: 'employees', value: 85, lowerBound: 20, upperBound: 300, passed: true },
      { indicator: 'revenue', value: 1860 * WAN, lowerBound: 300 * WAN, upperBound: 2000 * WAN, passed: true },
    ]);
  });

  it('shows the next bound only for what holds the class down', () => {
    const result = classifySize({ industryCode: '3311', employees: 500, revenueFen: 1860 * WAN }, ON);
    expect(result.reason.zh).toBe('小型：从业人员 500人（≥ 20人）且营业收入 1,860万元（≥ 300万元，< 2,000万元）');
  });

  it('names 主营业务收入 when that is the figure used', () => {
    const result = classifySize({ industryCode: '3311', employees: 1200, revenueFen: 5 * 10000 * WAN, revenueBasis: 'main_revenue' }, ON);
    expect(result.reason.zh).toBe('大型：从业人员 1,200人（≥ 1,000人）且主营业务收入 5亿元（≥ 4亿元）');
    expect(result.reason.en).toBe('Large: 1,200 employees (≥ 1,000) and main-business revenue CNY 500,000,000 (≥ CNY 400,000,000)');
  });

  it('micro lists only the facts below the 小 bound', () => {
    const result = classifySize({ industryCode: '3311', employees: 85, revenueFen: 300 * WAN - 1 }, ON);
    expect(result.reason.zh).toBe('微型：营业收入 299.9999万元（< 300万元）');
    expect(result.checks).toEqual([
      { indicator: 'employees', value: 85, upperBound: 20, passed: false },
      { indicator: 'revenue', value: 300 * WAN - 1, upperBound: 300 * WAN, passed: true },
    ]);
  });

  it('micro with both facts below', () => {
    const result = classifySize({ industryCode: '5211', employees: 3, revenueFen: 50 * WAN }, ON);
    expect(result.reason.zh).toBe('微型：从业人员 3人（< 10人）且营业收入 50万元（< 100万元）');
    expect(result.reason.en).toBe('Micro: 3 employees (< 10) and operating revenue CNY 500,000 (< CNY 1,000,000)');
  });
});

describe('missing facts (three-valued)', () => {
  it('industry with revenue below the 小 bound is micro whatever the staff count', () => {
    const result = classifySize({ industryCode: '1310', revenueFen: 299 * WAN }, ON);
    expect(result).toMatchObject({ sizeClass: 'micro', status: 'decided', missing: [] });
    expect(result.reason.zh).toBe('微型：营业收入 299万元（< 300万元），无论从业人员多少');
    expect(result.reason.en).toBe('Micro: operating revenue CNY 2,990,000 (< CNY 3,000,000), whatever the number of employees');
  });

  it('industry with staff below the 小 bound is micro whatever the revenue', () => {
    expect(classifySize({ industryCode: '1310', employees: 19, revenueFen: null }, ON)).toMatchObject({ sizeClass: 'micro', status: 'decided' });
  });

  it('construction with assets below the 小 bound is micro whatever the revenue', () => {
    expect(classifySize({ industryCode: '4710', assetsFen: 100 * WAN }, ON)).toMatchObject({ sizeClass: 'micro', status: 'decided' });
  });

  it('industry with revenue at the medium band and no staff count is unknown, asking for employees', () => {
    const result = classifySize({ industryCode: '1310', revenueFen: 2500 * WAN }, ON);
    expect(result).toMatchObject({ sizeClass: null, status: 'unknown', group: 'industry', missing: ['employees'] });
    expect(result.checks).toEqual([{ indicator: 'revenue', value: 2500 * WAN, lowerBound: 2000 * WAN, upperBound: 40000 * WAN, passed: true }]);
    expect(result.reason.zh).toBe('无法确定规模：缺少从业人员；已知营业收入 2,500万元（≥ 2,000万元，< 4亿元）（可能为微型至中型）');
  });

  it('industry with revenue exactly at the 小 bound still needs employees', () => {
    expect(classifySize({ industryCode: '1310', revenueFen: 300 * WAN }, ON)).toMatchObject({ status: 'unknown', missing: ['employees'] });
  });

  it('nothing known asks for every fact of the row', () => {
    expect(classifySize({ industryCode: '1310' }, ON)).toMatchObject({ status: 'unknown', missing: ['employees', 'revenue'] });
    expect(classifySize({ industryCode: '4710' }, ON)).toMatchObject({ status: 'unknown', missing: ['revenue', 'assets'] });
    expect(classifySize({ industryCode: '7211' }, ON)).toMatchObject({ status: 'unknown', missing: ['employees', 'assets'] });
    expect(classifySize({ industryCode: '0111' }, ON)).toMatchObject({ status: 'unknown', missing: ['revenue'] });
    const other = classifySize({ industryCode: '7310', revenueFen: 1 }, ON);
    expect(other).toMatchObject({ status: 'unknown', missing: ['employees'] });
    expect(other.reason.zh).toBe('无法确定规模：缺少从业人员（可能为微型至大型）');
  });

  it('facts the row does not use do not matter', () => {
    // 其他未列明行业 is judged on employees only.
    expect(classifySize({ industryCode: '7310', employees: 150, revenueFen: 0, assetsFen: 0 }, ON).sizeClass).toBe('medium');
    // 农林牧渔 on revenue only.
    expect(classifySize({ industryCode: '0111', employees: 0, revenueFen: 500 * WAN }, ON).sizeClass).toBe('medium');
  });

  it('a coarse code asks for a finer one', () => {
    const result = classifySize({ industryCode: 'F', employees: 30, revenueFen: 6000 * WAN }, ON);
    expect(result).toMatchObject({ sizeClass: null, status: 'unknown', group: null, missing: ['industry_code'] });
    expect(result.reason.zh).toContain('批发业、零售业');
  });

  it('an invalid code asks for the industry code', () => {
    expect(classifySize({ industryCode: '98', employees: 5 }, ON)).toMatchObject({ status: 'unknown', missing: ['industry_code'] });
  });
});

describe('out of scope', () => {
  it.each(['J', '6620', 'S', '9210', 'T'])('%s is not applicable', (code) => {
    const result = classifySize({ industryCode: code, employees: 10, revenueFen: 10, assetsFen: 10 }, ON);
    expect(result).toMatchObject({ sizeClass: null, status: 'not_applicable', group: null, missing: [] });
    expect(result.reason.zh.length).toBeGreaterThan(0);
  });

  it('finance names its own standard', () => {
    expect(classifySize({ industryCode: '6620' }, ON).reason.zh).toContain('金融业企业划型标准规定');
  });
});

describe('versions', () => {
  it('the 2011 version is in force from 2011-06-18', () => {
    expect(SIZE_CLASS_VERSIONS.map((v) => [v.id, v.effectiveFrom])).toEqual([['2011', '2011-06-18']]);
    expect(sizeClassVersionAt('2011-06-17')).toBeNull();
    expect(sizeClassVersionAt('2011-06-18')?.id).toBe('2011');
    expect(sizeClassVersionAt('2030-01-01')?.id).toBe('2011');
  });

  it('before the first version nothing applies', () => {
    const result = classifySize({ industryCode: '1310', employees: 5 }, '2011-06-17');
    expect(result).toMatchObject({ sizeClass: null, status: 'not_applicable', version: null });
    expect(classifySize({ industryCode: '1310', employees: 5 }, '2011-06-18')).toMatchObject({ sizeClass: 'micro', version: '2011' });
  });

  it.each(['2025-6-30', '2025-13-01', '20250630', '2025-06-30T00:00:00Z', ''])('rejects the date %j', (date) => {
    expect(() => classifySize({ industryCode: '1310' }, date)).toThrow(RangeError);
  });
});

describe('input validation', () => {
  it.each([-1, 1.5, Number.NaN])('rejects %s employees', (employees) => {
    expect(() => classifySize({ industryCode: '1310', employees }, ON)).toThrow(RangeError);
  });
  it('rejects a fractional fen', () => expect(() => classifySize({ industryCode: '1310', revenueFen: 0.5 }, ON)).toThrow());
});
