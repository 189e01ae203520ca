import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateBenefit, renderBenefit, validateBenefit } from './benefit.ts';
import { DEFAULT_CATALOGUE } from './catalogue.ts';
import { evaluateRule, evaluatePrepared } from './evaluate.ts';
import { explanationText, renderExpr } from './explain/render.ts';
import type { EnterpriseFacts } from './facts.ts';
import { prepareRule } from './prepare.ts';
import type { RecordRow } from './records.ts';
import type { Benefit, RuleNode } from './schema.ts';
import { validateRule } from './validate.ts';
import { buildCountyColumns } from './vector/columns.ts';
import { compilePrepared } from './vector/compile.ts';
import { OUTCOMES } from './vector/match.ts';
import { arbitraryRecordEnterprise, arbitraryRecordRule, RECORDS_EVALUATION_DATE } from './testing/records.generate.ts';

const DATE = '2026-06-30';
const graduatesHired = {
  records: 'employee',
  agg: 'count',
  within: { field: 'hired_on', period: { yearsAgo: 0 } },
  where: { all: [{ field: 'is_graduate', is: true }, { field: 'contract_months', op: '>=', value: 12 }] },
} as const;
const rule: RuleNode = { left: graduatesHired, op: '>=', right: { people: 2 }, clause: '本年度新招用高校毕业生（劳动合同≥12个月）2人以上' } as unknown as RuleNode;

const employee = (id: string, hired: string, graduate: boolean, months: number | null): RecordRow => ({
  id,
  values: { hired_on: hired, is_graduate: graduate, contract_months: months },
});
const firm = (records: EnterpriseFacts['records']): EnterpriseFacts => ({ id: 'e1', attributes: {}, indicators: {}, records });

describe('record aggregates', () => {
  it('count where: graduates hired this year on contracts of at least 12 months', () => {
    const facts = firm({
      employee: [
        employee('a', '2026-02-01', true, 36),
        employee('b', '2026-03-15', true, 12),
        employee('c', '2026-04-01', true, 6), // contract too short
        employee('d', '2025-12-31', true, 36), // hired last year
        employee('e', '2026-05-01', false, 36), // not a graduate
        employee('f', '2026-06-01', true, 24),
      ],
    });
    const result = evaluateRule(rule, facts, { evaluationDate: DATE });
    expect(result.outcome).toBe('eligible');
    const text = explanationText(rule, result);
    expect(text).toContain('3人 ≥ 2人');
    expect(text).toContain('符合条件的职工记录 3 条');
    const en = explanationText(rule, result, { locale: 'en-US' });
    expect(en).toContain('3 people');
    expect(en).toContain('3 qualifying employees records'.replace('employees records', 'employees record') + 's');
  });

  it('no records of the type is unknown (not 0); known but none qualifying is 0', () => {
    expect(evaluateRule(rule, firm(undefined), { evaluationDate: DATE }).outcome).toBe('unknown');
    const unknown = evaluateRule(rule, firm({ patent: [] }), { evaluationDate: DATE });
    expect(unknown.outcome).toBe('unknown');
    expect(unknown.missingFacts).toMatchObject([{ fact: 'records:employee', period: '2026' }]);
    expect(evaluateRule(rule, firm({ employee: [] }), { evaluationDate: DATE }).outcome).toBe('ineligible');
    // A record whose contract term is empty might qualify: unknown.
    expect(evaluateRule(rule, firm({ employee: [employee('a', '2026-02-01', true, 36), employee('b', '2026-02-01', true, null)] }), { evaluationDate: DATE }).outcome).toBe('unknown');
  });

  it('sum/min/max/avg over loans, usable anywhere a number is', () => {
    const loans = {
      loan: [
        { id: 'l1', values: { bank: '农行', amount: 500_000_000, rate_bp: 435, start_on: '2026-01-10', term_months: 12 } },
        { id: 'l2', values: { bank: '建行', amount: 300_000_000, rate_bp: 380, start_on: '2026-03-10', term_months: 24 } },
      ],
    };
    const total: RuleNode = { left: { records: 'loan', agg: 'sum', field: 'amount', within: { field: 'start_on', period: { yearsAgo: 0 } } }, op: '>=', right: { wan: 800 } } as RuleNode;
    expect(evaluateRule(total, firm(loans), { evaluationDate: DATE }).outcome).toBe('eligible');
    const avg: RuleNode = { left: { records: 'loan', agg: 'avg', field: 'rate_bp' }, op: '<', right: { bp: 408 } } as RuleNode;
    expect(evaluateRule(avg, firm(loans), { evaluationDate: DATE }).outcome).toBe('eligible'); // 407.5 bp
    const max: RuleNode = { left: { records: 'loan', agg: 'max', field: 'rate_bp', where: { field: 'bank', in: ['工行'] } }, op: '<=', right: { bp: 500 } } as RuleNode;
    expect(evaluateRule(max, firm(loans), { evaluationDate: DATE }).outcome).toBe('ineligible'); // no such loan: undefined
  });

  it('refuses unknown types, fields, wrong units and latest periods at save, with node paths', () => {
    const problems = (left: unknown) => validateRule({ left, op: '>=', right: { people: 1 } }, DEFAULT_CATALOGUE);
    expect(problems({ records: 'pets', agg: 'count' })[0]).toMatchObject({ path: '/left/records', code: 'unknown_fact' });
    expect(problems({ records: 'employee', agg: 'count', where: { field: 'shoe_size', op: '>', value: 1 } })[0]).toMatchObject({ path: '/left/where/field', code: 'unknown_fact' });
    expect(problems({ records: 'employee', agg: 'count', where: { field: 'is_graduate', op: '>', value: 1 } })[0]).toMatchObject({ code: 'not_comparable' });
    expect(problems({ records: 'employee', agg: 'count', within: { field: 'hired_on', period: { latest: true } } })[0]).toMatchObject({ path: '/left/within/period', code: 'period_not_allowed' });
    expect(problems({ records: 'patent', agg: 'count' })[0]).toMatchObject({ code: 'unit_mismatch' }); // a count of patents is not people
    expect(problems({ records: 'employee', agg: 'sum' })[0]).toMatchObject({ code: 'missing_argument' });
    expect(problems({ records: 'patent', agg: 'count', where: { field: 'kind', in: ['invention', 'plant'] } }).map((p) => p.path)).toContain('/left/where/in/1');
    expect(problems(graduatesHired)).toEqual([]);
  });

  it('renders the aggregate in Chinese and English', () => {
    expect(renderExpr(graduatesHired as never)).toBe('本年度入职的职工（高校毕业生，劳动合同期限≥12月）人数');
    expect(renderExpr(graduatesHired as never, { locale: 'en-US' })).toContain('number of employees');
  });
});

