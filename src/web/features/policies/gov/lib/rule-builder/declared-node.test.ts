import { describe, expect, it } from 'vitest';
import { validateRule } from '../../../../../../core/rules/validate.ts';
import { DEFAULT_CATALOGUE } from '../../../../../../core/rules/catalogue.ts';
import type { DeclaredFactDefinition } from '../../../../../../core/rules/declared.ts';
import { declaredNodeFor } from './declared-node.ts';
import { fromBuilder, toBuilder, type Json } from './descriptors.ts';

const FACTS: DeclaredFactDefinition[] = [
  { key: 'no_arrears', labelZh: '无拖欠工资', labelEn: 'No arrears', type: 'yesno', evidence: 'none' },
  { key: 'jobs_kept', labelZh: '稳定就业人数', labelEn: 'Jobs kept', type: 'number', unitZh: '人', evidence: 'none' },
  { key: 'other_count', labelZh: '其他人数', labelEn: 'Other', type: 'number', evidence: 'none' },
  { key: 'move_in', labelZh: '入驻日期', labelEn: 'Move-in', type: 'date', evidence: 'none' },
  { key: 'site', labelZh: '场地', labelEn: 'Site', type: 'choice', choices: [{ code: 'owned', labelZh: '自有', labelEn: 'Owned' }, { code: 'leased', labelZh: '租赁', labelEn: 'Leased' }], evidence: 'none' },
];

describe('the builder’s 申报时声明 condition', () => {
  it('starts each type in its own form, which the server’s checks accept against the declarations', () => {
    const nodes = FACTS.map((fact) => declaredNodeFor(fact, '2026-12-31'));
    expect(nodes).toEqual([
      { declared: 'no_arrears', equals: true },
      { declared: 'jobs_kept', op: '>=', value: 0 },
      { declared: 'other_count', op: '>=', value: 0 },
      { declared: 'move_in', op: '<=', value: '2026-12-31' },
      { declared: 'site', oneOf: ['owned'] },
    ]);
    expect(validateRule({ all: nodes }, DEFAULT_CATALOGUE, { declared: FACTS })).toEqual([]);
  });

  it('switching the fact keeps the clause, and the comparison when the type is the same', () => {
    const previous = { declared: 'jobs_kept', op: '>', value: 12, clause: '稳定就业' };
    expect(declaredNodeFor(FACTS[2], '2026-01-01', previous, FACTS[1])).toEqual({ declared: 'other_count', op: '>', value: 12, clause: '稳定就业' });
    expect(declaredNodeFor(FACTS[0], '2026-01-01', previous, FACTS[1])).toEqual({ declared: 'no_arrears', equals: true, clause: '稳定就业' });
    expect(declaredNodeFor(FACTS[4], '2026-01-01', { declared: 'site', oneOf: ['leased'] }, FACTS[4])).toEqual({ declared: 'site', oneOf: ['owned'] });
  });

  it('every form goes builder → JSON → builder unchanged', () => {
    for (const node of [...FACTS.map((fact) => declaredNodeFor(fact, '2026-12-31')), { declared: 'x', equals: false, clause: 'c' }] as Json[]) {
      const tree = toBuilder(node);
      expect(tree.kind).toBe('declared');
      expect(fromBuilder(tree)).toEqual(node);
      expect(toBuilder(fromBuilder(tree)).model).toEqual(tree.model);
    }
  });
});
