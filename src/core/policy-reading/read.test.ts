import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateRule } from '../rules/validate.ts';
import { findQuantities, parseChineseNumeral } from './numbers.ts';
import { atomicConditions, meaningKey } from './measure.ts';
import { readPolicyText } from './read.ts';
import type { RuleNode } from '../rules/schema.ts';

const leaves = (text: string) => readPolicyText(text).conditions.flatMap((c) => atomicConditions(c.node)).map(meaningKey);
const key = (node: RuleNode) => meaningKey(node);
const revenue = (op: string, right: object, period: object = { yearsAgo: 1 }) => key({ left: { fact: 'operating_revenue', period }, op, right } as RuleNode);

describe('Chinese numerals and amounts', () => {
  it.each([
    ['二千', 2000],
    ['两百', 200],
    ['三千', 3000],
    ['十五', 15],
    ['一百零八', 108],
  ])('%s = %d', (text, value) => expect(parseChineseNumeral(text)).toBe(value));

  it.each([
    ['二千万元', { wan: 2000 }],
    ['1.5亿元', { yi: 1.5 }],
    ['1.5亿', { yi: 1.5 }],
    ['3000万元', { wan: 3000 }],
    ['5千万元', { wan: 5000 }],
    ['500元', { yuan: 500 }],
    ['5,000万元', { wan: 5000 }],
    ['15%', { percent: 15 }],
    ['百分之十五', { percent: 15 }],
    ['2个百分点', { percent: 2 }],
    ['300人', { people: 300 }],
  ])('%s → %j', (text, constant) => expect(findQuantities(text)[0]?.constant).toEqual(constant));

  it('is no quantity: years, article numbers, 一次性, 十四五, foreign currency as yuan', () => {
    expect(findQuantities('2023年第3条一次性十四五').filter((q) => q.unit !== 'bare')).toEqual([]);
    expect(findQuantities('500万美元')[0].unit).toBe('foreign');
  });
});

describe('comparators (以上 includes, 以下 excludes, unless 含/不含 says otherwise)', () => {
  it.each([
    ['上年度营业收入1000万元以上', '>='],
    ['上年度营业收入1000万元及以上', '>='],
    ['上年度营业收入1000万元以上（不含）', '>'],
    ['上年度营业收入1000万元以下', '<'],
    ['上年度营业收入1000万元（含）以下', '<='],
    ['上年度营业收入1000万元及以下', '<='],
    ['上年度营业收入不低于1000万元', '>='],
    ['上年度营业收入不超过1000万元', '<='],
    ['上年度营业收入超过1000万元', '>'],
    ['上年度营业收入不足1000万元', '<'],
    ['上年度营业收入未满1000万元', '<'],
    ['上年度营业收入达到1000万元', '>='],
    ['上年度营业收入小于1000万元（含）', '<='],
    ['上年度营业收入1000万元以内', '<='],
  ])('%s → %s', (text, op) => expect(leaves(text)).toEqual([revenue(op, { wan: 1000 })]));

  it('a range X至Y includes both ends', () => {
    expect(leaves('上年度营业收入1000万元至5000万元')).toEqual([key({ value: { fact: 'operating_revenue', period: { yearsAgo: 1 } }, between: [{ wan: 1000 }, { wan: 5000 }], bounds: '[]' })]);
  });
});

describe('periods', () => {
  it.each([
    ['上年度营业收入1000万元以上', { yearsAgo: 1 }],
    ['上一年度营业收入1000万元以上', { yearsAgo: 1 }],
    ['申报年度营业收入1000万元以上', { yearsAgo: 0 }],
    ['当年营业收入1000万元以上', { yearsAgo: 0 }],
    ['2023年营业收入1000万元以上', { year: 2023 }],
    ['近三年营业收入1000万元以上', { latest: true, maxAgo: 2 }],
  ])('%s', (text, period) => expect(leaves(text)).toEqual([revenue('>=', { wan: 1000 }, period)]));

  it('首次 and 连续两年 read as status histories; 首次/重新认定 as certification tests', () => {
    expect(leaves('对新升规企业')).toEqual([key({ history: 'above_scale', test: 'firstEntry', year: { yearsAgo: 1 } })]);
    expect(leaves('连续两年在库的企业')).toEqual([key({ history: 'above_scale', test: 'heldConsecutive', year: { yearsAgo: 1 }, years: 2 })]);
    expect(leaves('对首次认定的高新技术企业')).toEqual([key({ certification: 'high_tech', test: 'firstAwardedIn', year: { yearsAgo: 1 } })]);
    expect(leaves('对重新认定的高新技术企业')).toEqual([key({ certification: 'high_tech', test: 'renewedIn', year: { yearsAgo: 1 } })]);
  });
});