describe('benefits per qualifying record', () => {
  const patents = {
    patent: [
      { id: 'p1', values: { kind: 'invention', granted_on: '2026-01-05' } },
      { id: 'p2', values: { kind: 'invention', granted_on: '2026-02-05' } },
      { id: 'p3', values: { kind: 'utility', granted_on: '2026-02-05' } },
      { id: 'p4', values: { kind: 'invention', granted_on: '2025-02-05' } },
      { id: 'p5', values: { kind: 'invention', granted_on: '2026-03-05' } },
    ],
  };
  const perPatent: Benefit = {
    amount: {
      perRecord: { records: 'patent', where: { field: 'kind', in: ['invention'] }, within: { field: 'granted_on', period: { yearsAgo: 0 } } },
      each: { fixed: { wan: 1 } },
      maxRecords: 2,
      cap: { wan: 5 },
    },
  } as Benefit;

  it('pays a fixed sum per invention patent granted this year, at most N records', () => {
    expect(validateBenefit(perPatent)).toEqual([]);
    const estimate = estimateBenefit(perPatent, firm(patents), { evaluationDate: DATE });
    expect(estimate.amountFen).toBe(2_000_000);
    expect(estimate.formula.zh).toContain('3 条（按最多 2 条计）');
    expect(renderBenefit(perPatent)).toContain('最多 2 条');
    expect(estimateBenefit(perPatent, firm(undefined), { evaluationDate: DATE }).status).toBe('unknown');
  });

  it('interest subsidy per loan at the lower of its rate and a set rate, capped per loan and per enterprise', () => {
    const subsidy: Benefit = {
      amount: {
        perRecord: { records: 'loan', within: { field: 'start_on', period: { yearsAgo: 0 } } },
        each: { of: 'amount', rate: { min: [{ field: 'rate_bp' }, { bp: 400 }] }, months: 'term_months' },
        recordCap: { wan: 15 },
        cap: { wan: 25 },
      },
    } as Benefit;
    expect(validateBenefit(subsidy)).toEqual([]);
    const facts = firm({
      loan: [
        // 500万 × min(4.35%, 4%) × 12/12 = 20万 → capped 15万
        { id: 'l1', values: { bank: '农行', amount: 500_000_000, rate_bp: 435, start_on: '2026-01-10', term_months: 12 } },
        // 333.33万 × 3.8% × 7/12 = 73,888.83…元 → 7,388,883 fen (half up)
        { id: 'l2', values: { bank: '建行', amount: 333_330_000, rate_bp: 380, start_on: '2026-03-10', term_months: 7 } },
      ],
    });
    const estimate = estimateBenefit(subsidy, facts, { evaluationDate: DATE });
    // 15万 + 7,388,883 fen = 22,388,883 fen, under the 25万 cap
    expect(estimate.amountFen).toBe(15_000_000 + Math.round((333_330_000 * 380 * 7) / 120000));
    expect(estimate.formula.zh).toContain('封顶');
    const bad = { ...subsidy, amount: { ...(subsidy.amount as object), each: { of: 'bank', rate: { bp: 100 } } } } as Benefit;
    expect(validateBenefit(bad).map((p) => p.path)).toContain('/amount/each/of');
  });
});

describe('record aggregates: the vector engine agrees with the tree evaluator', () => {
  it('on random record rules × random enterprises', () => {
    fc.assert(
      fc.property(fc.array(arbitraryRecordEnterprise, { minLength: 1, maxLength: 25 }), fc.array(arbitraryRecordRule, { minLength: 1, maxLength: 5 }), (enterprises, rules) => {
        const facts = enterprises.map((e, i) => ({ ...e, id: `e${i}` }));
        const columns = buildCountyColumns(facts);
        for (const r of rules) {
          expect(validateRule(r)).toEqual([]);
          const prepared = prepareRule(r, { evaluationDate: RECORDS_EVALUATION_DATE });
          const vector = compilePrepared(prepared).run(columns);
          facts.forEach((f, i) => expect(OUTCOMES[vector[i]]).toBe(evaluatePrepared(prepared, f).outcome));
        }
      }),
      { numRuns: 300 },
    );
  });
});
