import { describe, expect, it } from 'vitest';
import { evaluateRule } from '../evaluate.ts';
import type { EnterpriseFacts } from '../facts.ts';
import { BUILT_IN_PARAMETERS } from '../params.ts';
import type { RuleNode } from '../schema.ts';
import { explanationText, exportExplanation, formatNearMiss, formatValue, renderExplanation, renderRule, renderRuleText } from './render.ts';

const WAN = 1_000_000;
/** The 2020 above-scale subsidy pushed by Dianjiang on 2021-03-18 (domain/dianjiang.md). */
const subsidy2020: RuleNode = {
  all: [
    { industry: { divisionRanges: [['06', '46']] }, clause: '工业企业' },
    { value: { fact: 'size_class', period: { year: 2020 } }, in: ['small'], clause: '小型企业' },
    { left: { fact: 'main_revenue', period: { year: 2020 } }, op: '>=', right: { wan: 2000 }, clause: '2020年主营业务收入2000万元以上' },
    { history: 'above_scale', test: 'firstEntry', year: { year: 2020 }, clause: '新升规入统' },
  ],
  clause: '2020年度新升规小型工业企业奖励',
};
const options = { evaluationDate: '2021-03-18', params: BUILT_IN_PARAMETERS };
const enterprise = (revenue: number): EnterpriseFacts => ({
  attributes: { industry_code: '3011', registered_on: '2016-04-01' },
  indicators: { main_revenue: { 2020: revenue }, above_scale: { 2016: 0, 2017: 0, 2018: 0, 2019: 0, 2020: 1 } },
  sizeClass: { 2020: 'small' },
});

describe('rendering a rule from its tree', () => {
  it('reads as Chinese, one line per node with its path and depth', () => {
    expect(renderRule(subsidy2020)).toEqual([
      { path: '', depth: 0, text: '【2020年度新升规小型工业企业奖励】同时满足以下全部条件：' },
      { path: '/all/0', depth: 1, text: '【工业企业】所属行业属于：大类 06–46' },
      { path: '/all/1', depth: 1, text: '【小型企业】2020年企业规模属于：小型' },
      { path: '/all/2', depth: 1, text: '【2020年主营业务收入2000万元以上】2020年主营业务收入 ≥ 2,000万元' },
      { path: '/all/3', depth: 1, text: '【新升规入统】2020年首次纳入规上（四上）统计（2011年以来此前从未纳入）' },
    ]);
  });

  it('reads as English', () => {
    const text = renderRuleText(subsidy2020, { locale: 'en-US' });
    expect(text).toContain('All of the following:');
    expect(text).toContain('Main-business revenue (2020) ≥ CNY 20,000,000');
    expect(text).toContain('First entered above-scale statistics in 2020 (never before, records from 2011)');
  });

  it('renders relative periods, ratios, growth, bands, parameters and negation', () => {
    const rule: RuleNode = {
      any: [
        { left: { ratio: [{ fact: 'rd_expense', period: { yearsAgo: 1 } }, { fact: 'operating_revenue', period: { yearsAgo: 1 } }] }, op: '>=', right: { percent: 3 } },
        { left: { growth: { fact: 'operating_revenue', from: { yearsAgo: 2 }, to: { yearsAgo: 1 } } }, op: '>=', right: { percent: '15' } },
        { left: { fact: 'main_revenue', period: { latest: true } }, op: '>=', right: { param: 'industry_above_scale_line' } },
        { not: { value: { fact: 'dishonest_debtor', period: { latest: true } }, is: true } },
        { value: { fact: 'employees', period: { yearsAgo: 1 } }, between: [{ people: 20 }, { people: 300 }], bounds: '[)' },
      ],
    };
    expect(renderRuleText(rule, options)).toBe(
      [
        '满足以下任一条件：',
        '  上年度研发费用占上年度营业收入的比重 ≥ 3%',
        '  营业收入前年至上年度增速 ≥ 15%',
        '  最近一期主营业务收入 ≥ 〈规上工业主营业务收入标准〉（2,000万元）',
        '  不得有最近一期失信被执行人',
        '  20人 ≤ 上年度从业人员期末人数 < 300人',
      ].join('\n'),
    );
  });
});

