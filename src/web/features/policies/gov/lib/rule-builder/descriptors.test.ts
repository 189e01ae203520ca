import { describe, expect, it } from 'vitest';
import { Prng } from '../../../../../../core/random/prng.ts';
import { randomRule } from '../../../../../../core/rules/testing/generate.ts';
import { amountKindOf, benefitFromModel, benefitToModel, casesFromModel, casesToModel, coverageOf, fromBuilder, jsonEqual, toBuilder, type Json, type JsonObject } from './descriptors.ts';

/** One node of every construct of the rule language (src/core/rules/schema.ts), plus kinds it does not have yet. */
const FACT = { fact: 'main_revenue', period: { yearsAgo: 1 } };
const CONSTRUCTS: Record<string, Json> = {
  all: { all: [{ value: { fact: 'town' }, in: ['guixi'] }], clause: '同时满足' },
  allEmpty: { all: [] },
  any: { any: [{ value: { fact: 'is_above_scale', period: { year: 2025 } }, is: true }, { certification: 'high_tech', test: 'heldOn' }] },
  atLeast: { atLeast: 2, of: [{ certification: 'high_tech', test: 'heldOn' }, { certification: 'srdi', test: 'awardedIn', year: { yearsAgo: 1 } }, { history: 'above_scale', test: 'firstEntry', year: { yearsAgo: 1 } }], clause: '三项满足两项' },
  not: { not: { left: FACT, op: '<', right: { wan: 500 } }, clause: '不得低于500万元' },
  notIn: { not: { value: { fact: 'enterprise_type' }, in: ['state_owned', 'foreign'] } },
  notInWithClause: { not: { value: { fact: 'enterprise_type' }, in: ['x'] }, clause: '非国有' },
  compareWan: { left: FACT, op: '>=', right: { wan: 2000 }, clause: '2000万元以上' },
  compareYiString: { left: { fact: 'main_revenue', period: { year: 2024 } }, op: '>', right: { yi: '1.5' } },
  compareYuanFen: { left: { fact: 'registered_capital' }, op: '<=', right: { yuan: 100 } },
  compareFen: { left: FACT, op: '<', right: { fen: 1 } },
  comparePeople: { left: { fact: 'employees', period: { latest: true, maxAgo: 2 } }, op: '==', right: { people: 50 } },
  comparePercent: { left: { fact: 'rd_ratio', period: { quarter: '2025Q2' } }, op: '!=', right: { percent: 3 } },
  compareBp: { left: { fact: 'rd_ratio', period: { quartersAgo: 1 } }, op: '>=', right: { bp: 300 } },
  compareMonth: { left: { fact: 'electricity', period: { month: '2025-03' } }, op: '>=', right: { kwh: 1000 } },
  compareMonthsAgo: { left: { fact: 'electricity', period: { monthsAgo: 2 } }, op: '>=', right: { count: 3 } },
  growth: { left: { growth: { fact: 'main_revenue', from: { yearsAgo: 2 }, to: { yearsAgo: 1 } } }, op: '>=', right: { percent: '10.5' } },
  change: { left: { change: { fact: 'main_revenue', from: { yearsAgo: 2 }, to: { yearsAgo: 1 } } }, op: '>=', right: { wan: 1000 } },
  ratio: { left: { ratio: [{ fact: 'rd_expense', period: { yearsAgo: 1 } }, FACT] }, op: '>=', right: { percent: 3 } },
  sum: { left: { sum: [FACT, { fact: 'main_revenue', period: { yearsAgo: 2 } }] }, op: '>=', right: { param: 'line' } },
  yearsSince: { left: { yearsSince: { fact: 'registered_on' } }, op: '<', right: { years: 3 } },
  date: { left: { fact: 'registered_on' }, op: '>=', right: { date: '2020-01-01' } },
  between: { value: FACT, between: [{ wan: 500 }, { wan: 2000 }], bounds: '[)' },
  bands: { value: { fact: 'rd_ratio', period: { yearsAgo: 1 } }, op: '>=', by: FACT, bands: [{ upTo: { yi: 1 }, inclusive: false, bound: { percent: 5 } }, { bound: { percent: 3 } }] },
  in: { value: { fact: 'size_class', period: { yearsAgo: 1 } }, in: ['small', 'micro'], clause: '小微企业' },
  is: { value: { fact: 'is_above_scale', period: { yearsAgo: 0 } }, is: false },
  industry: { industry: { sections: ['C'], divisionRanges: [['06', '46']], prefixes: ['3453', '27'] }, clause: '工业' },
  historyConsecutive: { history: 'above_scale', test: 'heldConsecutive', year: { year: 2025 }, years: 3 },
  historyFirst: { history: 'above_scale', test: 'firstEntry', year: { yearsAgo: 1 }, since: 2011 },
  certification: { certification: 'high_tech', test: 'heldForYears', years: 2 },
  certificationLevels: { certification: 'tech_center', test: 'heldOn', levels: ['national', 'provincial', 'city'], clause: '市级以上企业技术中心' },
  industrySet: { industry: { set: 'wholesale_retail' } },
  industrySetAndPrefixes: { industry: { set: 'wholesale_retail', prefixes: ['27'] } },
  review: { review: '经营状况良好', clause: '经营状况良好' },
  reviewEn: { review: '符合产业方向', reviewEn: 'Fits the industrial direction' },
  recordsCountGraduates: {
    left: { records: 'employee', agg: 'count', within: { field: 'hired_on', period: { yearsAgo: 0 } }, where: { all: [{ field: 'is_graduate', is: true }, { field: 'contract_months', op: '>=', value: 12 }] }, label: '本年度新招用高校毕业生' },
    op: '>=',
    right: { people: 1 },
  },
  recordsSumLoans: { left: { records: 'loan', agg: 'sum', field: 'amount', where: { any: [{ field: 'bank', in: ['农行'] }, { not: { field: 'start_on', within: { year: 2024 } } }] } }, op: '>', right: { wan: 500 } },
  recordsAvg: { left: { records: 'plot', agg: 'avg', field: 'area_mu' }, op: '<', right: { count: 30 } },
  betweenPeople: { value: { fact: 'employees', period: { yearsAgo: 1 } }, between: [{ people: 20 }, { people: 300 }], bounds: '()', clause: '20至300人' },
  bandsAbove: { value: { fact: 'rd_ratio', period: { yearsAgo: 1 } }, op: '>', by: FACT, bands: [{ upTo: { wan: 5000 }, bound: { percent: 5 } }, { upTo: { yi: 2 }, inclusive: true, bound: { percent: 4 } }, { bound: { percent: 3 } }] },
  declaredYesNo: { declared: 'no_wage_arrears_2y', equals: true, clause: '近两年无拖欠工资' },
  declaredNumber: { declared: 'jobs_kept', op: '>=', value: 10 },
  declaredDate: { declared: 'move_in_date', op: '<=', value: '2026-12-31' },
  declaredChoice: { declared: 'site_kind', oneOf: ['owned', 'leased'] },
  // Kinds other branches add to the language: the builder does not know them and keeps them exactly.
  recordsCount: { count: { records: 'patents', where: { kind: 'invention' } }, op: '>=', right: { count: 2 } },
  reviewerJudged: { judged: 'reviewer', question: { zh: '项目是否符合产业导向', en: 'Does the project fit?' } },
  notAnObject: 42,
};

