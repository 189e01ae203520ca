import { describe, expect, it } from 'vitest';
import {
  INDUSTRY_SECTOR_SELECTOR,
  compileIndustrySelector,
  divisionOf,
  industryName,
  listDivisions,
  listSections,
  matchesIndustry,
  parseIndustryCode,
  sectionOf,
} from './industry-codes.ts';

// The 门类 → 大类 table of standards §3, restated here so the code is checked against the standard.
const SECTION_RANGES: [string, string, string, string][] = [
  ['A', '农、林、牧、渔业', '01', '05'],
  ['B', '采矿业', '06', '12'],
  ['C', '制造业', '13', '43'],
  ['D', '电力、热力、燃气及水生产和供应业', '44', '46'],
  ['E', '建筑业', '47', '50'],
  ['F', '批发和零售业', '51', '52'],
  ['G', '交通运输、仓储和邮政业', '53', '60'],
  ['H', '住宿和餐饮业', '61', '62'],
  ['I', '信息传输、软件和信息技术服务业', '63', '65'],
  ['J', '金融业', '66', '69'],
  ['K', '房地产业', '70', '70'],
  ['L', '租赁和商务服务业', '71', '72'],
  ['M', '科学研究和技术服务业', '73', '75'],
  ['N', '水利、环境和公共设施管理业', '76', '79'],
  ['O', '居民服务、修理和其他服务业', '80', '82'],
  ['P', '教育', '83', '83'],
  ['Q', '卫生和社会工作', '84', '85'],
  ['R', '文化、体育和娱乐业', '86', '90'],
  ['S', '公共管理、社会保障和社会组织', '91', '96'],
  ['T', '国际组织', '97', '97'],
];

const pad = (n: number): string => String(n).padStart(2, '0');

describe('sections and divisions', () => {
  it('has the 20 sections of the standard with their names and ranges', () => {
    expect(listSections().map((s) => [s.code, s.nameZh, s.divisionFrom, s.divisionTo])).toEqual(SECTION_RANGES);
    for (const s of listSections()) expect(s.nameEn.length).toBeGreaterThan(3);
  });

  it('has 97 divisions 01–97 with names in both languages', () => {
    const divisions = listDivisions();
    expect(divisions).toHaveLength(97);
    expect(divisions.map((d) => d.code)).toEqual(Array.from({ length: 97 }, (_, i) => pad(i + 1)));
    for (const d of divisions) {
      expect(d.nameZh).toMatch(/\p{Script=Han}/u);
      expect(d.nameEn).toMatch(/^[A-Z]/);
    }
  });

  it.each(SECTION_RANGES)('section %s (%s) holds divisions %s–%s', (letter, _name, from, to) => {
    expect(listDivisions(letter).map((d) => d.code)).toEqual(
      Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => pad(Number(from) + i)),
    );
  });

  it('returns nothing for an unknown section', () => expect(listDivisions('Z')).toEqual([]));

  it.each([
    ['05', '农、林、牧、渔专业及辅助性活动'],
    ['11', '开采专业及辅助性活动'],
    ['25', '石油、煤炭及其他燃料加工业'],
    ['43', '金属制品、机械和设备修理业'],
    ['53', '铁路运输业'],
    ['58', '多式联运和运输代理业'],
    ['59', '装卸搬运和仓储业'],
    ['65', '软件和信息技术服务业'],
    ['79', '土地管理业'],
    ['84', '卫生'],
    ['85', '社会工作'],
    ['96', '基层群众自治组织及其他组织'],
  ])('2017 name of 大类 %s is %s', (code, name) => expect(industryName(code)).toBe(name));
});

describe('section boundaries', () => {
  // For every pair of adjacent sections: the last division of one and the first of the next.
  const boundaries = SECTION_RANGES.slice(1).map((row, i) => [SECTION_RANGES[i][3], SECTION_RANGES[i][0], row[2], row[0]] as const);
  it.each(boundaries)('%s is in %s, %s is in %s', (last, sectionA, first, sectionB) => {
    expect(sectionOf(last)).toBe(sectionA);
    expect(sectionOf(first)).toBe(sectionB);
    expect(sectionOf(`${last}9`)).toBe(sectionA); // 709 exists; 7011 would not
    expect(sectionOf(`${first}1`)).toBe(sectionB);
  });
});

