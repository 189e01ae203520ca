import { describe, expect, it } from 'vitest';
import { checkBenefit, checkParams, checkRule, parametersOf } from './rule-check.ts';

const RULE = {
  all: [
    { clause: '工业企业', industry: { divisionRanges: [['06', '46']] } },
    { left: { fact: 'main_revenue', period: { year: 2025 } }, op: '>=', right: { param: 'industry_above_scale_line' } },
  ],
};

describe('checkRule', () => {
  it('renders a valid rule in either language, parameters with their value on the date', () => {
    const zh = checkRule(RULE, [], 'zh-CN', '2026-11-28');
    expect(zh.problems).toEqual([]);
    expect(zh.lines!.map((l) => l.text)).toEqual([
      '同时满足以下全部条件：',
      '【工业企业】所属行业属于：大类 06–46',
      '2025年主营业务收入 ≥ 〈规上工业主营业务收入标准〉（2,000万元）',
    ]);
    const en = checkRule(RULE, [], 'en-US', '2026-11-28');
    expect(en.lines![2].text).toContain('CNY 20,000,000');
  });

  it('names the node of every problem, as the server does at save time', () => {
    const result = checkRule({ all: [RULE.all[0], { left: { fact: 'main_revenue', period: { year: 2025 } }, op: '>=', right: { people: 5 } }, { foo: 1 }] }, [], 'zh-CN', '2026-11-28');
    expect(result.lines).toBeNull();
    expect(result.problems.map((p) => [p.pointer, p.code])).toEqual([
      ['/all/1', 'unit_mismatch'],
      ['/all/2', 'invalid_node'],
    ]);
  });

  it('uses the policy’s own parameters', () => {
    const own = [{ name: 'my_line', nameZh: '本政策标准', nameEn: 'Our line', values: [{ from: '2020-01-01', value: { wan: 500 } }] }];
    const rule = { left: { fact: 'main_revenue', period: { year: 2025 } }, op: '>=', right: { param: 'my_line' } };
    expect(checkRule(rule, [], 'zh-CN', '2026-11-28').problems[0].code).toBe('unknown_parameter');
    expect(checkRule(rule, own, 'zh-CN', '2026-11-28').lines![0].text).toContain('500万元');
    expect(parametersOf(own).some((p) => p.name === 'industry_above_scale_line')).toBe(true);
  });
});

describe('checkBenefit', () => {
  it('renders a formula and finds problems in one', () => {
    expect(checkBenefit({ amount: { fixed: { wan: 10 } } }, [], 'zh-CN', '2026-11-28').lines![0].text).toBe('定额 10万元');
    expect(checkBenefit({ amount: { percentOf: { fact: 'employees', period: { yearsAgo: 1 } }, rate: { percent: 10 } } }, [], 'zh-CN', '2026-11-28').problems[0]).toMatchObject({ pointer: '/amount/percentOf', code: 'unit_mismatch' });
    expect(checkBenefit({ fixed: 1 }, [], 'zh-CN', '2026-11-28').problems[0].pointer).toBe('/amount');
    expect(checkBenefit(null, [], 'zh-CN', '2026-11-28').problems[0].pointer).toBe('');
  });
});

describe('checkParams', () => {
  it('accepts a list of dated parameters and refuses other shapes', () => {
    expect(checkParams([])).toEqual([]);
    expect(checkParams({})[0].pointer).toBe('');
    expect(checkParams([{ name: 'x' }])[0].pointer).toBe('/0');
  });
});
