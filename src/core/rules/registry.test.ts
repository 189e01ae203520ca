import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFactCatalogue } from './catalogue.ts';
import { evaluatePrepared, evaluateRule } from './evaluate.ts';
import { explanationText, renderRuleText } from './explain/render.ts';
import { prepareRule } from './prepare.ts';
import { BUILT_IN_INDUSTRY_SETS, legalFormFacts } from './registry.ts';
import type { RuleNode } from './schema.ts';
import { registryEnterprise, registryRule } from './testing/generate-registry.ts';
import { validateRule } from './validate.ts';
import { buildCountyColumns } from './vector/columns.ts';
import { compilePrepared } from './vector/compile.ts';
import { OUTCOMES } from './vector/match.ts';
import type { EnterpriseFacts } from './facts.ts';

const DATE = '2025-06-30';
const catalogue = buildFactCatalogue();

function firm(partial: Partial<EnterpriseFacts> & { attributes?: EnterpriseFacts['attributes'] }): EnterpriseFacts {
  return { id: 'e', indicators: {}, ...partial, attributes: partial.attributes ?? {} };
}

describe('certification levels', () => {
  const cityOrAbove: RuleNode = { certification: 'enterprise_tech_center', test: 'heldOn', levels: ['national', 'provincial', 'city'] };

  it('counts only awards at the listed levels', () => {
    const county = firm({ certifications: [{ code: 'enterprise_tech_center', awardedOn: '2022-03-01', expiresOn: null, isRenewal: false, level: 'county' }] });
    const city = firm({ certifications: [{ code: 'enterprise_tech_center', awardedOn: '2022-03-01', expiresOn: null, isRenewal: false, level: 'city' }] });
    expect(evaluateRule(cityOrAbove, county, { evaluationDate: DATE }).outcome).toBe('ineligible');
    expect(evaluateRule(cityOrAbove, city, { evaluationDate: DATE }).outcome).toBe('eligible');
    // Without levels any award counts.
    expect(evaluateRule({ certification: 'enterprise_tech_center', test: 'heldOn' }, county, { evaluationDate: DATE }).outcome).toBe('eligible');
  });

  it('refuses levels a type is not awarded at, and unknown types, with the node path', () => {
    expect(validateRule({ all: [{ certification: 'high_tech', test: 'heldOn', levels: ['city'] }] }, catalogue)).toEqual([
      expect.objectContaining({ path: '/all/0/levels/0', code: 'unknown_level' }),
    ]);
    expect(validateRule({ certification: 'enterprise_tech_center', test: 'heldOn', levels: ['township'] }, catalogue)[0]).toMatchObject({ path: '/levels/0', code: 'unknown_level' });
    expect(validateRule({ certification: 'green_factory', test: 'heldOn' }, catalogue)[0]).toMatchObject({ path: '/certification', code: 'unknown_certification' });
  });

  it('validates against the registry it is given: a type an administrator added is accepted', () => {
    const withGreen = buildFactCatalogue(undefined, {
      certifications: [{ code: 'green_factory', nameZh: '绿色工厂', nameEn: 'Green factory', levels: ['national', 'provincial'] }],
    });
    expect(validateRule({ certification: 'green_factory', test: 'heldOn', levels: ['national'] }, withGreen)).toEqual([]);
    expect(validateRule({ certification: 'high_tech', test: 'heldOn' }, withGreen)[0]?.code).toBe('unknown_certification');
  });

  it('says the level in zh and en', () => {
    expect(renderRuleText(cityOrAbove, { catalogue, locale: 'zh-CN' })).toContain('国家级、省级、市级企业技术中心');
    expect(renderRuleText(cityOrAbove, { catalogue, locale: 'en-US' })).toContain('national, provincial or city level');
    const result = evaluateRule(cityOrAbove, firm({ certifications: [{ code: 'enterprise_tech_center', awardedOn: '2022-03-01', expiresOn: null, isRenewal: false, level: 'county' }] }), { evaluationDate: DATE });
    expect(explanationText(cityOrAbove, result, { catalogue, locale: 'zh-CN' })).toContain('县级2022-03-01');
  });
});