describe('parseIndustryCode', () => {
  it.each([
    ['C', { code: 'C', level: 'section', section: 'C', division: null, group: null, class: null }],
    [' c ', { code: 'C', level: 'section', section: 'C', division: null, group: null, class: null }],
    ['13', { code: '13', level: 'division', section: 'C', division: '13', group: null, class: null }],
    ['131', { code: '131', level: 'group', section: 'C', division: '13', group: '131', class: null }],
    ['1310', { code: '1310', level: 'class', section: 'C', division: '13', group: '131', class: '1310' }],
    ['C1310', { code: '1310', level: 'class', section: 'C', division: '13', group: '131', class: '1310' }],
    ['7010', { code: '7010', level: 'class', section: 'K', division: '70', group: '701', class: '7010' }],
    ['702', { code: '702', level: 'group', section: 'K', division: '70', group: '702', class: null }],
    ['97', { code: '97', level: 'division', section: 'T', division: '97', group: null, class: null }],
  ])('%j', (input, expected) => expect(parseIndustryCode(input)).toEqual({ ok: true, ...expected }));

  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['1', 'malformed'],
    ['13101', 'malformed'],
    ['CC', 'malformed'],
    ['13a', 'malformed'],
    ['1-3', 'malformed'],
    ['U', 'unknown_section'],
    ['00', 'unknown_division'],
    ['98', 'unknown_division'],
    ['99', 'unknown_division'],
    ['0010', 'unknown_division'],
    ['705', 'unknown_code'],
    ['7011', 'unknown_code'],
    ['7050', 'unknown_code'],
    ['A1310', 'section_mismatch'],
  ])('rejects %j as %s', (input, problem) => {
    const result = parseIndustryCode(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toBe(problem);
  });
});

describe('sectionOf, divisionOf, industryName', () => {
  it.each([
    ['A', 'A', null],
    ['0111', 'A', '01'],
    ['06', 'B', '06'],
    ['4620', 'D', '46'],
    ['7010', 'K', '70'],
    ['bad', null, null],
  ])('%s → section %s, division %s', (code, section, division) => {
    expect(sectionOf(code)).toBe(section);
    expect(divisionOf(code)).toBe(division);
  });

  it.each([
    ['7010', 'zh', '房地产开发经营'],
    ['7010', 'en', 'Real estate development and operation'],
    ['701', 'zh', '房地产开发经营'],
    ['702', 'zh', '物业管理'],
    ['7030', 'zh', '房地产中介服务'],
    ['704', 'zh', '房地产租赁经营'],
    ['709', 'zh', '其他房地产业'],
    ['70', 'zh', '房地产业'],
    ['1310', 'zh', '农副食品加工业'],
    ['1310', 'en', 'Processing of food from agricultural products'],
    ['K', 'zh', '房地产业'],
    ['I', 'en', 'Information transmission, software and information technology services'],
    ['00', 'zh', null],
  ] as const)('%s (%s) → %s', (code, lang, name) => expect(industryName(code, lang)).toBe(name));
});

describe('matchesIndustry', () => {
  const industry = INDUSTRY_SECTOR_SELECTOR;
  it.each([
    ['05', false],
    ['0511', false],
    ['06', true],
    ['0610', true],
    ['1310', true],
    ['46', true],
    ['4690', true],
    ['47', false],
    ['B', true],
    ['C', true],
    ['D', true],
    ['A', false],
    ['E', false],
    ['xx', false],
  ])('工业 (大类 06–46) includes %s: %s', (code, expected) => expect(matchesIndustry(code, industry)).toBe(expected));

  it.each([
    // [code, selector, expected]
    ['3911', { sections: ['C'] }, true],
    ['C', { sections: ['C'] }, true],
    ['44', { sections: ['C'] }, false],
    ['52', { divisionRanges: [['51', '51']] }, false],
    ['5211', { divisionRanges: [['52', '52']] }, true],
    ['53', { divisionRanges: [['54', '58']] }, false],
    ['58', { divisionRanges: [['54', '58']] }, true],
    ['G', { divisionRanges: [['54', '58']] }, false], // G also holds 53, 59, 60
    ['G', { divisionRanges: [['53', '60']] }, true],
    ['7010', { prefixes: ['7010'] }, true],
    ['701', { prefixes: ['7010'] }, false],
    ['70', { prefixes: ['701'] }, false],
    ['7020', { prefixes: ['701'] }, false],
    ['7020', { prefixes: ['702', '703'] }, true],
    ['K', { prefixes: ['70'] }, true], // K is exactly 大类 70
    ['8411', { sections: ['G', 'I', 'N'], prefixes: ['84'] }, true],
    ['85', { sections: ['G', 'I', 'N'], prefixes: ['84'] }, false],
    ['Q', { prefixes: ['84'] }, false],
    ['Q', { prefixes: ['84', '85'] }, true],
    ['7010', {}, false],
  ] as const)('%s in %j: %s', (code, selector, expected) => expect(matchesIndustry(code, selector)).toBe(expected));

  it.each([
    { sections: ['Z'] },
    { divisionRanges: [['46', '06']] as [string, string][] },
    { divisionRanges: [['6', '46']] as [string, string][] },
    { prefixes: ['C'] },
    { prefixes: ['705'] },
  ])('rejects the invalid selector %j', (selector) => expect(() => compileIndustrySelector(selector)).toThrow(RangeError));

  it('a compiled selector can be reused', () => {
    const services2000 = compileIndustrySelector({ sections: ['G', 'I', 'N'], prefixes: ['84'] });
    expect(['5411', '6510', '7610', '8411', '8511', '5111'].map(services2000)).toEqual([true, true, true, true, false, false]);
  });
});
