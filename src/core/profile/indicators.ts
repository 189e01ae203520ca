/**
 * The indicator registry: the time-series facts the platform knows about an enterprise.
 *
 * The set of indicators is data. This file is the built-in catalogue that the database table
 * `indicators` is seeded from; a data admin may add more rows there. Engines (size class, rules,
 * credit) take a catalogue as input and never assume a column exists.
 *
 * Values are integers so that money stays exact: money in fen, people as counts, ratios in basis
 * points, booleans as 0/1, energy in kWh. Grades and codes are text.
 */

import { BUILT_IN_CERTIFICATION_TYPES } from './certification-types.ts';

/** How a value is measured. Comparing two facts of different units is a rule error. */
export type IndicatorUnit =
  | 'fen' // money, integer fen
  | 'person' // head count
  | 'bp' // ratio, basis points (10000 = 100%)
  | 'count' // a count of things (patents, penalties)
  | 'kwh' // electricity
  | 'area' // land or floor area, 1/10000 ㎡ (rules/measures.ts; 1亩 = 666.67㎡)
  | 'kg' // weight
  | 'kgce' // energy in kg of standard coal (吨标准煤 × 1000)
  | 'boolean' // 0 or 1
  | 'grade'; // a letter grade such as the tax credit grade (text)

export type Periodicity = 'year' | 'quarter' | 'month';

/** Where a fact came from. The order is the default precedence when two sources disagree. */
export const SOURCES = [
  'statistics', // 统计局
  'tax', // 税务
  'social_insurance', // 人社 社保
  'market_regulation', // 市场监管
  'electricity', // 供电公司
  'ip_office', // 知识产权
  'credit', // 法院/信用中国
  'bank', // 银行
  'industrial_internet', // 工业互联网
  'public_resources', // 公共资源交易中心 (government procurement)
  'utilities', // 水务、燃气公司
  'self_reported', // 企业自报
] as const;
export type Source = (typeof SOURCES)[number];

export const SOURCE_NAMES: Record<Source, { zh: string; en: string }> = {
  statistics: { zh: '统计局', en: 'Statistics bureau' },
  tax: { zh: '税务局', en: 'Tax bureau' },
  social_insurance: { zh: '人力社保局', en: 'Social insurance' },
  market_regulation: { zh: '市场监管局', en: 'Market regulation' },
  electricity: { zh: '供电公司', en: 'Power utility' },
  ip_office: { zh: '知识产权局', en: 'IP office' },
  credit: { zh: '法院/信用中国', en: 'Courts / credit registry' },
  bank: { zh: '银行', en: 'Bank' },
  industrial_internet: { zh: '工业互联网平台', en: 'Industrial internet' },
  public_resources: { zh: '公共资源交易中心', en: 'Public resources trading centre' },
  utilities: { zh: '水务燃气公司', en: 'Water and gas utilities' },
  self_reported: { zh: '企业自报', en: 'Self-reported' },
};

/**
 * Data categories an enterprise authorises separately (数据授权): a bank may see tax data without
 * seeing staff numbers. Registry facts (name, code, address …) come with any consent.
 */