describe('facts by their policy wording', () => {
  it.each([
    ['主营业务收入', 'main_revenue', '100万元'],
    ['销售收入', 'operating_revenue', '100万元'],
    ['营业收入', 'operating_revenue', '100万元'],
    ['研发投入', 'rd_expense', '100万元'],
    ['研发费用', 'rd_expense', '100万元'],
    ['职工人数', 'employees', '50人'],
    ['从业人员', 'employees', '50人'],
    ['纳税总额', 'tax_paid', '100万元'],
    ['税收', 'tax_paid', '100万元'],
  ])('%s → %s', (word, fact, value) => {
    const [proposal] = readPolicyText(`上年度${word}${value}以上`).conditions;
    const leaf = proposal.node as Extract<RuleNode, { left: unknown }>;
    expect((leaf.left as { fact: string }).fact).toBe(fact);
  });

  it('ratios (A 占 B 比重) and growth (较上年增长)', () => {
    expect(leaves('研发费用占营业收入比重不低于3%')).toEqual([
      key({ left: { ratio: [{ fact: 'rd_expense', period: { yearsAgo: 1 } }, { fact: 'operating_revenue', period: { yearsAgo: 1 } }] }, op: '>=', right: { percent: 3 } }),
    ]);
    expect(leaves('营业收入较上年增长15%以上')).toEqual([
      key({ left: { growth: { fact: 'operating_revenue', from: { yearsAgo: 2 }, to: { yearsAgo: 1 } } }, op: '>=', right: { percent: 15 } }),
    ]);
  });

  it('规上/规模以上, lists of industries (、 and 或), size classes', () => {
    expect(leaves('规模以上工业企业')).toEqual([
      key({ industry: { divisionRanges: [['06', '46']] } }),
      key({ value: { fact: 'above_scale', period: { yearsAgo: 1 } }, is: true }),
    ]);
    expect(leaves('制造业、建筑业或批发零售业企业')).toEqual([key({ industry: { sections: ['C', 'E', 'F'] } })]);
    expect(leaves('小微企业')).toEqual([key({ value: { fact: 'size_class', period: { yearsAgo: 1 } }, in: ['small', 'micro'] })]);
    // 科技型中小企业 is a certification, not a size class.
    expect(leaves('科技型中小企业')).toEqual([key({ certification: 'tech_sme', test: 'heldOn' })]);
  });

  it('同时/且 join with all, 或者 with any', () => {
    const [all] = readPolicyText('上年度营业收入1000万元以上且从业人员50人以上').conditions;
    expect(Object.keys(all.node)).toContain('all');
    const [any] = readPolicyText('上年度营业收入1000万元以上或者从业人员50人以上').conditions;
    expect(Object.keys(any.node)).toContain('any');
  });
});

describe('exclusions', () => {
  it('不得/不予/除外 negate what they name; negative records read the same either way', () => {
    expect(leaves('房地产开发企业除外')).toEqual([key({ not: { industry: { prefixes: ['7010'] } } })]);
    expect(leaves('金融企业不予支持')).toEqual([key({ not: { industry: { sections: ['J'] } } })]);
    expect(leaves('企业成立不足2年的，不予支持。')).toEqual([key({ not: { left: { yearsSince: { fact: 'registered_on' } }, op: '<', right: { years: 2 } } })]);
    const dishonest = key({ value: { fact: 'dishonest_debtor', period: { latest: true } }, is: false });
    expect(leaves('被列入失信被执行人名单的，不予支持')).toEqual([dishonest]);
    expect(leaves('企业不得为失信被执行人')).toEqual([dishonest]);
  });

  it('a heading "有下列情形之一的，不予支持：" makes its items exclusions', () => {
    const result = readPolicyText('第九条 有下列情形之一的，不予支持：\n（一）房地产企业；\n（二）金融企业。\n第十条 对小微企业给予支持。');
    expect(result.conditions.map((c) => c.exclusion)).toEqual([true, true, false]);
    expect(meaningKey(result.conditions[0].node)).toBe(key({ not: { industry: { sections: ['K'] } } }));
  });
});