describe('rendering an explanation', () => {
  it('shows values, bounds, marks and the clause', () => {
    const lines = renderExplanation(subsidy2020, evaluateRule(subsidy2020, enterprise(2350 * WAN), options));
    expect(lines.map((l) => l.text)).toEqual([
      '【2020年度新升规小型工业企业奖励】同时满足以下全部条件 ✓',
      '【工业企业】所属行业属于：大类 06–46；企业行业代码 3011 ✓',
      '【小型企业】2020年企业规模 小型 属于 {小型} ✓',
      '【2020年主营业务收入2000万元以上】2020年主营业务收入 2,350万元 ≥ 2,000万元 ✓',
      '【新升规入统】2020年首次纳入规上（四上）统计（2011年以来此前从未纳入） [2016:否 2017:否 2018:否 2019:否 2020:是] ✓',
    ]);
  });

  it('states the near miss of a failed comparison', () => {
    const result = evaluateRule(subsidy2020, enterprise(1850 * WAN), options);
    const revenueLine = renderExplanation(subsidy2020, result)[3].text;
    expect(revenueLine).toBe('【2020年主营业务收入2000万元以上】2020年主营业务收入 1,850万元 ≥ 2,000万元 ✗（差 150万元，7.5%）');
    const english = renderExplanation(subsidy2020, result, { locale: 'en-US' })[3].text;
    expect(english).toBe('[2020年主营业务收入2000万元以上] Main-business revenue (2020) CNY 18,500,000 ≥ CNY 20,000,000 ✗ (short by CNY 1,500,000, 7.5% of the bound)');
  });

  it('names what is missing for an unknown result', () => {
    const result = evaluateRule(subsidy2020, { ...enterprise(0), indicators: { above_scale: { 2019: 0, 2020: 1 } } }, options);
    const text = explanationText(subsidy2020, result);
    expect(text).toContain('评估日期 2021-03-18：尚无法判定');
    expect(text).toContain('2020年主营业务收入（缺失） ≥ 2,000万元 ?（缺少：2020年主营业务收入）');
    expect(text).toContain('需补充：2020年主营业务收入、2016年纳入规上（四上）统计');
  });

  it('exports a self-contained audit record in both languages', () => {
    const result = evaluateRule(subsidy2020, enterprise(2350 * WAN), options);
    const exported = exportExplanation(subsidy2020, result, { policyId: 'p-2020-1', enterpriseId: 'e-1' });
    expect(exported).toMatchObject({ format: 'dianxiaoer.rule-explanation/1', policyId: 'p-2020-1', enterpriseId: 'e-1', outcome: 'eligible', rule: subsidy2020 });
    expect(exported.text['zh-CN']).toContain('2020年主营业务收入 2,350万元 ≥ 2,000万元 ✓');
    expect(exported.text['en-US']).toContain('Main-business revenue (2020) CNY 23,500,000 ≥ CNY 20,000,000 ✓');
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
  });
});

describe('value formatting', () => {
  it.each<[number, Parameters<typeof formatValue>[1], string, string]>([
    [23_500_000_000, 'fen', '2.35亿元', 'CNY 235,000,000'],
    [300, 'bp', '3%', '3%'],
    [287.5, 'bp', '2.88%', '2.88%'],
    [300, 'person', '300人', '300 people'],
    [20200101, 'date', '2020年1月1日', '2020-01-01'],
    [1, 'boolean', '是', 'yes'],
  ])('%d %s', (value, unit, zh, en) => {
    expect(formatValue(value, unit, 'zh-CN')).toBe(zh);
    expect(formatValue(value, unit, 'en-US')).toBe(en);
  });

  it('words near misses by direction', () => {
    expect(formatNearMiss({ direction: 'below', absolute: 13, unit: 'bp', relativeBp: 433 })).toBe('差 0.13个百分点');
    expect(formatNearMiss({ direction: 'above', absolute: 1, unit: 'person', relativeBp: 33 }, 'en-US')).toBe('must fall by 1 person, 0.33% of the bound');
  });
});

