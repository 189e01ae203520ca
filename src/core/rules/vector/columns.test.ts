import { describe, expect, it } from 'vitest';
import { evaluateRule } from '../evaluate.ts';
import type { EnterpriseFacts } from '../facts.ts';
import { BUILT_IN_PARAMETERS } from '../params.ts';
import { prepareRule } from '../prepare.ts';
import type { RuleNode } from '../schema.ts';
import { TEST_CATALOGUE, TEST_EVALUATION_DATE, randomEnterprise, randomRule } from '../testing/generate.ts';
import { Prng } from '../../random/prng.ts';
import { buildCountyColumns, buildCountyColumnsFromRows, CountyColumnsBuilder, type CertificationRow, type IndicatorRow, type SizeClassRow } from './columns.ts';
import { compilePrepared, compileRule, MatchContext } from './compile.ts';
import { countOutcomes, matchCounty, OUTCOME_CODES, updateMatchRow } from './match.ts';

const options = { evaluationDate: TEST_EVALUATION_DATE, catalogue: TEST_CATALOGUE, params: BUILT_IN_PARAMETERS };

/** Flattens enterprise records into the rows the server reads from SQL. */
function toRows(enterprises: readonly EnterpriseFacts[]) {
  const indicators: IndicatorRow[] = [];
  const certifications: CertificationRow[] = [];
  const sizeClasses: SizeClassRow[] = [];
  for (const e of enterprises) {
    for (const [code, values] of Object.entries(e.indicators)) for (const [period, value] of Object.entries(values)) indicators.push({ enterprise_id: e.id!, code, period, value });
    for (const [year, size] of Object.entries(e.sizeClass ?? {})) sizeClasses.push({ enterprise_id: e.id!, year, size_class: size });
    for (const c of e.certifications ?? []) certifications.push({ enterprise_id: e.id!, code: c.code, awarded_on: c.awardedOn, expires_on: c.expiresOn, is_renewal: c.isRenewal });
  }
  return { enterprises: enterprises.map((e) => ({ id: e.id!, ...e.attributes })), indicators, certifications, sizeClasses };
}

describe('county columns', () => {
  it('types values like the scalar engine: missing masks, dictionaries, dates, certifications', () => {
    const columns = buildCountyColumns(
      [
        { id: 'a', attributes: { town: '澄溪镇', registered_on: '2020-05-01' }, indicators: { operating_revenue: { 2024: 5 }, tax_credit_grade: { 2024: 'A' } }, certifications: [] },
        { id: 'b', attributes: { town: '高峰镇' }, indicators: { operating_revenue: { 2023: 7 } }, certifications: [{ code: 'high_tech', awardedOn: '2022-01-01', expiresOn: null, isRenewal: false }] },
        { id: 'c', attributes: { town: '澄溪镇' }, indicators: {} },
      ],
      TEST_CATALOGUE,
    );
    expect(columns.size).toBe(3);
    expect(columns.ids).toEqual(['a', 'b', 'c']);
    expect(columns.columns.get('operating_revenue@2024')).toEqual({ kind: 'number', values: Float64Array.from([5, 0, 0]), missing: Uint8Array.from([0, 1, 1]) });
    expect(columns.columns.get('town')).toEqual({ kind: 'code', dictionary: ['澄溪镇', '高峰镇'], codes: Int32Array.from([0, 1, 0]) });
    expect(columns.columns.get('registered_on')).toMatchObject({ values: Float64Array.from([20200501, 0, 0]) });
    expect(columns.labels.get('operating_revenue')).toEqual(['2023', '2024']);
    expect(columns.certifications).toMatchObject({ known: Uint8Array.from([1, 1, 0]), offsets: Int32Array.from([0, 0, 1, 1]), dictionary: ['high_tech'], awardedOn: Int32Array.from([20220101]), expiresOn: Int32Array.from([0]) });
  });

  it('builds the same columns from SQL rows as from records, growing past its initial capacity', () => {
    const random = new Prng(5);
    const enterprises = Array.from({ length: 2500 }, (_, i) => ({ ...randomEnterprise(random, `e${i}`), certifications: randomEnterprise(random, 'x').certifications ?? [] }));
    const fromRecords = buildCountyColumns(enterprises, TEST_CATALOGUE);
    const progress: number[] = [];
    const fromRows = buildCountyColumnsFromRows({ ...toRows(enterprises), onProgress: (_, rows) => progress.push(rows), progressEvery: 1000 }, TEST_CATALOGUE);
    expect(progress.length).toBeGreaterThan(0);
    for (let r = 0; r < 40; r++) {
      const rule = compileRule(randomRule(random), options);
      expect(rule.run(fromRows)).toEqual(rule.run(fromRecords));
    }
  });

  it('refuses duplicate enterprise ids', () => {
    const builder = new CountyColumnsBuilder(TEST_CATALOGUE);
    builder.addEnterprise('a');
    expect(() => builder.addEnterprise('a')).toThrow(/twice/);
  });
});