describe('named industry sets', () => {
  it('matches the codes of the set, and refuses an unknown set at its path', () => {
    const rule: RuleNode = { not: { industry: { set: 'guidance_catalogue_eliminated' } } };
    expect(validateRule(rule, catalogue)).toEqual([]);
    expect(evaluateRule(rule, firm({ attributes: { industry_code: '3110' } }), { evaluationDate: DATE }).outcome).toBe('ineligible');
    expect(evaluateRule(rule, firm({ attributes: { industry_code: '3453' } }), { evaluationDate: DATE }).outcome).toBe('eligible');
    expect(evaluateRule({ industry: { set: 'wholesale_retail' } }, firm({ attributes: { industry_code: '5211' } }), { evaluationDate: DATE }).outcome).toBe('eligible');
    expect(validateRule({ any: [{ industry: { set: 'nope' } }] }, catalogue)).toEqual([expect.objectContaining({ path: '/any/0/industry/set', code: 'unknown_industry_set' })]);
  });

  it('uses the rows of the registry: an edited set changes who matches', () => {
    const edited = buildFactCatalogue(undefined, { industrySets: [{ ...BUILT_IN_INDUSTRY_SETS[0], criteria: { prefixes: ['5211'] } }] });
    const rule: RuleNode = { industry: { set: 'wholesale_retail' } };
    expect(evaluateRule(rule, firm({ attributes: { industry_code: '5121' } }), { evaluationDate: DATE, catalogue: edited }).outcome).toBe('ineligible');
    expect(evaluateRule(rule, firm({ attributes: { industry_code: '5121' } }), { evaluationDate: DATE }).outcome).toBe('eligible');
  });

  it('names the set in the rule text', () => {
    expect(renderRuleText({ industry: { set: 'wholesale_retail' } }, { catalogue, locale: 'zh-CN' })).toBe('所属行业属于：“批发和零售业”');
    expect(renderRuleText({ industry: { set: 'wholesale_retail' } }, { catalogue, locale: 'en-US' })).toContain('Wholesale and retail trade');
  });
});

describe('legal-form facts', () => {
  it('derive from the enterprise type; foreign investment is recorded', () => {
    expect(legalFormFacts({ enterprise_type: 'branch' })).toEqual({ independent_legal_person: false, enterprise_legal_person: false, is_branch: true, foreign_invested: null });
    expect(legalFormFacts({ enterprise_type: 'cooperative', foreign_invested: false })).toMatchObject({ independent_legal_person: true, enterprise_legal_person: false });
    expect(legalFormFacts({ enterprise_type: 'other' }).independent_legal_person).toBeNull();
  });

  it('are rule facts: unknown type → unknown, asking for the fact', () => {
    const rule: RuleNode = { all: [{ value: { fact: 'independent_legal_person' }, is: true }, { value: { fact: 'is_branch' }, is: false }] };
    expect(validateRule(rule, catalogue)).toEqual([]);
    expect(evaluateRule(rule, firm({ attributes: { enterprise_type: 'limited_company' } }), { evaluationDate: DATE }).outcome).toBe('eligible');
    expect(evaluateRule(rule, firm({ attributes: { enterprise_type: 'branch' } }), { evaluationDate: DATE }).outcome).toBe('ineligible');
    const unknown = evaluateRule(rule, firm({ attributes: {} }), { evaluationDate: DATE });
    expect(unknown.outcome).toBe('unknown');
    expect(unknown.missingFacts.map((f) => f.fact)).toContain('independent_legal_person');
  });
});

describe('scalar and vector engines agree on registry constructs (fast-check)', () => {
  it('for random rules × random enterprises', () => {
    fc.assert(
      fc.property(registryRule, fc.array(registryEnterprise, { minLength: 1, maxLength: 12 }), (rule, enterprises) => {
        expect(validateRule(rule, catalogue)).toEqual([]);
        const facts = enterprises.map((e, i) => ({ ...e, id: `e${i}` }));
        const prepared = prepareRule(rule, { evaluationDate: DATE, catalogue });
        const vector = compilePrepared(prepared).run(buildCountyColumns(facts, catalogue));
        facts.forEach((f, i) => expect(OUTCOMES[vector[i]]).toBe(evaluatePrepared(prepared, f).outcome));
      }),
      { numRuns: 400 },
    );
  });
});