describe('explanations that never mislead (issue 12)', () => {
  const at = { evaluationDate: '2025-03-01' };
  const lines = (rule: RuleNode, indicators: EnterpriseFacts['indicators'], locale: 'zh-CN' | 'en-US' = 'zh-CN') =>
    renderExplanation(rule, evaluateRule(rule, { attributes: {}, indicators }, at), { locale }).map((l) => l.text);

  it('a ratio just below its bound shows both sides apart and a shortfall of at least one shown unit', () => {
    const rule: RuleNode = { left: { ratio: [{ fact: 'rd_expense', period: { year: 2024 } }, { fact: 'operating_revenue', period: { year: 2024 } }] }, op: '>=', right: { percent: 3 } };
    const facts = { rd_expense: { 2024: 100 * WAN }, operating_revenue: { 2024: 3334 * WAN } };
    expect(lines(rule, facts)).toEqual(['2024年研发费用占2024年营业收入的比重 2.999% ≥ 3% ✗（差 0.001个百分点）']);
    expect(lines(rule, facts, 'en-US')).toEqual(['R&D expense (2024) as a share of Operating revenue (2024) 2.999% ≥ 3% ✗ (short by 0.001 percentage points)']);
  });

  it('a growth of 14.99995% does not read as 15% ≥ 15%', () => {
    const rule: RuleNode = { left: { growth: { fact: 'operating_revenue', from: { year: 2023 }, to: { year: 2024 } } }, op: '>=', right: { percent: 15 } };
    expect(lines(rule, { operating_revenue: { 2023: 2_000_000_000, 2024: 2_299_999_000 } })).toEqual(['营业收入2023年至2024年增速 14.99995% ≥ 15% ✗（差 0.00005个百分点）']);
  });

  it('300万元 and one fen against ≤ 300万 shows the fen and a share below 0.01%, not 0%', () => {
    const rule: RuleNode = { left: { fact: 'operating_revenue', period: { year: 2024 } }, op: '<=', right: { wan: 300 } };
    const facts = { operating_revenue: { 2024: 300 * WAN + 1 } };
    expect(lines(rule, facts)).toEqual(['2024年营业收入 300.000001万元 ≤ 300万元 ✗（需降低 ¥0.01，<0.01%）']);
    expect(lines(rule, facts, 'en-US')).toEqual(['Operating revenue (2024) CNY 3,000,000.01 ≤ CNY 3,000,000 ✗ (must fall by CNY 0.01, <0.01% of the bound)']);
  });

  it('a strict bound on a ratio met exactly still needs one shown unit more', () => {
    expect(formatNearMiss({ direction: 'below', absolute: 0, unit: 'bp', relativeBp: 0 })).toBe('差 0.01个百分点');
    expect(formatNearMiss({ direction: 'below', absolute: 1_000_001, unit: 'fen', relativeBp: 50 })).toBe('差 1.0001万元，0.5%');
  });

  it('a negated condition reads as what is forbidden, with the verdict of the negation and no near miss', () => {
    const penalty: RuleNode = { not: { value: { fact: 'major_admin_penalty', period: { latest: true } }, is: true } };
    expect(lines(penalty, { major_admin_penalty: { 2024: 0 } })).toEqual(['不得有2024年重大行政处罚 ✓']);
    expect(lines(penalty, { major_admin_penalty: { 2024: 0 } }, 'en-US')).toEqual(['Must not have: Major administrative penalty (2024) ✓']);
    expect(lines(penalty, { major_admin_penalty: { 2024: 1 } })).toEqual(['不得有2024年重大行政处罚（实际：有） ✗']);
    // Revenue of 1,900万 is "not ≥ 2,000万": passing, and no hint of how to reach the excluded side.
    const small: RuleNode = { all: [{ not: { left: { fact: 'operating_revenue', period: { year: 2024 } }, op: '>=', right: { wan: 2000 } } }] };
    expect(lines(small, { operating_revenue: { 2024: 1900 * WAN } })).toEqual(['同时满足以下全部条件 ✓', '2024年营业收入 1,900万元 < 2,000万元 ✓']);
  });

  it('a group under not is read by De Morgan, each child as a prohibition with its own verdict', () => {
    const rule: RuleNode = {
      not: {
        any: [
          { value: { fact: 'major_admin_penalty', period: { year: 2024 } }, is: true },
          { left: { fact: 'operating_revenue', period: { year: 2024 } }, op: '>', right: { wan: 5000 } },
        ],
      },
      clause: '无重大处罚且营业收入不超过5000万元',
    };
    const result = lines(rule, { major_admin_penalty: { 2024: 0 }, operating_revenue: { 2024: 6000 * WAN } });
    expect(result).toEqual(['【无重大处罚且营业收入不超过5000万元】同时满足以下全部条件 ✗', '不得有2024年重大行政处罚 ✓', '2024年营业收入 6,000万元 ≤ 5,000万元 ✗']);
    expect(renderRuleText(rule)).toBe(['【无重大处罚且营业收入不超过5000万元】同时满足以下全部条件：', '  不得有2024年重大行政处罚', '  2024年营业收入 ≤ 5,000万元'].join('\n'));
  });

  it('a double negation reads as the requirement again, near miss included', () => {
    const rule: RuleNode = { not: { not: { left: { fact: 'operating_revenue', period: { year: 2024 } }, op: '>=', right: { wan: 2000 } } } };
    expect(lines(rule, { operating_revenue: { 2024: 1850 * WAN } })).toEqual(['2024年营业收入 1,850万元 ≥ 2,000万元 ✗（差 150万元，7.5%）']);
  });
});

describe('a history before registration (issue 12)', () => {
  const rule: RuleNode = { history: 'above_scale', test: 'heldConsecutive', year: { year: 2024 }, years: 3 };
  const firm = (registered: string): EnterpriseFacts => ({ attributes: { registered_on: registered }, indicators: { above_scale: { 2023: 1, 2024: 1 } } });

  it('shows the failing year before registration and why, in zh and en', () => {
    const result = evaluateRule(rule, firm('2023-05-01'), { evaluationDate: '2025-03-01' });
    expect(result.outcome).toBe('ineligible');
    expect(renderExplanation(rule, result)[0].text).toBe('截至2024年连续3年纳入规上（四上）统计 [2022:尚未成立 2023:是 2024:是]；2022年尚未成立 ✗');
    expect(renderExplanation(rule, result, { locale: 'en-US' })[0].text).toBe(
      'In above-scale statistics for 3 consecutive years up to 2024 [2022:not yet registered 2023:yes 2024:yes]; 2022: not yet registered ✗',
    );
  });

  it('a firm registered long before reads its own years', () => {
    const result = evaluateRule(rule, { attributes: { registered_on: '2010-01-01' }, indicators: { above_scale: { 2022: 0, 2023: 1, 2024: 1 } } }, { evaluationDate: '2025-03-01' });
    expect(renderExplanation(rule, result)[0].text).toBe('截至2024年连续3年纳入规上（四上）统计 [2022:否 2023:是 2024:是] ✗');
  });
});
