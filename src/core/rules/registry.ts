/**
 * Registry data the rule language reads instead of compiled-in lists (issue 12 item 8):
 *
 * - certification types (高新技术企业, 专精特新 …, 企业技术中心 at national/provincial/city/county
 *   level): rows an administrator adds; a `certification` node names one and may test its level;
 * - named industry sets (产业结构调整指导目录 淘汰类/限制类 as the county maps them to GB/T 4754
 *   codes, a city's priority industries, 批发和零售业): `{"industry": {"set": "…"}}` in a rule;
 * - legal-form facts (独立法人, 企业法人, 分支机构 derived from the registered enterprise type;
 *   外商投资 from the enterprise record), read like any other attribute fact.
 *
 * The built-in rows below seed the database tables `certification_types` and `industry_sets`; the
 * engines take the database's rows (see catalogue.ts, `buildFactCatalogue` options).
 */
import type { FactDefinition } from './catalogue.ts';
import type { EnterpriseAttributes } from './facts.ts';
import type { IndustryCriteria } from './industry.ts';

export {
  BUILT_IN_CERTIFICATION_TYPES,
  CERTIFICATION_LEVEL_NAMES,
  CERTIFICATION_LEVELS,
  levelIndex,
  levelMask,
  type CertificationLevel,
  type CertificationTypeDefinition,
} from '../profile/certification-types.ts';

// ---------------------------------------------------------------------------------------------
// Named industry sets
// ---------------------------------------------------------------------------------------------

export interface IndustrySetDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Where the set comes from (文号), shown with the rule. */
  sourceZh: string;
  criteria: IndustryCriteria;
}

export const BUILT_IN_INDUSTRY_SETS: readonly IndustrySetDefinition[] = [
  {
    code: 'wholesale_retail',
    nameZh: '批发和零售业',
    nameEn: 'Wholesale and retail trade',
    sourceZh: 'GB/T 4754-2017 门类F',
    criteria: { sections: ['F'] },
  },
  {
    code: 'guidance_catalogue_eliminated',
    nameZh: '产业结构调整指导目录（2024年本）淘汰类（本县行业对照）',
    nameEn: 'Industrial restructuring catalogue 2024, eliminated category (county mapping)',
    sourceZh: '国家发展改革委令第7号（2023年），本县按GB/T 4754-2017对照',
    // The catalogue lists processes and products; the county maps the lines present in the county to
    // the classes they fall in. This mapping is the county's decision, reviewed with the catalogue.
    criteria: { prefixes: ['2511', '3041', '3110', '2221'] },
  },
  {
    code: 'guidance_catalogue_restricted',
    nameZh: '产业结构调整指导目录（2024年本）限制类（本县行业对照）',
    nameEn: 'Industrial restructuring catalogue 2024, restricted category (county mapping)',
    sourceZh: '国家发展改革委令第7号（2023年），本县按GB/T 4754-2017对照',
    criteria: { prefixes: ['3011', '3120', '2619', '3216'] },
  },
  {
    code: 'city_priority_industries',
    nameZh: '市重点产业（装备制造、新材料、电子信息）',
    nameEn: 'City priority industries (equipment, new materials, electronics)',
    sourceZh: '市重点产业链目录（示例）',
    criteria: { divisionRanges: [['34', '35'], ['38', '40']], prefixes: ['2651', '3985'] },
  },
];

// ---------------------------------------------------------------------------------------------
// Legal-form facts
// ---------------------------------------------------------------------------------------------

export const LEGAL_FORM_FACTS: readonly FactDefinition[] = [
  { code: 'independent_legal_person', nameZh: '独立法人', nameEn: 'Independent legal person', unit: 'boolean', periodicity: null, origin: 'attribute' },
  { code: 'enterprise_legal_person', nameZh: '企业法人', nameEn: 'Enterprise legal person', unit: 'boolean', periodicity: null, origin: 'attribute' },
  { code: 'is_branch', nameZh: '分支机构', nameEn: 'Branch', unit: 'boolean', periodicity: null, origin: 'attribute' },
  { code: 'foreign_invested', nameZh: '外商投资企业', nameEn: 'Foreign-invested enterprise', unit: 'boolean', periodicity: null, origin: 'attribute' },
];

const LEGAL_FORM_CODES = new Set(LEGAL_FORM_FACTS.map((f) => f.code));

/** Whether a fact code is a legal-form fact (derived from the enterprise record). */
export function isLegalFormFact(code: string): boolean {
  return LEGAL_FORM_CODES.has(code);
}

/**
 * Legal form by registered enterprise type (市场主体登记): companies are enterprise legal persons;
 * a farmers' cooperative is a legal person but not an enterprise legal person (民法典 第九十九条,
 * 特别法人); individual businesses, partnerships and sole proprietorships are not legal persons; a
 * branch (分公司) is neither. 'other' and unknown types leave the facts unknown.
 */
const BY_TYPE: Readonly<Record<string, { independent: boolean; enterprise: boolean; branch: boolean }>> = {
  limited_company: { independent: true, enterprise: true, branch: false },
  joint_stock_company: { independent: true, enterprise: true, branch: false },
  cooperative: { independent: true, enterprise: false, branch: false },
  individual_business: { independent: false, enterprise: false, branch: false },
  partnership: { independent: false, enterprise: false, branch: false },
  sole_proprietorship: { independent: false, enterprise: false, branch: false },
  branch: { independent: false, enterprise: false, branch: true },
};

/** The legal-form facts of an enterprise record; null where unknown. */
export function legalFormFacts(attributes: EnterpriseAttributes): Record<string, boolean | null> {
  const byType = attributes.enterprise_type ? BY_TYPE[attributes.enterprise_type] : undefined;
  return {
    independent_legal_person: byType ? byType.independent : null,
    enterprise_legal_person: byType ? byType.enterprise : null,
    is_branch: byType ? byType.branch : null,
    foreign_invested: attributes.foreign_invested ?? null,
  };
}