describe('matching', () => {
  const rule: RuleNode = { left: { fact: 'operating_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 2000 } };
  const enterprise = (id: string, revenue?: number): EnterpriseFacts => ({ id, attributes: {}, indicators: revenue === undefined ? {} : { operating_revenue: { 2024: revenue } } });

  it('matches every rule over the county and counts outcomes', () => {
    const columns = buildCountyColumns([enterprise('a', 3e9), enterprise('b', 1e9), enterprise('c')], TEST_CATALOGUE);
    const [result] = matchCounty([compileRule(rule, options)], columns);
    expect([...result]).toEqual([1, 0, 2]);
    expect(countOutcomes(result)).toEqual({ eligible: 1, ineligible: 1, unknown: 1 });
  });

  it('re-matches one enterprise incrementally into the result columns', () => {
    const enterprises = [enterprise('a', 3e9), enterprise('b')];
    const columns = buildCountyColumns(enterprises, TEST_CATALOGUE);
    const prepared = [prepareRule(rule, options), prepareRule({ not: rule }, options)];
    const results = matchCounty(prepared.map(compilePrepared), columns);
    expect([results[0][1], results[1][1]]).toEqual([OUTCOME_CODES.unknown, OUTCOME_CODES.unknown]);
    // b reports its revenue: only its row changes.
    const outcomes = updateMatchRow(results, 1, prepared, enterprise('b', 2e9));
    expect(outcomes).toEqual(['eligible', 'ineligible']);
    expect([...results[0]]).toEqual([1, 1]);
    expect([...results[1]]).toEqual([0, 0]);
    expect(evaluateRule(rule, enterprise('b', 2e9), options).outcome).toBe('eligible');
  });

  it('rejects buffers of the wrong size', () => {
    const columns = buildCountyColumns([enterprise('a', 1)], TEST_CATALOGUE);
    expect(() => compileRule(rule, options).run(columns, new Uint8Array(2))).toThrow(/buffers/);
  });
});

describe('a match context reused across counties', () => {
  it('does not serve values memoised for other columns', () => {
    const rule: RuleNode = { all: [{ history: 'above_scale', test: 'entry', year: { year: 2024 } }, { left: { fact: 'employees', period: { latest: true } }, op: '>=', right: { people: 10 } }] };
    const county = (status: number, staff: number) =>
      buildCountyColumns([{ id: 'a', attributes: {}, indicators: { above_scale: { 2023: 0, 2024: status }, employees: { 2023: 1, 2024: staff } } }], TEST_CATALOGUE);
    const compiled = compileRule(rule, options);
    const context = new MatchContext(1);
    expect([...compiled.run(county(1, 20), undefined, context)]).toEqual([1]);
    expect([...compiled.run(county(0, 20), undefined, context)]).toEqual([0]);
    expect([...compiled.run(county(1, 5), undefined, context)]).toEqual([0]);
  });
});
