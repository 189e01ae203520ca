import { describe, expect, it } from 'vitest';
import Schema from 'typebox/schema';
import { RULE_JSON_SCHEMA, RuleSchema } from './schema.ts';
import { BUILT_IN_PARAMETERS } from './params.ts';
import { validateParameters, validateRule, type ProblemCode } from './validate.ts';
import { TEST_CATALOGUE } from './testing/generate.ts';

const revenue = { fact: 'operating_revenue', period: { yearsAgo: 1 } };
const ok = { left: revenue, op: '>=', right: { wan: 1000 } };
const validate = (rule: unknown) => validateRule(rule, TEST_CATALOGUE, { params: BUILT_IN_PARAMETERS });

describe('validateRule reports problems with the path of the node', () => {
  it.each<[string, unknown, string, ProblemCode]>([
    ['unknown fact', { all: [ok, ok, { left: { fact: 'revenu', period: { year: 2024 } }, op: '>=', right: { wan: 1 } }] }, '/all/2/left/fact', 'unknown_fact'],
    ['unknown parameter', { left: revenue, op: '>=', right: { param: 'nope' } }, '/right', 'unknown_parameter'],
    ['money vs people', { all: [ok, ok, { left: revenue, op: '>=', right: { people: 300 } }] }, '/all/2', 'unit_mismatch'],
    ['ratio of money to people', { left: { ratio: [revenue, { fact: 'employees', period: { yearsAgo: 1 } }] }, op: '>=', right: { percent: 3 } }, '/left', 'unit_mismatch'],
    ['ratio (bp) vs money', { left: { ratio: [{ fact: 'rd_expense', period: { yearsAgo: 1 } }, revenue] }, op: '>=', right: { wan: 3 } }, '', 'unit_mismatch'],
    ['quarter period on a yearly fact', { left: { fact: 'operating_revenue', period: { quarter: '2024Q1' } }, op: '>', right: { wan: 1 } }, '/left/period', 'period_not_available'],
    ['monthsAgo on a quarterly fact', { left: { fact: 'vat_paid_q', period: { monthsAgo: 1 } }, op: '>', right: { wan: 1 } }, '/left/period', 'period_not_available'],
    ['period on a fact without periods', { left: { fact: 'registered_capital', period: { year: 2024 } }, op: '>', right: { wan: 1 } }, '/left/period', 'period_not_allowed'],
    ['periodic fact without period', { left: { fact: 'operating_revenue' }, op: '>', right: { wan: 1 } }, '/left', 'period_required'],
    ['empty group', { any: [] }, '/any', 'empty_group'],
    ['k above the number of children', { atLeast: 3, of: [ok, ok] }, '/atLeast', 'k_out_of_range'],
    ['k of zero', { atLeast: 0, of: [ok] }, '/atLeast', 'k_out_of_range'],
    ['between with min above max', { value: revenue, between: [{ wan: 5000 }, { wan: 1000 }], bounds: '[]' }, '/between', 'bad_bounds'],
    ['between with an empty exclusive range', { value: revenue, between: [{ wan: 5 }, { wan: 5 }], bounds: '[)' }, '/between', 'bad_bounds'],
    ['between without bounds', { value: revenue, between: [{ wan: 1 }, { wan: 5 }] }, '/bounds', 'bad_bounds'],
    ['bands out of order', { value: revenue, op: '>=', by: revenue, bands: [{ upTo: { wan: 5 }, inclusive: true, bound: { wan: 1 } }, { upTo: { wan: 2 }, inclusive: true, bound: { wan: 1 } }, { bound: { wan: 1 } }] }, '/bands/1/upTo', 'bad_bounds'],
    ['closed last band', { value: revenue, op: '>=', by: revenue, bands: [{ upTo: { wan: 5 }, inclusive: true, bound: { wan: 1 } }] }, '/bands/0', 'bad_bounds'],
    ['band without inclusivity', { value: revenue, op: '>=', by: revenue, bands: [{ upTo: { wan: 5 }, bound: { wan: 1 } }, { bound: { wan: 1 } }] }, '/bands/0/inclusive', 'bad_bounds'],
    ['band bound that is a fact', { value: revenue, op: '>=', by: revenue, bands: [{ bound: revenue }] }, '/bands/0/bound', 'not_constant'],
    ['inexact constant', { left: revenue, op: '>=', right: { yuan: '1.001' } }, '/right', 'bad_constant'],
    ['set on a numeric fact', { value: revenue, in: ['A'] }, '/value', 'unit_mismatch'],
    ['unknown size class', { value: { fact: 'size_class', period: { yearsAgo: 1 } }, in: ['tiny'] }, '/in/0', 'unknown_value'],
    ['is on a money fact', { value: revenue, is: true }, '/value', 'unit_mismatch'],
    ['ordering codes', { left: { fact: 'town' }, op: '>', right: { fact: 'town' } }, '', 'not_comparable'],
    ['bad section letter', { industry: { sections: ['Z'] } }, '/industry/sections/0', 'bad_industry_code'],
    ['bad division range', { industry: { divisionRanges: [['46', '06']] } }, '/industry/divisionRanges/0', 'bad_bounds'],
    ['unknown industry prefix', { industry: { prefixes: ['9999'] } }, '/industry/prefixes/0', 'bad_industry_code'],
    ['empty industry', { industry: {} }, '/industry', 'empty_group'],
    ['history of a money fact', { history: 'operating_revenue', test: 'entry', year: { year: 2020 } }, '/history', 'not_a_status'],
    ['heldConsecutive without years', { history: 'above_scale', test: 'heldConsecutive', year: { yearsAgo: 1 } }, '', 'missing_argument'],
    ['unknown certification', { certification: 'nobel', test: 'heldOn' }, '/certification', 'unknown_certification'],
    ['firstAwardedIn without year', { certification: 'high_tech', test: 'firstAwardedIn' }, '', 'missing_argument'],
    ['nested ratio', { left: { ratio: [{ ratio: [revenue, revenue] }, revenue] }, op: '>=', right: { percent: 1 } }, '/left/ratio/0', 'nested_ratio'],
    ['adding money and people', { left: { sum: [revenue, { people: 1 }] }, op: '>=', right: { wan: 1 } }, '/left', 'unit_mismatch'],
    ['unknown node', { every: [ok] }, '', 'invalid_node'],
    ['extra key', { left: revenue, op: '>=', right: { wan: 1 }, note: 'x' }, '', 'invalid_node'],
    ['bad operator', { left: revenue, op: '=>', right: { wan: 1 } }, '/op', 'invalid_node'],
    ['yearsSince of a non-date', { left: { yearsSince: { fact: 'town' } }, op: '>=', right: { years: 2 } }, '/left/yearsSince', 'unit_mismatch'],
  ])('%s', (_, rule, path, code) => {
    const problems = validate(rule);
    expect(problems).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('accepts a rule using every shape', () => {
    const rule = {
      all: [
        ok,
        { left: { ratio: [{ fact: 'rd_expense', period: { yearsAgo: 1 } }, revenue] }, op: '>=', right: { percent: 3 } },
        { left: { growth: { fact: 'operating_revenue', from: { yearsAgo: 2 }, to: { yearsAgo: 1 } } }, op: '>=', right: { percent: 15 } },
        { left: { change: { fact: 'industrial_output', from: { yearsAgo: 2 }, to: { yearsAgo: 1 } } }, op: '>=', right: { yi: 5 } },
        { left: { sum: [revenue, { fact: 'operating_revenue', period: { yearsAgo: 2 } }] }, op: '>=', right: { param: 'industry_above_scale_line' } },
        { value: { fact: 'employees', period: { latest: true } }, between: [{ people: 20 }, { people: 300 }], bounds: '[)' },
        { value: { ratio: [{ fact: 'rd_expense', period: { yearsAgo: 1 } }, revenue] }, op: '>=', by: revenue, bands: [{ upTo: { wan: 5000 }, inclusive: true, bound: { percent: 5 } }, { bound: { percent: 3 } }] },
        { value: { fact: 'town' }, in: ['桂溪街道'] },
        { value: { fact: 'tax_credit_grade', period: { yearsAgo: 1 } }, in: ['A', 'B'] },
        { not: { value: { fact: 'dishonest_debtor', period: { latest: true } }, is: true } },
        { not: { industry: { sections: ['K'], prefixes: ['7010'] } } },
        { history: 'above_scale', test: 'heldConsecutive', year: { yearsAgo: 1 }, years: 2 },
        { certification: 'high_tech', test: 'heldForYears', years: 3 },
        { left: { yearsSince: { fact: 'registered_on' } }, op: '<', right: { years: 3 } },
        { left: { fact: 'registered_on' }, op: '>=', right: { date: '2020-01-01' } },
        { atLeast: 1, of: [{ left: { fact: 'vat_paid_q', period: { quartersAgo: 1 } }, op: '>', right: { fen: 0 } }, { left: { fact: 'power_m', period: { monthsAgo: 1 } }, op: '>', right: { kwh: 0 } }] },
      ],
    };
    expect(validate(rule)).toEqual([]);
    // The JSON Schema accepts it too.
    expect(Schema.Compile(RuleSchema).Check(rule)).toBe(true);
  });
});

describe('the exported JSON Schema', () => {
  it('is a draft-07 document that validates rules and benefits', () => {
    expect(RULE_JSON_SCHEMA.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const check = Schema.Compile(RULE_JSON_SCHEMA as never);
    expect(check.Check({ eligibility: ok, benefit: { amount: { fixed: { wan: 10 } } } })).toBe(true);
    expect(check.Check({ eligibility: { left: revenue, op: '>=', right: { wan: 1 }, extra: 1 } })).toBe(false);
    expect(check.Check({ eligibility: ok, benefit: { amount: { fixed: { people: 1 } } } })).toBe(false);
  });
});

describe('validateParameters', () => {
  it('accepts the built-in parameters', () => {
    expect(validateParameters(BUILT_IN_PARAMETERS)).toEqual([]);
  });

  it('rejects a parameter whose unit changes between dates', () => {
    const problems = validateParameters([{ name: 'x', nameZh: 'x', nameEn: 'x', values: [{ from: '2020-01-01', value: { wan: 1 } }, { from: '2021-01-01', value: { people: 1 } }] }]);
    expect(problems).toContainEqual(expect.objectContaining({ path: '/0/values', code: 'unit_mismatch' }));
  });
});
