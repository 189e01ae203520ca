/**
 * fast-check generators for the registry constructs (certification levels, named industry sets,
 * legal-form facts): random rules that use them and random enterprises with holes, for the
 * scalar = vector agreement property (registry.test.ts).
 */
import fc from 'fast-check';
import type { CertificationRecord, EnterpriseFacts } from '../facts.ts';
import { BUILT_IN_INDUSTRY_SETS, LEGAL_FORM_FACTS } from '../registry.ts';
import type { RuleNode } from '../schema.ts';

const LEVELS = ['national', 'provincial', 'city', 'county'] as const;
const LEVELLED = ['enterprise_tech_center', 'pilot_demonstration'];
const TYPES = ['limited_company', 'joint_stock_company', 'individual_business', 'partnership', 'branch', 'cooperative', 'other'];
const INDUSTRIES = ['3011', '3453', '5211', 'F', 'C', '34', '2511', '3985', '7010', 'X99'];

const date = fc.record({ y: fc.integer({ min: 2016, max: 2026 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) });
const iso = ({ y, m, d }: { y: number; m: number; d: number }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const certificationRecord: fc.Arbitrary<CertificationRecord> = fc
  .record({
    code: fc.constantFrom(...LEVELLED, 'high_tech'),
    awarded: date,
    expires: fc.option(fc.integer({ min: 1, max: 4 })),
    isRenewal: fc.boolean(),
    level: fc.option(fc.constantFrom(...LEVELS)),
  })
  .map(({ code, awarded, expires, isRenewal, level }) => ({
    code,
    awardedOn: iso(awarded),
    expiresOn: expires === null ? null : iso({ ...awarded, y: awarded.y + expires }),
    isRenewal,
    level: code === 'high_tech' ? null : level,
  }));

export const registryEnterprise: fc.Arbitrary<Omit<EnterpriseFacts, 'id'>> = fc.record({
  attributes: fc.record({
    industry_code: fc.option(fc.constantFrom(...INDUSTRIES)),
    enterprise_type: fc.option(fc.constantFrom(...TYPES)),
    foreign_invested: fc.option(fc.boolean()),
  }),
  indicators: fc.constant({}),
  certifications: fc.option(fc.array(certificationRecord, { maxLength: 4 })),
});

const certificationNode: fc.Arbitrary<RuleNode> = fc
  .record({
    certification: fc.constantFrom(...LEVELLED),
    test: fc.constantFrom('heldOn', 'awardedIn', 'firstAwardedIn', 'renewedIn', 'heldForYears'),
    year: fc.integer({ min: 2017, max: 2025 }),
    years: fc.integer({ min: 1, max: 5 }),
    levels: fc.option(fc.subarray([...LEVELS], { minLength: 1 })),
  })
  .map(({ certification, test, year, years, levels }) => ({
    certification,
    test,
    ...(test === 'heldOn' || test === 'heldForYears' ? {} : { year: { year } }),
    ...(test === 'heldForYears' ? { years } : {}),
    ...(levels === null ? {} : { levels }),
  }) as RuleNode);

const industryNode: fc.Arbitrary<RuleNode> = fc
  .record({ set: fc.constantFrom(...BUILT_IN_INDUSTRY_SETS.map((s) => s.code)), extra: fc.option(fc.constantFrom('C', 'K')) })
  .map(({ set, extra }) => ({ industry: { set, ...(extra === null ? {} : { sections: [extra] }) } }) as RuleNode);

const legalFormNode: fc.Arbitrary<RuleNode> = fc
  .record({ fact: fc.constantFrom(...LEGAL_FORM_FACTS.map((f) => f.code)), is: fc.boolean() })
  .map(({ fact, is }) => ({ value: { fact }, is }) as RuleNode);

const leaf = fc.oneof(certificationNode, industryNode, legalFormNode);

/** Rules of registry leaves under all/any/not, two levels deep. */
export const registryRule: fc.Arbitrary<RuleNode> = fc.oneof(
  leaf,
  fc.array(leaf, { minLength: 1, maxLength: 3 }).map((all) => ({ all }) as RuleNode),
  fc.array(leaf, { minLength: 1, maxLength: 3 }).map((any) => ({ any }) as RuleNode),
  leaf.map((not) => ({ not }) as RuleNode),
);