describe('benefits', () => {
  const amounts = (text: string) => readPolicyText(text).benefits.map((b) => [b.benefit.amount, b.upTo]);
  it('fixed, up-to cap, percentage with cap, per head, tiers, installments', () => {
    expect(amounts('给予20万元一次性奖励')).toEqual([[{ fixed: { wan: 20 } }, false]]);
    expect(amounts('给予最高50万元补助')).toEqual([[{ fixed: { wan: 50 } }, true]]);
    expect(amounts('按上年度研发费用的10%给予补助，最高不超过100万元')).toEqual([
      [{ percentOf: { fact: 'rd_expense', period: { yearsAgo: 1 } }, rate: { percent: 10 }, cap: { wan: 100 } }, false],
    ]);
    expect(amounts('新招用职工的，按每人1000元给予补贴，最高不超过10万元')).toEqual([
      [{ perHead: { yuan: 1000 }, count: { fact: 'new_hires', period: { yearsAgo: 1 } }, cap: { wan: 10 } }, false],
    ]);
    expect(amounts('营业收入首次突破1亿元、5亿元的，分别给予10万元、20万元奖励')).toEqual([
      [{ tiers: { by: { fact: 'operating_revenue', period: { yearsAgo: 1 } }, steps: [{ atLeast: { yi: 1 }, amount: { wan: 10 } }, { atLeast: { yi: 5 }, amount: { wan: 20 } }] } }, false],
    ]);
    expect(amounts('分三年分别给予10万元、20万元、30万元奖励')).toEqual([[{ installments: [{ wan: 10 }, { wan: 20 }, { wan: 30 }] }, false]]);
  });

  it('a threshold amount is no benefit', () => {
    expect(amounts('上年度营业收入2000万元以上的企业，给予5万元奖励')).toEqual([[{ fixed: { wan: 5 } }, false]]);
  });
});

describe('nothing is dropped', () => {
  it('lists what it did not understand with its span', () => {
    const text = '对固定资产投资额达到2000万元的项目给予支持。企业应具有健全的财务制度。';
    const result = readPolicyText(text);
    expect(result.notUnderstood.length).toBeGreaterThanOrEqual(2);
    for (const item of result.notUnderstood) expect(text.slice(item.span.start, item.span.end)).toBe(item.text);
    expect(result.notUnderstood.some((n) => n.text.includes('2000万元'))).toBe(true);
    expect(result.notUnderstood.some((n) => n.text.includes('财务制度'))).toBe(true);
  });

  it('splits articles and clauses by their markers', () => {
    const result = readPolicyText('第一条 总则。\n第二条 条件如下：\n一、规上企业；\n（一）小微企业；\n1. 高新技术企业；\n（1）专精特新企业；\n①科技型中小企业。');
    expect(result.divisions.map((d) => d.label)).toEqual(['第一条', '第二条', '一、', '（一）', '1.', '（1）', '①']);
    expect(result.divisions.map((d) => d.level)).toEqual([1, 1, 2, 3, 4, 5, 6]);
  });

  it('on any text: spans lie inside the text, confidences in [0,1], proposed nodes validate', () => {
    const pieces = fc.constantFrom('上年度', '营业收入', '1000万元', '以上', '以下', '，', '。', '不得', '给予', '最高', '20万元', '10%', '高新技术企业', '小微企业', '或', '且', '（一）', '第一条', '\n', '研发费用占营业收入比重', '二千万', '失信被执行人', '分别', '、');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 4 })), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const result = readPolicyText(text);
        const spans = [...result.conditions.flatMap((c) => [c.span, ...c.parts.map((p) => p.span)]), ...result.benefits.map((b) => b.span), ...result.notUnderstood.map((n) => n.span), ...result.sentences];
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeLessThanOrEqual(text.length);
          expect(span.start).toBeLessThanOrEqual(span.end);
        }
        for (const c of result.conditions) {
          expect(c.confidence).toBeGreaterThanOrEqual(0);
          expect(c.confidence).toBeLessThanOrEqual(1);
          expect(validateRule(c.node)).toEqual([]);
        }
        for (const b of result.benefits) expect(b.confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
