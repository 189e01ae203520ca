import { describe, expect, it } from 'vitest';
import { conditionCounts, explanationRows } from './explanation.ts';

// Lines and tree as POST /api/policies/:id/evaluate returns them (src/core/rules/explain/render.ts).
const tree = {
  path: '',
  kind: 'all',
  clause: '2025年度新升规小型工业企业奖励',
  value: 'fail',
  children: [
    { path: '/all/0', kind: 'compare', clause: '2025年主营业务收入2000万元以上', value: 'fail' },
    { path: '/all/1', kind: 'in', value: 'pass' },
    { path: '/all/2', kind: 'history', value: 'unknown' },
    { path: '/all/3', kind: 'not', clause: '非金融业', value: 'pass', children: [{ path: '/all/3/not', kind: 'industry', value: 'fail' }] },
  ],
};
const zh = [
  { path: '', depth: 0, text: '【2025年度新升规小型工业企业奖励】同时满足以下全部条件 ✗' },
  { path: '/all/0', depth: 1, text: '【2025年主营业务收入2000万元以上】2025年主营业务收入 1,850万元 ≥ 〈规上工业主营业务收入标准〉 2,000万元 ✗（差 150万元，7.5%）' },
  { path: '/all/1', depth: 1, text: '2025年企业规模 小型 属于 {小型} ✓' },
  { path: '/all/2', depth: 1, text: '2025年首次纳入规上（四上）统计 [2023:? 2024:否 2025:是] ?（缺少：2023年纳入规上（四上）统计）' },
  { path: '/all/3', depth: 1, text: '【非金融业】不得：所属行业属于：门类 J；企业行业代码 3453 ✓' },
];

describe('explanationRows', () => {
  const rows = explanationRows(zh, tree);

  it('takes each verdict from the tree and splits clause, text and note', () => {
    expect(rows[1]).toMatchObject({
      status: 'fail',
      clause: '2025年主营业务收入2000万元以上',
      text: '2025年主营业务收入 1,850万元 ≥ 〈规上工业主营业务收入标准〉 2,000万元',
      note: '差 150万元，7.5%',
      isInverted: false,
    });
    expect(rows[2]).toMatchObject({ status: 'pass', clause: null, text: '2025年企业规模 小型 属于 {小型}', note: null });
  });

  it('keeps a "?" inside the text (an unknown year of a history) and finds the real mark', () => {
    expect(rows[3]).toMatchObject({ status: 'unknown', text: '2025年首次纳入规上（四上）统计 [2023:? 2024:否 2025:是]', note: '缺少：2023年纳入规上（四上）统计' });
  });

  it('reads a "not" as one prohibition line with its own verdict, and groups as groups', () => {
    expect(rows[4]).toMatchObject({ isInverted: false, isGroup: false, kind: 'not', status: 'pass', clause: '非金融业', text: '不得：所属行业属于：门类 J；企业行业代码 3453' });
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ isGroup: true, text: '同时满足以下全部条件', clause: '2025年度新升规小型工业企业奖励' });
  });

  it('reads English lines the same way', () => {
    const [line] = explanationRows([{ path: '/all/0', depth: 1, text: '[2025年主营业务收入2000万元以上] Main revenue (2025) CNY 18,500,000 ≥ CNY 20,000,000 ✗ (short by CNY 1,500,000, 7.5% of the bound)' }], tree);
    expect(line).toMatchObject({ status: 'fail', clause: '2025年主营业务收入2000万元以上', text: 'Main revenue (2025) CNY 18,500,000 ≥ CNY 20,000,000', note: 'short by CNY 1,500,000, 7.5% of the bound' });
  });

  it('falls back on the mark in the text when the tree lacks the node', () => {
    expect(explanationRows([{ path: '/x', depth: 1, text: '某条件 ✓' }], null)[0]).toMatchObject({ status: 'pass', text: '某条件' });
  });

  it('counts the top-level conditions that hold', () => {
    expect(conditionCounts(rows)).toEqual({ pass: 2, total: 4 });
  });
});

describe('a group under "not" (issue 12)', () => {
  it('shows each prohibition with its own verdict (De Morgan), never a ✗ that means good news', () => {
    const negated = {
      path: '',
      kind: 'not',
      value: 'fail',
      children: [
        {
          path: '/not',
          kind: 'any',
          value: 'pass',
          children: [
            { path: '/not/any/0', kind: 'is', value: 'fail' },
            { path: '/not/any/1', kind: 'compare', value: 'pass' },
          ],
        },
      ],
    };
    const lines = [
      { path: '/not', depth: 0, text: '同时满足以下全部条件 ✗' },
      { path: '/not/any/0', depth: 1, text: '不得有2024年重大行政处罚 ✓' },
      { path: '/not/any/1', depth: 1, text: '2024年营业收入 6,000万元 ≤ 5,000万元 ✗' },
    ];
    expect(explanationRows(lines, negated).map((row) => [row.status, row.text, row.note, row.isInverted])).toEqual([
      ['fail', '同时满足以下全部条件', null, false],
      ['pass', '不得有2024年重大行政处罚', null, false],
      ['fail', '2024年营业收入 6,000万元 ≤ 5,000万元', null, false],
    ]);
  });
});