const roundTrip = (node: Json) => fromBuilder(toBuilder(node));

describe('rule builder descriptors', () => {
  it.each(Object.entries(CONSTRUCTS))('%s: builder → JSON gives the same JSON', (_, node) => {
    expect(jsonEqual(roundTrip(node), node)).toBe(true);
    expect(roundTrip(node)).toEqual(node);
  });

  it('recognises each construct by its kind, unknown kinds as opaque', () => {
    const kinds = Object.fromEntries(Object.entries(CONSTRUCTS).map(([name, node]) => [name, toBuilder(node).kind]));
    expect(kinds).toMatchObject({ all: 'all', any: 'any', atLeast: 'atLeast', not: 'not', notIn: 'notIn', notInWithClause: 'not', compareWan: 'compare', growth: 'compare', between: 'between', bands: 'bands', in: 'in', is: 'is', industry: 'industry', historyConsecutive: 'history', certification: 'certification', recordsCount: 'opaque', reviewerJudged: 'opaque', notAnObject: 'opaque', review: 'review', reviewEn: 'review', recordsCountGraduates: 'records', recordsSumLoans: 'records', recordsAvg: 'records', betweenPeople: 'between', bandsAbove: 'bands', industrySet: 'industry', certificationLevels: 'certification', declaredYesNo: 'declared', declaredNumber: 'declared', declaredDate: 'declared', declaredChoice: 'declared' });
  });

  it('nests: a group of every construct round-trips, and builder → JSON → builder gives the same tree', () => {
    const rule: Json = { all: [{ any: Object.values(CONSTRUCTS).slice(0, 12) }, { not: { all: Object.values(CONSTRUCTS).slice(12) } }], clause: '全部' };
    const tree = toBuilder(rule);
    expect(roundTrip(rule)).toEqual(rule);
    const strip = (n: ReturnType<typeof toBuilder>): unknown => ({ kind: n.kind, model: n.model, raw: n.raw, children: n.children?.map(strip) });
    expect(strip(toBuilder(fromBuilder(tree)))).toEqual(strip(tree));
    expect(coverageOf(tree).opaque).toBe(3);
  });

  it('a 不得 group given several children puts them under 同时满足', () => {
    const tree = toBuilder({ not: CONSTRUCTS.is });
    expect(tree.kind).toBe('not');
    tree.children!.push(toBuilder(CONSTRUCTS.in));
    expect(fromBuilder(tree)).toEqual({ not: { all: [CONSTRUCTS.is, CONSTRUCTS.in] } });
  });

  it('round-trips 2,000 random rules of the generator exactly', () => {
    const random = new Prng(20261210);
    for (let i = 0; i < 2000; i++) {
      const rule = randomRule(random, 4) as unknown as Json;
      expect(roundTrip(rule)).toEqual(rule);
    }
  });

  const BENEFITS: Record<string, Json> = {
    fixed: { amount: { fixed: { wan: 20 } }, clause: '奖励20万元' },
    fixedYuan: { amount: { fixed: { yuan: '5000.50' } } },
    tiers: { amount: { tiers: { by: FACT, steps: [{ atLeast: { yi: 5 }, amount: { wan: 50 } }, { above: { yi: 10 }, amount: { wan: 100 } }] } } },
    percentOf: { amount: { percentOf: { fact: 'equipment_investment', period: { yearsAgo: 1 } }, rate: { percent: 10 }, cap: { wan: 200 }, floor: { wan: 5 } } },
    perHead: { amount: { perHead: { yuan: 1000 }, count: { fact: 'new_employees', period: { yearsAgo: 1 } }, cap: { wan: 30 } } },
    installments: { amount: { installments: [{ wan: 10 }, { wan: 20 }, { wan: 30 }] }, firstYear: { yearsAgo: 0 } },
    split: { amount: { fixed: { wan: 100 } }, split: [40, 60] },
    upToExtraKey: { amount: { upTo: { wan: 50 }, judged: true } },
    upTo: { amount: { upTo: { wan: 50 } }, clause: '最高50万元' },
    none: { amount: { none: true }, clause: '认定为“专精特新”企业' },
    cases: { amount: { cases: [{ when: { all: [] }, amount: { fixed: { wan: 1 } } }] } },
    casesNested: {
      amount: {
        cases: [
          { when: { value: { fact: 'is_above_scale', period: { yearsAgo: 1 } }, is: true }, amount: { compute: { times: [{ yuan: 500 }, { fact: 'new_hires', period: { yearsAgo: 1 } }, { count: 6 }] }, round: { to: 'yuan', mode: 'down' }, cap: { wan: 20 } }, clause: '纳入限额以上统计的' },
          { when: { any: [{ review: '经营状况良好' }, { certification: 'high_tech', test: 'firstAwardedIn', year: { yearsAgo: 1 } }] }, amount: { upTo: { wan: 10 } } },
        ],
        otherwise: { tiers: { by: FACT, steps: [{ atLeast: { yi: 1 }, amount: { wan: 5 } }] } },
      },
    },
    casesOddCase: { amount: { cases: [{ when: { all: [] } }] } },
    computeMinMax: { amount: { compute: { min: [{ times: [{ fact: 'rent', period: { yearsAgo: 1 } }, { percent: 50 }] }, { divide: [{ wan: 100 }, { count: 3 }] }, { max: [{ yuan: 1 }, { fen: 2 }] }] }, floor: { yuan: 100 } } },
    perRecordFixed: { amount: { perRecord: { records: 'patent', where: { field: 'kind', in: ['invention'] }, within: { field: 'granted_on', period: { yearsAgo: 1 } } }, each: { fixed: { wan: 1 } }, maxRecords: 5, cap: { wan: 5 } } },
    perRecordRate: { amount: { perRecord: { records: 'loan', label: '贷款' }, each: { of: 'amount', rate: { min: [{ field: 'rate_bp' }, { bp: 345 }] }, months: 'term_months' }, recordCap: { wan: 15 } } },
    notAnObject: 'x',
  };

  it.each(Object.entries(BENEFITS))('benefit %s round-trips exactly', (_, benefit) => {
    expect(benefitFromModel(benefitToModel(benefit))).toEqual(benefit);
  });

  it('names the benefit kinds it edits, others opaque', () => {
    expect(Object.fromEntries(Object.entries(BENEFITS).map(([k, b]) => [k, benefitToModel(b).amountKind]))).toEqual({
      fixed: 'fixed', fixedYuan: 'fixed', tiers: 'tiers', percentOf: 'percentOf', perHead: 'perHead', installments: 'installments', split: 'fixed', upToExtraKey: 'opaque', upTo: 'upTo', none: 'none', cases: 'cases', casesNested: 'cases', casesOddCase: 'opaque', computeMinMax: 'compute', perRecordFixed: 'perRecord', perRecordRate: 'perRecord', notAnObject: 'opaque',
    });
  });

  it('按情形: each case’s condition goes through the rule builder and comes back exactly, nested amounts and clauses kept', () => {
    for (const name of ['cases', 'casesNested']) {
      const amount = (BENEFITS[name] as JsonObject).amount as JsonObject;
      const model = casesToModel(amount);
      expect(model.cases.every((c) => c.when.kind !== 'opaque')).toBe(true);
      expect(casesFromModel(model)).toEqual(amount);
      for (const c of model.cases) expect(amountKindOf(c.amount)).not.toBe('opaque');
    }
    // A case removed and one added in the builder: the JSON follows, the other cases untouched.
    const model = casesToModel((BENEFITS.casesNested as JsonObject).amount as JsonObject);
    const edited = casesFromModel({ ...model, cases: [model.cases[1], { when: toBuilder({ all: [] }), amount: { fixed: { wan: 1 } }, rest: {} }] });
    expect(edited).toEqual({ cases: [((BENEFITS.casesNested as JsonObject).amount as JsonObject & { cases: Json[] }).cases[1], { when: { all: [] }, amount: { fixed: { wan: 1 } } }], otherwise: (((BENEFITS.casesNested as JsonObject).amount) as JsonObject).otherwise });
  });

  it('jsonEqual ignores key order only', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined } as never)).toBe(false);
  });
});
