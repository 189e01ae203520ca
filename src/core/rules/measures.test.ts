import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from './catalogue.ts';
import { evaluatePrepared, evaluateRule } from './evaluate.ts';
import { formatValue } from './explain/render.ts';
import type { EnterpriseFacts } from './facts.ts';
import { MU_IN_BASE } from './measures.ts';
import { prepareRule } from './prepare.ts';
import type { RuleNode } from './schema.ts';
import { constantUnit, constantValue } from './units.ts';
import { validateRule } from './validate.ts';
import { buildCountyColumns } from './vector/columns.ts';
import { compilePrepared } from './vector/compile.ts';
import { OUTCOMES } from './vector/match.ts';

const DATE = '2025-06-30';

describe('units of measure', () => {
  it('converts exactly: 1亩 = 666.67㎡ (national convention), tonnes, 吨标准煤, foreign money at the stated rate', () => {
    expect(constantValue({ mu: 1 })).toBe(constantValue({ sqm: '666.67' }));
    expect(constantValue({ mu: '0.01' })).toBe(MU_IN_BASE / 100);
    expect(constantValue({ t: '2.5' })).toBe(constantValue({ kg: 2500 }));
    expect(constantValue({ tce: '1000' })).toBe(1_000_000);
    expect(constantValue({ currency: { code: 'USD', amount: '1000000', rate: '7.1' } })).toBe(710_000_000);
    expect(constantUnit({ currency: { code: 'USD', amount: 1, rate: 7 } })).toBe('fen');
    expect(() => constantValue({ mu: '0.001' })).toThrow(/decimals/);
    expect(() => constantValue({ currency: { code: 'USD', amount: '0.01', rate: '7.1234' } })).toThrow(/whole number of fen/);
  });

  it('亩 and ㎡ agree for every amount of hundredths of a 亩 (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (hundredths) => {
        const mu = (hundredths / 100).toFixed(2);
        expect(constantValue({ mu })).toBe(hundredths * (MU_IN_BASE / 100));
      }),
    );
  });

  it('refuses a unit mismatch at save with the node path', () => {
    const rule = { all: [{ left: { fact: 'land_area', period: { yearsAgo: 1 } }, op: '>=', right: { t: 30 } }] };
    expect(validateRule(rule, DEFAULT_CATALOGUE)).toEqual([expect.objectContaining({ path: '/all/0', code: 'unit_mismatch' })]);
    expect(validateRule({ left: { fact: 'energy_consumption', period: { yearsAgo: 1 } }, op: '<=', right: { kwh: 100 } }, DEFAULT_CATALOGUE)[0]).toMatchObject({ path: '', code: 'unit_mismatch' });
    expect(validateRule({ left: { fact: 'land_area', period: { yearsAgo: 1 } }, op: '>=', right: { mu: '0.001' } }, DEFAULT_CATALOGUE)[0]).toMatchObject({ path: '/right', code: 'bad_constant' });
  });

  it('evaluates and explains area and energy (zh and en)', () => {
    const rule: RuleNode = { left: { fact: 'land_area', period: { yearsAgo: 1 } }, op: '>=', right: { mu: 30 } };
    // 30亩 = 20,000.1㎡ under the 666.67㎡ convention: 20,000㎡ falls short, 20,001㎡ passes.
    expect(evaluateRule(rule, { attributes: {}, indicators: { land_area: { '2024': 20_000 * 10_000 } } }, { evaluationDate: DATE }).outcome).toBe('ineligible');
    expect(evaluateRule(rule, { attributes: {}, indicators: { land_area: { '2024': 20_001 * 10_000 } } }, { evaluationDate: DATE }).outcome).toBe('eligible');
    expect(formatValue(20_000 * 10_000, 'area', 'zh-CN')).toBe('20,000㎡（30亩）');
    expect(formatValue(1_500_000, 'kgce', 'en-US')).toBe('1,500 tce');
    expect(formatValue(2_500, 'kg', 'zh-CN')).toBe('2.5吨');
  });

  it('the two engines agree on measure comparisons (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 400_000_000 })), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom('>=', '>', '<=', '<', '==', '!=' as const),
        (areas, mu, op) => {
          const rule = { left: { fact: 'land_area', period: { yearsAgo: 1 } }, op, right: { mu } } as RuleNode;
          const firms: EnterpriseFacts[] = areas.map((a, i) => ({ id: `e${i}`, attributes: {}, indicators: a === null ? ({} as Record<string, Record<string, number>>) : { land_area: { '2024': a } } }));
          const prepared = prepareRule(rule, { evaluationDate: DATE });
          const vector = compilePrepared(prepared).run(buildCountyColumns(firms));
          firms.forEach((f, i) => expect(OUTCOMES[vector[i]]).toBe(evaluatePrepared(prepared, f).outcome));
        },
      ),
    );
  });
});
