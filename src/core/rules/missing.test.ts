import { describe, expect, it } from 'vitest';
import { evaluateRule } from './evaluate.ts';
import type { EnterpriseFacts } from './facts.ts';
import { nextQuestion, rankMissingFacts } from './missing.ts';
import type { RuleNode } from './schema.ts';

const DATE = '2025-06-30';
const evaluate = (rule: RuleNode, facts: EnterpriseFacts) => evaluateRule(rule, facts, { evaluationDate: DATE });
const empty: EnterpriseFacts = { attributes: {}, indicators: {} };
const revenue: RuleNode = { left: { fact: 'operating_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 1000 } };
const rdShare: RuleNode = {
  left: { ratio: [{ fact: 'rd_expense', period: { yearsAgo: 1 } }, { fact: 'main_revenue', period: { yearsAgo: 1 } }] },
  op: '>=',
  right: { percent: 3 },
};
const town: RuleNode = { value: { fact: 'town' }, in: ['澄溪镇'] };

describe('missing facts of one rule', () => {
  it('lists every fact of the open clauses, those that can settle the rule alone first', () => {
    const result = evaluate({ all: [rdShare, revenue] }, empty);
    expect(result.outcome).toBe('unknown');
    expect(result.missingFacts).toEqual([
      { fact: 'operating_revenue', period: '2024', canSettle: true, occurrences: 1 },
      { fact: 'rd_expense', period: '2024', canSettle: false, occurrences: 1 },
      { fact: 'main_revenue', period: '2024', canSettle: false, occurrences: 1 },
    ]);
  });

  it('ignores clauses that no longer matter', () => {
    // any(true, unknown) is decided; all(false, unknown) too.
    expect(evaluate({ any: [town, revenue] }, { ...empty, attributes: { town: '澄溪镇' } }).missingFacts).toEqual([]);
    const open = evaluate({ any: [{ all: [town, revenue] }, rdShare] }, { ...empty, attributes: { town: '高峰镇' } });
    expect(open.missingFacts.map((f) => f.fact)).toEqual(['rd_expense', 'main_revenue']);
  });

  it('ranks a fact read by several open clauses higher', () => {
    const twice: RuleNode = { all: [town, revenue, { left: { fact: 'operating_revenue', period: { yearsAgo: 1 } }, op: '<', right: { wan: 5000 } }] };
    const result = evaluate(twice, empty);
    expect(result.missingFacts[0]).toEqual({ fact: 'operating_revenue', period: '2024', canSettle: true, occurrences: 2 });
  });

  it('marks a single history year as decisive when it can break the pattern', () => {
    const result = evaluate({ history: 'above_scale', test: 'firstEntry', year: { year: 2020 }, since: 2018 }, { ...empty, indicators: { above_scale: { 2020: 1 } } });
    expect(result.missingFacts).toEqual([
      { fact: 'above_scale', period: '2018', canSettle: true, occurrences: 1 },
      { fact: 'above_scale', period: '2019', canSettle: true, occurrences: 1 },
    ]);
  });
});

describe('the next question across policies', () => {
  it('asks first for the fact that settles the most open results', () => {
    const policies: Record<string, RuleNode> = {
      p1: { all: [revenue, rdShare] },
      p2: { all: [town, revenue] },
      p3: { any: [revenue, rdShare] },
      p4: rdShare,
      p5: town,
    };
    const results = Object.entries(policies).map(([id, rule]) => ({ id, ...evaluate(rule, empty) }));
    const ranking = rankMissingFacts(results);
    expect(ranking[0]).toEqual({ fact: 'operating_revenue', period: '2024', settles: 3, neededBy: 3, ids: ['p1', 'p2', 'p3'] });
    expect(ranking.find((f) => f.fact === 'town')).toMatchObject({ settles: 2, neededBy: 2 });
    expect(ranking.find((f) => f.fact === 'rd_expense')).toMatchObject({ settles: 0, neededBy: 3 });
    expect(nextQuestion(results)?.fact).toBe('operating_revenue');
  });

  it('has no question when everything is decided', () => {
    expect(nextQuestion([{ outcome: 'eligible', missingFacts: [] }])).toBeNull();
  });
});