export const DATA_CATEGORIES = ['operations', 'tax', 'employment', 'innovation', 'energy', 'trade', 'compliance'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const DATA_CATEGORY_NAMES: Record<DataCategory, { zh: string; en: string }> = {
  operations: { zh: '经营财务', en: 'Operations and finance' },
  tax: { zh: '纳税信息', en: 'Tax' },
  employment: { zh: '用工社保', en: 'Employment and social insurance' },
  innovation: { zh: '科技创新', en: 'Innovation' },
  energy: { zh: '用电用能', en: 'Energy use' },
  trade: { zh: '进出口', en: 'Foreign trade' },
  compliance: { zh: '信用合规', en: 'Credit and compliance' },
};

export interface IndicatorDefinition {
  /** Stable machine name, used in rules and imports. */
  code: string;
  /** The consent category that covers it. */
  category: DataCategory;
  nameZh: string;
  nameEn: string;
  unit: IndicatorUnit;
  periodicity: Periodicity;
  /** Whether values of successive periods add up (flows: revenue) or not (stocks: assets, grades). */
  isFlow: boolean;
  /** Sources expected to provide it; the first is the authority. */
  sources: readonly Source[];
  /** Counts towards profile completeness. */
  isKey: boolean;
  /** For grade indicators: the allowed values, best first. */
  grades?: readonly string[];
}

const d = (def: IndicatorDefinition): IndicatorDefinition => def;

export const BUILT_IN_INDICATORS: readonly IndicatorDefinition[] = [
  d({ code: 'operating_revenue', category: 'operations', nameZh: '营业收入', nameEn: 'Operating revenue', unit: 'fen', periodicity: 'year', isFlow: true, sources: ['statistics', 'tax', 'self_reported'], isKey: true }),
  d({ code: 'main_revenue', category: 'operations', nameZh: '主营业务收入', nameEn: 'Main-business revenue', unit: 'fen', periodicity: 'year', isFlow: true, sources: ['statistics', 'tax', 'self_reported'], isKey: true }),
  d({ code: 'total_assets', category: 'operations', nameZh: '资产总额', nameEn: 'Total assets', unit: 'fen', periodicity: 'year', isFlow: false, sources: ['statistics', 'tax', 'self_reported'], isKey: true }),
  d({ code: 'employees', category: 'employment', nameZh: '从业人员期末人数', nameEn: 'Employees (period end)', unit: 'person', periodicity: 'year', isFlow: false, sources: ['statistics', 'social_insurance', 'self_reported'], isKey: true }),
  d({ code: 'employees_avg', category: 'employment', nameZh: '从业人员平均人数', nameEn: 'Employees (annual average)', unit: 'person', periodicity: 'year', isFlow: false, sources: ['statistics', 'self_reported'], isKey: false }),
  d({ code: 'insured_employees', category: 'employment', nameZh: '参保职工人数', nameEn: 'Insured employees', unit: 'person', periodicity: 'year', isFlow: false, sources: ['social_insurance'], isKey: true }),
  d({ code: 'new_hires', category: 'employment', nameZh: '新招用职工人数', nameEn: 'New hires', unit: 'person', periodicity: 'year', isFlow: true, sources: ['social_insurance', 'self_reported'], isKey: false }),
  d({ code: 'tax_paid', category: 'tax', nameZh: '纳税总额', nameEn: 'Tax paid', unit: 'fen', periodicity: 'year', isFlow: true, sources: ['tax'], isKey: true }),
  d({ code: 'taxable_income', category: 'tax', nameZh: '应纳税所得额', nameEn: 'Taxable income', unit: 'fen', periodicity: 'year', isFlow: true, sources: ['tax'], isKey: false }),
  d({ code: 'tax_credit_grade', category: 'tax', nameZh: '纳税信用等级', nameEn: 'Tax credit grade', unit: 'grade', periodicity: 'year', isFlow: false, sources: ['tax'], isKey: true, grades: ['A', 'B', 'M', 'C', 'D'] }),
  d({ code: 'rd_expense', category: 'innovation', nameZh: '研发费用', nameEn: 'R&D expense', unit: 'fen', periodicity: 'year', isFlow: true, sources: ['tax', 'statistics', 'self_reported'], isKey: true }),
  d({ code: 'science_staff', category: 'innovation', nameZh: '科技人员数', nameEn: 'Science and technology staff', unit: 'person', periodicity: 'year', isFlow: false, sources: ['statistics', 'self_reported'], isKey: false }),
  d({ code: 'invention_patents', category: 'innovation', nameZh: '有效发明专利数', nameEn: 'Invention patents in force', unit: 'count', periodicity: 'year', isFlow: false, sources: ['ip_office'], isKey: false }),
  d({ code: 'utility_patents', category: 'innovation', nameZh: '有效实用新型专利数', nameEn: 'Utility-model patents in force', unit: 'count', periodicity: 'year', isFlow: false, sources: ['ip_office'], isKey: false }),
  d({ code: 'electricity_kwh', category: 'energy', nameZh: '用电量', nameEn: 'Electricity use', unit: 'kwh', periodicity: 'year', isFlow: true, sources: ['electricity'], isKey: true }),
  d({ code: 'industrial_output', category: 'operations', nameZh: '工业总产值', nameEn: 'Gross industrial output', unit: 'fen', periodicity: 'year', isFlow: true, sources: ['statistics'], isKey: false }),
  d({ code: 'exports', category: 'trade', nameZh: '出口额', nameEn: 'Exports', unit: 'fen', periodicity: 'year', isFlow: true, sources: ['tax', 'statistics'], isKey: false }),
  d({ code: 'export_refunds', category: 'trade', nameZh: '出口退税额', nameEn: 'Export tax refunds', unit: 'fen', periodicity: 'year', isFlow: true, sources: ['tax'], isKey: false }),
  d({ code: 'admin_penalties', category: 'compliance', nameZh: '行政处罚次数', nameEn: 'Administrative penalties', unit: 'count', periodicity: 'year', isFlow: true, sources: ['market_regulation', 'credit'], isKey: false }),
  d({ code: 'major_admin_penalty', category: 'compliance', nameZh: '重大行政处罚', nameEn: 'Major administrative penalty', unit: 'boolean', periodicity: 'year', isFlow: false, sources: ['market_regulation', 'credit'], isKey: false }),
  d({ code: 'dishonest_debtor', category: 'compliance', nameZh: '失信被执行人', nameEn: 'Dishonest judgment debtor', unit: 'boolean', periodicity: 'year', isFlow: false, sources: ['credit'], isKey: true }),
  d({ code: 'above_scale', category: 'operations', nameZh: '纳入规上（四上）统计', nameEn: 'In above-scale statistics', unit: 'boolean', periodicity: 'year', isFlow: false, sources: ['statistics'], isKey: false }),
  d({ code: 'construction_qualification', category: 'compliance', nameZh: '建筑业资质', nameEn: 'Construction contracting qualification', unit: 'boolean', periodicity: 'year', isFlow: false, sources: ['market_regulation'], isKey: false }),
  // Credit facts (数字普惠金融, issue 8): the obligations an enterprise kept or broke, for the credit assessment.
  d({ code: 'tax_arrears', category: 'tax', nameZh: '欠缴税款', nameEn: 'Tax arrears', unit: 'fen', periodicity: 'year', isFlow: false, sources: ['tax'], isKey: false }),
  d({ code: 'loan_overdue_count', category: 'compliance', nameZh: '贷款逾期次数', nameEn: 'Loan overdue events', unit: 'count', periodicity: 'year', isFlow: true, sources: ['bank', 'credit'], isKey: false }),
  d({ code: 'court_enforcements', category: 'compliance', nameZh: '被执行案件数', nameEn: 'Court enforcement cases', unit: 'count', periodicity: 'year', isFlow: true, sources: ['credit'], isKey: false }),
  d({ code: 'contract_defaults', category: 'compliance', nameZh: '合同违约次数', nameEn: 'Contract defaults', unit: 'count', periodicity: 'year', isFlow: true, sources: ['credit', 'public_resources'], isKey: false }),
  d({ code: 'utility_arrears', category: 'energy', nameZh: '水电气欠费', nameEn: 'Water, power and gas arrears', unit: 'fen', periodicity: 'year', isFlow: false, sources: ['electricity', 'utilities'], isKey: false }),
  d({ code: 'social_insurance_arrears', category: 'employment', nameZh: '社保欠费', nameEn: 'Social-insurance arrears', unit: 'fen', periodicity: 'year', isFlow: false, sources: ['social_insurance'], isKey: false }),
  d({ code: 'gov_procurement_wins', category: 'operations', nameZh: '政府采购中标次数', nameEn: 'Government procurement awards', unit: 'count', periodicity: 'year', isFlow: true, sources: ['public_resources'], isKey: false }),
  d({ code: 'gov_procurement_amount', category: 'operations', nameZh: '政府采购中标金额', nameEn: 'Government procurement awarded', unit: 'fen', periodicity: 'year', isFlow: true, sources: ['public_resources'], isKey: false }),
  d({ code: 'real_estate_development', category: 'operations', nameZh: '有房地产开发经营活动', nameEn: 'Real-estate development activity', unit: 'boolean', periodicity: 'year', isFlow: false, sources: ['statistics'], isKey: false }),
  // Common enterprise facts of policy texts (issue 12 item 8): quarterly series for 季度 clauses, and the
  // figures 高新/专精特新/稳岗 clauses name. Values are integers in the unit, as everywhere.
  d({ code: 'industrial_output_q', category: 'operations', nameZh: '季度工业总产值', nameEn: 'Gross industrial output (quarter)', unit: 'fen', periodicity: 'quarter', isFlow: true, sources: ['statistics', 'self_reported'], isKey: false }),
  d({ code: 'operating_revenue_q', category: 'operations', nameZh: '季度营业收入', nameEn: 'Operating revenue (quarter)', unit: 'fen', periodicity: 'quarter', isFlow: true, sources: ['statistics', 'tax', 'self_reported'], isKey: false }),
  d({ code: 'total_assets_q', category: 'operations', nameZh: '季末资产总额', nameEn: 'Total assets (quarter end)', unit: 'fen', periodicity: 'quarter', isFlow: false, sources: ['statistics', 'self_reported'], isKey: false }),
  d({ code: 'employees_q', category: 'employment', nameZh: '季末从业人员数', nameEn: 'Employees (quarter end)', unit: 'person', periodicity: 'quarter', isFlow: false, sources: ['statistics', 'social_insurance', 'self_reported'], isKey: false }),
  d({ code: 'equity_financing', category: 'operations', nameZh: '股权融资额', nameEn: 'Equity financing raised', unit: 'fen', periodicity: 'year', isFlow: true, sources: ['market_regulation', 'self_reported'], isKey: false }),
  d({ code: 'layoffs', category: 'employment', nameZh: '裁员人数', nameEn: 'Layoffs', unit: 'person', periodicity: 'year', isFlow: true, sources: ['social_insurance', 'self_reported'], isKey: false }),
  d({ code: 'social_insurance_paid', category: 'employment', nameZh: '实际缴纳社会保险费', nameEn: 'Social-insurance premiums paid', unit: 'fen', periodicity: 'year', isFlow: true, sources: ['social_insurance'], isKey: false }),
  d({ code: 'rd_expense_domestic', category: 'innovation', nameZh: '境内研发费用', nameEn: 'R&D expenditure in China', unit: 'fen', periodicity: 'year', isFlow: true, sources: ['tax', 'self_reported'], isKey: false }),
  d({ code: 'high_tech_revenue', category: 'innovation', nameZh: '高新技术产品（服务）收入', nameEn: 'High-tech product (service) revenue', unit: 'fen', periodicity: 'year', isFlow: true, sources: ['tax', 'self_reported'], isKey: false }),
  d({ code: 'total_income', category: 'tax', nameZh: '收入总额', nameEn: 'Total income', unit: 'fen', periodicity: 'year', isFlow: true, sources: ['tax'], isKey: false }),
  d({ code: 'energy_standard_compliant', category: 'energy', nameZh: '能耗达标（符合能耗限额标准）', nameEn: 'Meets the energy-consumption standards', unit: 'boolean', periodicity: 'year', isFlow: false, sources: ['electricity', 'self_reported'], isKey: false }),
  d({ code: 'wage_arrears', category: 'employment', nameZh: '存在拖欠工资', nameEn: 'Wage arrears', unit: 'boolean', periodicity: 'year', isFlow: false, sources: ['social_insurance', 'credit'], isKey: false }),
  d({ code: 'social_insurance_in_arrears', category: 'employment', nameZh: '存在欠缴社保费', nameEn: 'Social-insurance premiums in arrears', unit: 'boolean', periodicity: 'year', isFlow: false, sources: ['social_insurance'], isKey: false }),
  // Measures (issue 12 item 7): land area in 1/10000 ㎡ (1亩 = 666.67㎡), energy in kg of standard coal.
  d({ code: 'land_area', category: 'operations', nameZh: '用地面积', nameEn: 'Land area', unit: 'area', periodicity: 'year', isFlow: false, sources: ['market_regulation', 'self_reported'], isKey: false }),
  d({ code: 'energy_consumption', category: 'energy', nameZh: '综合能源消费量', nameEn: 'Total energy consumption', unit: 'kgce', periodicity: 'year', isFlow: true, sources: ['statistics', 'self_reported'], isKey: false }),
];

/**
 * The built-in certification types (names only, for the profile's tags). They are registry data: see
 * certification-types.ts and the table `certification_types`, to which administrators add types.
 */
export const CERTIFICATIONS: readonly { code: string; nameZh: string; nameEn: string }[] = BUILT_IN_CERTIFICATION_TYPES;
export type CertificationCode = string;

export function findIndicator(catalogue: readonly IndicatorDefinition[], code: string): IndicatorDefinition | undefined {
  return catalogue.find((indicator) => indicator.code === code);
}

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A period label: "2024", "2024Q3" or "2024-07". */
export interface Period {
  kind: Periodicity;
  year: number;
  /** 1–4 for quarters, 1–12 for months, absent for years. */
  index?: number;
}

/** Parses a period label; returns null when it is not one of the three forms. */
export function parsePeriod(label: string): Period | null {
  let m = YEAR.exec(label);
  if (m) return { kind: 'year', year: Number(m[1]) };
  m = QUARTER.exec(label);
  if (m) return { kind: 'quarter', year: Number(m[1]), index: Number(m[2]) };
  m = MONTH.exec(label);
  if (m) return { kind: 'month', year: Number(m[1]), index: Number(m[2]) };
  return null;
}

export function formatPeriod(period: Period): string {
  if (period.kind === 'year') return String(period.year);
  if (period.kind === 'quarter') return `${period.year}Q${period.index}`;
  return `${period.year}-${String(period.index).padStart(2, '0')}`;
}
