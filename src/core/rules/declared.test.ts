import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Prng } from '../random/prng.ts';
import {
  checkDeclarations,
  declaredNodesOf,
  declaredTest,
  favourableDeclarations,
  randomDeclarations,
  TEST_DECLARED_FACTS,
  validateDeclaredFacts,
  type DeclaredFactDefinition,
} from './declared.ts';
import { evaluatePrepared } from './evaluate.ts';
import { missingFactName, renderExplanation, renderRuleText } from './explain/render.ts';
import { BUILT_IN_PARAMETERS } from './params.ts';
import { prepareRule } from './prepare.ts';
import type { RuleNode } from './schema.ts';
import { randomEnterprise, randomRule, TEST_CATALOGUE, TEST_EVALUATION_DATE } from './testing/generate.ts';
import { validateRule } from './validate.ts';
import { buildCountyColumns } from './vector/columns.ts';
import { compilePrepared } from './vector/compile.ts';
import { OUTCOMES } from './vector/match.ts';

const OPTIONS = { evaluationDate: TEST_EVALUATION_DATE, catalogue: TEST_CATALOGUE, params: BUILT_IN_PARAMETERS };
const DECLARED = TEST_DECLARED_FACTS;
/** 近两年无拖欠工资 and revenue ≥ 2000万 last year. */
const RULE: RuleNode = {
  all: [
    { clause: '上年度营业收入2000万元以上', left: { fact: 'operating_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 2000 } },
    { clause: '近两年无拖欠农民工工资', declared: 'no_wage_arrears_2y', equals: true },
  ],
};
const FIRM = { attributes: {}, indicators: { operating_revenue: { '2024': 3_000_000_000 } } };

describe('declared facts: definitions and references', () => {
  it('refuses duplicate keys, a choice without choices, units outside numbers and a bad key', () => {
    const bad = [
      { key: 'a', labelZh: '甲', labelEn: 'A', type: 'yesno', evidence: 'none' },
      { key: 'a', labelZh: '乙', labelEn: 'B', type: 'choice', evidence: 'none' },
      { key: 'c', labelZh: '丙', labelEn: 'C', type: 'date', unitZh: '年', evidence: 'none' },
    ];
    expect(validateDeclaredFacts(bad).map((p) => p.path)).toEqual(['/1/key', '/1/choices', '/2/unitZh']);
    expect(validateDeclaredFacts([{ key: 'Bad Key', labelZh: '甲', labelEn: 'A', type: 'yesno', evidence: 'none' }])[0].path).toBe('/0/key');
    expect(validateDeclaredFacts(DECLARED)).toEqual([]);
  });

  it('a rule naming an undeclared fact is refused at its node path when the definitions are given', () => {
    const rule: RuleNode = { all: [RULE.all[0], { declared: 'no_tax_arrears', equals: true }] } as RuleNode;
    expect(validateRule(rule, TEST_CATALOGUE, { params: BUILT_IN_PARAMETERS, declared: DECLARED })).toEqual([
      expect.objectContaining({ path: '/all/1/declared', code: 'unknown_declared_fact' }),
    ]);
    // Without the version's definitions (the engines' own validation) only the shape is checked.
    expect(validateRule(rule, TEST_CATALOGUE, { params: BUILT_IN_PARAMETERS })).toEqual([]);
  });

  it('refuses a node whose form does not fit the fact’s type, and a node of two forms', () => {
    const problems = (node: unknown) => validateRule(node, TEST_CATALOGUE, { declared: DECLARED }).map((p) => `${p.path} ${p.code}`);
    expect(problems({ declared: 'jobs_kept', equals: true })).toEqual(['/declared unit_mismatch']);
    expect(problems({ declared: 'moved_in_on', op: '>=', value: 3 })).toEqual(['/value unit_mismatch']);
    expect(problems({ declared: 'site_kind', oneOf: ['rented'] })).toEqual(['/oneOf/0 unknown_declared_fact']);
    expect(problems({ declared: 'jobs_kept', equals: true, op: '>=', value: 3 })).toEqual([' invalid_node']);
    expect(problems({ declared: 'jobs_kept', op: '>=', value: 10 })).toEqual([]);
  });
});

describe('declared facts: three-valued evaluation and explanation', () => {
  it('is unknown until declared, names the declaration as missing, then follows the declaration', () => {
    const prepared = prepareRule(RULE, OPTIONS);
    const before = evaluatePrepared(prepared, FIRM);
    expect(before.outcome).toBe('unknown');
    expect(before.missingFacts).toEqual([{ fact: 'declared:no_wage_arrears_2y', period: null, canSettle: true, occurrences: 1 }]);
    expect(missingFactName(before.missingFacts[0], { declared: DECLARED })).toBe('申报时声明：近两年无拖欠工资');
    const lines = renderExplanation(RULE, before, { catalogue: TEST_CATALOGUE, declared: DECLARED }).map((l) => l.text);
    expect(lines[2]).toContain('申报时声明：近两年无拖欠工资：需在申报时声明');

    const yes = evaluatePrepared(prepared, { ...FIRM, declared: { no_wage_arrears_2y: true } });
    expect(yes.outcome).toBe('eligible');
    expect(renderExplanation(RULE, yes, { catalogue: TEST_CATALOGUE, declared: DECLARED, locale: 'en-US' })[2].text).toContain('self-declared: yes');
    expect(evaluatePrepared(prepared, { ...FIRM, declared: { no_wage_arrears_2y: false } }).outcome).toBe('ineligible');
    // A failing enterprise fact decides without the declaration: nothing is asked.
    const poor = evaluatePrepared(prepared, { attributes: {}, indicators: { operating_revenue: { '2024': 1 } } });
    expect(poor.outcome).toBe('ineligible');
  });

  it('renders each form in words and reads a not as a prohibition', () => {
    expect(renderRuleText({ declared: 'jobs_kept', op: '>=', value: 10 }, { declared: DECLARED })).toBe('申报时声明：稳定就业人数 ≥ 10人');
    expect(renderRuleText({ declared: 'site_kind', oneOf: ['owned', 'leased'] }, { declared: DECLARED, locale: 'en-US' })).toBe('Declared on application: Production site is owned or leased');
    expect(renderRuleText({ not: { declared: 'no_wage_arrears_2y', equals: false } }, { declared: DECLARED })).toContain('不得');
  });

  it('tests numbers, dates and choices; a value of another type is no declaration', () => {
    expect(declaredTest({ op: '>=', value: 10 }, 10)).toBe(true);
    expect(declaredTest({ op: '>', value: 10 }, 10)).toBe(false);
    expect(declaredTest({ op: '<=', value: '2025-06-30' }, '2025-07-01')).toBe(false);
    expect(declaredTest({ oneOf: ['owned'] }, 'leased')).toBe(false);
    expect(declaredTest({ equals: true }, 'yes')).toBeUndefined();
    expect(declaredTest({ equals: true }, undefined)).toBeUndefined();
  });

  it('favourable declarations make a rule with only declarations open eligible, and respect a not', () => {
    const rule: RuleNode = { all: [RULE.all[1], { not: { declared: 'site_kind', oneOf: ['leased'] } }, { declared: 'jobs_kept', op: '>', value: 10 }] };
    const favourable = favourableDeclarations(rule);
    expect(favourable).toEqual({ no_wage_arrears_2y: true, site_kind: 'leased_other', jobs_kept: 11 });
    expect(evaluatePrepared(prepareRule(rule, OPTIONS), { attributes: {}, indicators: {}, declared: favourable }).outcome).toBe('eligible');
  });

  it('checks an application’s declarations against the definitions', () => {
    const definitions: DeclaredFactDefinition[] = [...DECLARED];
    const { values, problems } = checkDeclarations(definitions, new Set(['no_wage_arrears_2y', 'jobs_kept']), { no_wage_arrears_2y: 'yes', site_kind: 'rented', moved_in_on: '2026-02-30', other: 1 });
    expect(values).toEqual({});
    expect(problems.map((p) => p.path)).toEqual(['body/declarations/no_wage_arrears_2y', 'body/declarations/site_kind', 'body/declarations/moved_in_on', 'body/declarations/other', 'body/declarations/jobs_kept']);
    expect(checkDeclarations(definitions, new Set(['jobs_kept']), { jobs_kept: 12 })).toEqual({ values: { jobs_kept: 12 }, problems: [] });
  });
});

describe('declared facts: tree and columnar engines (fast-check)', () => {
  it('agree without declarations, and the columnar engine never decides what a declaration could change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const random = new Prng(seed);
        const enterprises = Array.from({ length: 40 }, (_, i) => ({ ...randomEnterprise(random, `e${i}`) }));
        const columns = buildCountyColumns(enterprises, TEST_CATALOGUE);
        for (let r = 0; r < 6; r++) {
          // Every rule carries a declared node somewhere (the generator mixes them in too).
          const rule: RuleNode = random.chance(0.5) ? { all: [randomRule(random, 2), { declared: 'no_wage_arrears_2y', equals: true }] } : randomRule(random, 3);
          expect(validateRule(rule, TEST_CATALOGUE, { params: BUILT_IN_PARAMETERS, declared: DECLARED })).toEqual([]);
          const prepared = prepareRule(rule, OPTIONS);
          const vector = compilePrepared(prepared).run(columns);
          const hasDeclared = declaredNodesOf(rule).length > 0;
          for (let i = 0; i < enterprises.length; i++) {
            const column = OUTCOMES[vector[i]];
            // Without declarations both engines agree exactly.
            expect(evaluatePrepared(prepared, enterprises[i]).outcome).toBe(column);
            // With any declarations the tree only refines: what the columnar engine decided stays decided.
            const declared = evaluatePrepared(prepared, { ...enterprises[i], declared: randomDeclarations(random) }).outcome;
            if (column !== 'unknown') expect(declared).toBe(column);
            // A rule whose outcome depends on a declaration is never eligible county-wide (免申即享 never grants on it).
            if (hasDeclared && column === 'eligible') expect(evaluatePrepared(prepared, { ...enterprises[i], declared: { no_wage_arrears_2y: false, stay_ten_years: false, jobs_kept: -1, site_kind: 'x', moved_in_on: '1900-01-01' } }).outcome).toBe('eligible');
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
