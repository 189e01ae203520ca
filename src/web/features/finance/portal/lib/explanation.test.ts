import { describe, expect, it } from 'vitest';
import { productConditionCounts, productExplanationRows } from './explanation.ts';

describe('a product explained clause by clause', () => {
  const lines = ['同时满足以下条件 ✓', '  【首贷户】此前无贷款记录 ✓', '  2025年营业收入 2,350万元 ≥ 500万元 ✓', '  纳税信用等级 B 属于 A、B ✗（差一级）', '  2025年用电量 ?（缺少：2025年用电量）'];
  it('reads the marks, the clause, the note and the depth of each line', () => {
    const rows = productExplanationRows(lines);
    expect(rows.map((row) => row.status)).toEqual(['pass', 'pass', 'pass', 'fail', 'unknown']);
    expect(rows.map((row) => row.depth)).toEqual([0, 1, 1, 1, 1]);
    expect(rows[1].clause).toBe('首贷户');
    expect(rows[1].text).toBe('此前无贷款记录');
    expect(rows[3].note).toBe('差一级');
    expect(rows[4].note).toBe('缺少：2025年用电量');
  });
  it('counts the conditions under the whole rule', () => {
    expect(productConditionCounts(productExplanationRows(lines))).toEqual({ pass: 2, total: 4 });
    expect(productConditionCounts(productExplanationRows(['注册地在本县 ✓']))).toEqual({ pass: 1, total: 1 });
  });
});
